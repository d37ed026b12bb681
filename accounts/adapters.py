"""allauth adapter: where learners land after signing in, and failed logins that stay limited.

Everything else (sign-up with email and password only, mandatory verification, no account
enumeration, rate limits) is allauth's own behaviour, configured by the ACCOUNT_* settings.
The flag that offers to import browser-stored progress is set by accounts.signals.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.core.exceptions import ValidationError
from django.urls import reverse


def login_attempts_key(login: str) -> str:
    """The key that failed logins for one account are counted under: its email address alone.

    allauth prefixes the address with the current site's domain, which without
    django.contrib.sites is the request's Host header, port included; a client that changed
    the port (or the host name's case) on every try started a fresh count each time.
    """
    return str(login).strip().lower()


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return super().get_login_redirect_url(request) or reverse("dashboard")

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth's documented place for this key is this (underscored) adapter method; it is
        # used both to count failures and to clear them after a password reset.
        return login_attempts_key(credentials.get("email", credentials.get("username", "")))

    def pre_authenticate(self, request, **credentials):
        """Once an account (or an address) has failed too often, answer 429 with our page.

        allauth shows the limit as a form error with status 200, which a script reads as one
        more wrong password and which looks different from every other limit on the site.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                raise ImmediateHttpResponse(respond_429(request)) from error
            raise
