"""allauth's social-account adapter: organisations' providers come from sso.models, accounts
are made on first sign-in, and failures are told apart on the error page.

What allauth already does and is relied on here (settings SOCIALACCOUNT_*):
- a new person gets an account on first sign-in; their address is verified only when the
  provider vouches for it within its own domains (sso.provider), else allauth asks them to
  confirm it by email like any new account;
- an address that already has an account is never linked silently (no email authentication):
  allauth mails the address's owner instead and shows the usual "check your email" page; the
  owner links the provider from their profile after signing in with their password.
"""

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base.constants import AuthError
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from requests import RequestException

from sso.models import OrganisationProvider
from sso.services import provider_social_app


def failure_kind(error, exception, extra_context=None) -> str:
    """What went wrong, as the error page tells it: the provider could not be reached, the
    provider's answer was refused (an ID token or SAML assertion altered, expired or for
    someone else), or something else."""
    if isinstance(exception, RequestException):
        return "unreachable"
    if isinstance(exception, OAuth2Error) or error == AuthError.DENIED:
        return "refused"
    if (extra_context or {}).get("saml_errors"):
        return "refused"
    return "unknown"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        """The providers as allauth's apps: every enabled one for the sign-in buttons; looked up
        by short name, a disabled one too, so that identities linked through it still show.
        `provider` is a short name, or a kind (`organisation` for OpenID Connect, `saml`)."""
        rows = OrganisationProvider.objects.all()
        if provider is None:
            rows = rows.enabled()
        apps = [
            app
            for app in (provider_social_app(row) for row in rows)
            if provider in (None, app.provider, app.provider_id)
            and (not client_id or app.client_id == client_id)
        ]
        return apps + super().list_apps(request, provider=provider, client_id=client_id)

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.display_name = (data.get("name") or "").strip()[:150]
        user.organisation = (data.get("organisation") or "").strip()[:255]
        return user

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        if extra_context is not None:
            extra_context["failure"] = failure_kind(error, exception, extra_context)
            extra_context["provider_name"] = getattr(provider, "name", "")
        super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )
