"""The learner's own profile. It only ever edits request.user: there is no id in the URL."""

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import ProfileForm
from accounts.staff import is_staff_member
from config.languages import remember_language
from sso.services import signed_in_through_mfa_provider


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, instance=request.user)
    if form.is_valid():
        user = form.save()
        # The profile's language is the reader's choice from now on, on this browser too.
        with translation.override(user.language):
            messages.success(request, _("Your profile has been saved."))
            response = redirect("account_profile")
        remember_language(response, user.language)
        return response
    kinds = set(Authenticator.objects.filter(user=request.user).values_list("type", flat=True))
    sessions = sorted(
        UserSession.objects.purge_and_list(request.user),
        key=lambda session: session.last_seen_at,
        reverse=True,
    )
    context = {
        "form": form,
        "two_step": {
            "app": Authenticator.Type.TOTP in kinds,
            "keys": Authenticator.Type.WEBAUTHN in kinds,
            "required": is_staff_member(request.user),
            "exempt": signed_in_through_mfa_provider(request),
        },
        "sessions": sessions,
        "session_count": len(sessions),
    }
    return render(request, "accounts/profile.html", context)
