"""Reading and changing organisations' sign-in providers.

The admin (sso.wagtail_hooks), the management command and the login page all go through these
functions, so that a provider is looked up, checked and removed the same way everywhere.
"""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.db import transaction

from sso.models import OrganisationProvider
from sso.provider import PROVIDER, email_domain


def provider_social_app(provider: OrganisationProvider) -> SocialApp:
    """The provider as allauth's (unsaved) social app."""
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


def provider_origins() -> list[str]:
    """The origins of the enabled providers, which the sign-in forms' CSP must allow."""
    origins = []
    for issuer in OrganisationProvider.objects.enabled().values_list("issuer", flat=True):
        scheme, _, rest = issuer.partition("://")
        origin = f"{scheme}://{rest.split('/', 1)[0]}"
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
    itself (allauth records each way the session was authenticated)."""
    used = {
        record.get("provider")
        for record in get_authentication_records(request, request.user)
        if record.get("method") == "socialaccount"
    }
    return bool(used & providers_asserting_mfa())


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
