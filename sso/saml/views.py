"""SAML sign-in's addresses: allauth's views, guarded.

- The identity provider's metadata is read before allauth needs it (sso.saml.metadata), so that
  a provider that cannot be reached is a page saying so (502), not an error.
- An answer that cannot be checked at all (not XML, or for a sign-in this browser did not
  start) is refused with the same page as one whose signature or dates are wrong (401).
- The site's metadata is built without the identity provider's, so that its administrator can
  import it before their side is set up (allauth's own view reads both).
"""

import logging

from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.providers.base.constants import AuthError
from allauth.socialaccount.providers.saml import views as allauth_views
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from lxml import etree
from onelogin.saml2.errors import OneLogin_Saml2_ValidationError

from sso.models import OrganisationProvider
from sso.saml.metadata import MetadataUnreachable, sp_metadata
from sso.saml.provider import with_host
from sso.services import provider_idp_metadata_check, provider_social_app
from sso.views import unreachable

logger = logging.getLogger(__name__)


def _provider(organization_slug: str) -> OrganisationProvider:
    provider = (
        OrganisationProvider.objects.enabled()
        .filter(protocol=OrganisationProvider.Protocol.SAML, slug=organization_slug)
        .first()
    )
    if provider is None:
        raise Http404
    return provider


def _guarded(view, request, organization_slug: str):
    provider = _provider(organization_slug)
    try:
        provider_idp_metadata_check(provider=provider)
    except MetadataUnreachable as error:
        return unreachable(request, provider.name, error)
    try:
        return view(request, organization_slug=organization_slug)
    # ValueError: python3-saml's refusals of a DOCTYPE or of bad base64 or compression.
    except (
        PermissionDenied,
        OneLogin_Saml2_ValidationError,
        etree.XMLSyntaxError,
        ValueError,
    ) as error:
        logger.warning("SAML answer from %s refused: %r", provider.name, error)
        social = provider_social_app(provider).get_provider(request)
        return render_authentication_error(
            request,
            social,
            error=AuthError.UNKNOWN,
            exception=error,
            extra_context={"saml_errors": ["invalid_response"]},
        )


def login(request, organization_slug: str):
    return _guarded(allauth_views.login, request, organization_slug)


def finish_acs(request, organization_slug: str):
    return _guarded(allauth_views.finish_acs, request, organization_slug)


def acs(request, organization_slug: str):
    _provider(organization_slug)
    return allauth_views.acs(with_host(request), organization_slug=organization_slug)


def sls(request, organization_slug: str):
    """The site takes part in no SAML single logout: signing out here ends the session here.
    allauth's view would act on an unsigned logout request (anyone's link could sign a learner
    out, and send them on to any address), so there is nothing at this address."""
    raise Http404


def metadata(request, organization_slug: str):
    """Served for a disabled provider too, so that its identity provider can be set up first."""
    provider = OrganisationProvider.objects.filter(
        protocol=OrganisationProvider.Protocol.SAML, slug=organization_slug
    ).first()
    if provider is None:
        raise Http404
    xml = sp_metadata(request, provider_social_app(provider))
    return HttpResponse(xml, content_type="application/samlmetadata+xml")
