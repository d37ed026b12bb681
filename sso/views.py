"""Organisation sign-in: an OpenID Connect provider's login and callback (allauth's, guarded;
SAML's are sso.saml.views), and home-realm discovery (an address's domain chooses the provider,
of either kind).

allauth's views answer a provider that fails during the exchange with its error page, but not a
provider that cannot be reached while the sign-in starts (its configuration document is read
then), which would be a 500; here that is a page saying so, with status 502.
"""

import logging

from allauth.account.utils import get_next_redirect_url
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base.constants import AuthProcess
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from requests import RequestException

from sso.forms import DiscoveryForm
from sso.models import OrganisationProvider
from sso.provider import OrganisationOAuth2Adapter
from sso.saml.metadata import MetadataUnreachable
from sso.services import provider_for_email, provider_idp_metadata_check

logger = logging.getLogger(__name__)


def unreachable(request, provider_name: str, error: Exception):
    logger.warning("Sign-in provider %s could not be reached: %s", provider_name, error)
    return render(
        request,
        "socialaccount/authentication_error.html",
        {"failure": "unreachable", "provider_name": provider_name},
        status=502,
    )


def _provider_view(view_class, request, provider_id: str):
    provider = (
        OrganisationProvider.objects.enabled()
        .filter(protocol=OrganisationProvider.Protocol.OIDC, slug=provider_id)
        .first()
    )
    if provider is None:
        raise Http404
    try:
        view = view_class.adapter_view(OrganisationOAuth2Adapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error
    except RequestException as error:
        return unreachable(request, provider.name, error)


def login(request, provider_id: str):
    return _provider_view(OAuth2LoginView, request, provider_id)


def callback(request, provider_id: str):
    return _provider_view(OAuth2CallbackView, request, provider_id)


def _login_page(next_url: str | None) -> str:
    url = reverse("account_login")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@require_POST
def discover(request):
    """Sends the person to the provider serving their address's domain, or back to the password
    form when none does."""
    next_url = get_next_redirect_url(request)
    form = DiscoveryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter your work email address to find your organisation."))
        return HttpResponseRedirect(_login_page(next_url))
    email = form.cleaned_data["email"]
    provider = provider_for_email(email)
    if provider is None:
        messages.info(
            request,
            _(
                "Your organisation does not sign you in here. Sign in with your email address "
                "and password instead."
            ),
        )
        return HttpResponseRedirect(_login_page(next_url))
    social = get_adapter(request).get_provider(request, provider.slug)
    try:
        if provider.protocol == OrganisationProvider.Protocol.SAML:
            # SAML has no standard hint of who is signing in.
            provider_idp_metadata_check(provider=provider)
            return social.redirect(request, process=AuthProcess.LOGIN, next_url=next_url)
        return social.redirect(
            request,
            process=AuthProcess.LOGIN,
            next_url=next_url,
            auth_params={**social.get_auth_params(), "login_hint": email},
        )
    except (RequestException, MetadataUnreachable) as error:
        return unreachable(request, provider.name, error)
