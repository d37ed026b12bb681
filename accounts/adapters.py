"""allauth adapter: where learners land after signing in.

Everything else (sign-up with email and password only, mandatory verification, no account
enumeration, rate limits) is allauth's own behaviour, configured by the ACCOUNT_* settings.
The flag that offers to import browser-stored progress is set by accounts.signals.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return super().get_login_redirect_url(request) or reverse("dashboard")
