"""Deleting one's own account: a page that says what will happen, a recent password, a tick.

Only ever request.user: there is no id in the URL and none is read from the form. Allauth asks
for the password again unless it was given in the last ACCOUNT_REAUTHENTICATION_TIMEOUT seconds
(a POST that comes later is held, and carried out once the password is given). The deletion
itself is accounts.services.deletion.account_delete, the same path staff use.
"""

from allauth.account.decorators import reauthentication_required
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.data_registry import Audience, Erasure, declarations
from accounts.forms import AccountDeleteForm
from accounts.services.deletion import account_delete
from events.models import EventRegistration

# Set in the new, anonymous session after a deletion, so that only the person who just deleted
# their account is told so.
JUST_DELETED = "account_just_deleted"


def erased_summary(user) -> list[dict]:
    """What the learner holds, by the registry's categories, with how many records each."""
    summary: dict[str, int] = {}
    for entry in declarations():
        if Audience.LEARNER not in entry.seen_by or entry.owner == "":
            continue
        if entry.erasure not in (Erasure.DELETE, Erasure.ADDRESS):
            continue
        count = entry.rows_for(user).count()
        if count:
            category = str(entry.category)
            summary[category] = summary.get(category, 0) + count
    return [{"category": category, "count": count} for category, count in summary.items()]


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def account_delete_view(request):
    user = request.user
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            account_delete(user=user)
        except type(user).DoesNotExist:
            pass  # the same form sent twice at once: the first one deleted it
        logout(request)
        request.session[JUST_DELETED] = True
        return redirect("account_delete_done")
    seats = (
        EventRegistration.objects.filter(user=user, event__start__gt=timezone.now())
        .active()
        .select_related("event")
        .order_by("event__start")
    )
    context = {
        "form": form,
        "summary": erased_summary(user),
        "seats": list(seats),
        "certificates": user.certificates.count(),
    }
    return render(request, "accounts/delete.html", context)


@require_GET
def account_delete_done(request):
    if not request.session.pop(JUST_DELETED, False):
        return redirect("/")
    return render(request, "accounts/delete_done.html")
