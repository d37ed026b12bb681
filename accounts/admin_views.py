"""Staff side of data rights: an administrator exports or deletes a learner's data on request.

The same services as the learner's own export and deletion do the work; every action is
recorded (who, when, which account id, never the data itself). Only administrators may use it,
and only on learners' accounts: staff accounts are managed under Settings → Users.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.data_registry import declarations
from accounts.models import DataRequestAction, DataRequestLog
from accounts.services.data_requests import data_request_record
from accounts.services.deletion import account_delete
from accounts.services.export import personal_data_export_response

RECENT_REQUESTS = 50


class AccountLookupForm(forms.Form):
    account = forms.CharField(
        label=gettext_lazy("Account"),
        max_length=254,
        help_text=gettext_lazy("The learner's email address or account number."),
    )

    def clean_account(self):
        value = self.cleaned_data["account"].strip()
        users = get_user_model().objects
        found = (
            users.filter(pk=int(value)).first()
            if value.isdecimal() and len(value) < 19
            else users.filter(email__iexact=value).first()
        )
        if found is None:
            raise forms.ValidationError(_("There is no account with that address or number."))
        if found.is_staff or found.is_superuser:
            raise forms.ValidationError(
                _("This is a staff account: manage it under Settings → Users.")
            )
        return found


class DataRequestForm(AccountLookupForm):
    action = forms.ChoiceField(choices=DataRequestAction.choices)
    confirm = forms.BooleanField(
        required=False,
        label=gettext_lazy("I have checked that this request comes from the account's owner."),
    )

    def clean_confirm(self):
        if not self.cleaned_data.get("confirm"):
            raise forms.ValidationError(_("Confirm that the request is genuine first."))
        return True


def _require_administrator(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def _row_counts(user) -> list[tuple[str, int]]:
    """How many rows each kind of data has for the account: enough to act, no contents."""
    counts: dict[str, int] = {}
    for entry in declarations():
        category = str(entry.category)
        counts[category] = counts.get(category, 0) + entry.rows_for(user).count()
    return [(category, count) for category, count in counts.items() if count]


@require_http_methods(["GET", "POST"])
def data_requests(request):
    _require_administrator(request)
    account = None
    lookup = AccountLookupForm(request.GET or None)
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, action = form.cleaned_data["account"], form.cleaned_data["action"]
        if action == DataRequestAction.EXPORT:
            data_request_record(action=action, account_id=user.pk, by=request.user)
            return personal_data_export_response(user)
        account_id = user.pk
        account_delete(user=user, by=request.user)  # records the request itself
        messages.success(
            request, _("Account %(id)s and its data were deleted.") % {"id": account_id}
        )
        return redirect("data_requests")
    if request.method == "GET" and lookup.is_valid():
        account = lookup.cleaned_data["account"]
        form = DataRequestForm(initial={"account": account.pk})
    context = {
        "lookup": lookup,
        "form": form,
        "account": account or (form.cleaned_data.get("account") if form.is_bound else None),
        "counts": _row_counts(account) if account else [],
        "recent": DataRequestLog.objects.select_related("staff")[:RECENT_REQUESTS],
        "page_title": _("Learners' data requests"),
        "header_icon": "lock",
    }
    return TemplateResponse(request, "accounts/admin/data_requests.html", context)
