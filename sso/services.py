"""Reading and changing organisations' sign-in providers.

The admin (sso.wagtail_hooks), the management command and the login page all go through these
functions, so that a provider is looked up, checked and removed the same way everywhere.
"""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.db import transaction

from sso import second_factor
from sso.models import OrganisationProvider, email_domain
from sso.provider import PROVIDER
from sso.saml.metadata import (
    SECURITY,
    cached_idp_metadata,
    idp_metadata_fetch,
    idp_settings_from_xml,
)
from sso.saml.provider import OrganisationSAMLProvider

SAML = OrganisationProvider.Protocol.SAML


def provider_social_app(provider: OrganisationProvider) -> SocialApp:
    """The provider as allauth's (unsaved) social app. A SAML one's client ID is its short name:
    allauth's SAML views look the app up by the organisation part of their address."""
    if provider.protocol == SAML:
        if provider.saml_metadata_url:
            idp = {"entity_id": provider.saml_entity_id, "metadata_url": provider.saml_metadata_url}
        else:
            idp = idp_settings_from_xml(provider.saml_metadata_xml, provider.saml_entity_id)
        return SocialApp(
            provider=OrganisationSAMLProvider.id,
            provider_id=provider.slug,
            name=provider.name,
            client_id=provider.slug,
            settings={
                "idp": idp,
                "attribute_mapping": provider.attribute_mapping,
                "advanced": dict(SECURITY),
                "email_domains": provider.domain_list,
                "asserts_mfa": provider.asserts_mfa,
            },
        )
    return SocialApp(
        provider=PROVIDER,
        provider_id=provider.slug,
        name=provider.name,
        client_id=provider.client_id,
        secret=provider.client_secret,
        settings={
            "server_url": provider.issuer,
            "scope": provider.scope_list,
            "email_domains": provider.domain_list,
            "asserts_mfa": provider.asserts_mfa,
        },
    )


def provider_for_email(email: str) -> OrganisationProvider | None:
    """The enabled provider serving the address's domain (home-realm discovery), if any."""
    domain = email_domain(email or "")
    if not domain:
        return None
    for provider in OrganisationProvider.objects.enabled():
        if domain in provider.domain_list:
            return provider
    return None


def provider_idp_metadata_check(*, provider: OrganisationProvider) -> None:
    """Reads a SAML provider's metadata from its address unless read lately; raises
    sso.saml.metadata.MetadataUnreachable when it cannot be read or used. Pasted metadata was
    checked when it was saved."""
    if provider.protocol == SAML and provider.saml_metadata_url:
        idp_metadata_fetch(
            metadata_url=provider.saml_metadata_url, entity_id=provider.saml_entity_id
        )


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def _sign_in_urls(provider: OrganisationProvider) -> list[str]:
    """Where the browser is sent to sign in: the OpenID Connect issuer; a SAML provider's
    sign-in address (from its pasted metadata, or from its metadata as last read) and the host
    of its metadata address, where the sign-in address usually is too."""
    if provider.protocol != SAML:
        return [provider.issuer]
    if provider.saml_metadata_xml:
        idp = idp_settings_from_xml(provider.saml_metadata_xml, provider.saml_entity_id)
        return [idp["sso_url"]]
    urls = [provider.saml_metadata_url]
    parsed = cached_idp_metadata(provider.saml_metadata_url, provider.saml_entity_id)
    if parsed:
        urls.append(parsed["idp"]["singleSignOnService"]["url"])
    return urls


def provider_origins() -> list[str]:
    """The origins of the enabled providers, which the sign-in forms' CSP must allow."""
    origins = []
    for provider in OrganisationProvider.objects.enabled():
        for url in _sign_in_urls(provider):
            origin = _origin(url)
            if origin not in origins:
                origins.append(origin)
    return origins


def providers_asserting_mfa() -> set[str]:
    return set(
        OrganisationProvider.objects.enabled()
        .filter(asserts_mfa=True)
        .values_list("slug", flat=True)
    )


def signed_in_through_mfa_provider(request) -> bool:
    """Whether this session's sign-in went through a provider marked as asking for a second step
    itself (allauth records each way the session was authenticated), and that sign-in's answer
    said a second factor was used (sso.second_factor)."""
    proven = second_factor.proven_by(request)
    if not proven:
        return False
    used = {
        record.get("provider")
        for record in get_authentication_records(request, request.user)
        if record.get("method") == "socialaccount"
    }
    return proven in used and proven in providers_asserting_mfa()


def provider_save(*, provider: OrganisationProvider) -> OrganisationProvider:
    """Validates and saves `provider` (raises ValidationError with the reasons)."""
    provider.full_clean()
    provider.save()
    return provider


@transaction.atomic
def provider_remove(*, provider: OrganisationProvider) -> int:
    """Removes the provider and the identities linked through it; returns how many links went.

    The accounts stay: their owners sign in with a password (or set one by email) from then on.
    """
    removed, _ = SocialAccount.objects.filter(provider=provider.slug).delete()
    provider.delete()
    return removed
