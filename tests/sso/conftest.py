"""The local OpenID Connect provider (tests/sso/idp.py) and the organisations set up with it."""

import pytest

from tests.sso.idp import CLIENT_ID, CLIENT_SECRET, LocalIdP, node_available

# People at the local provider, by login name.
ACCOUNTS = {
    "anna": {
        "claims": {
            "email": "anna.virtanen@tampere.example",
            "email_verified": True,
            "name": "Anna Virtanen",
            "given_name": "Anna",
            "family_name": "Virtanen",
            "organization": "City of Tampere",
        }
    },
    # Says the address is verified, but the domain is not one the provider serves.
    "outsider": {
        "claims": {"email": "olli@elsewhere.example", "email_verified": True, "name": "Olli"}
    },
    # Vouches for nothing.
    "unverified": {
        "claims": {"email": "ursula@tampere.example", "email_verified": False, "name": "Ursula"}
    },
    "tampered": {
        "claims": {"email": "tove@tampere.example", "email_verified": True},
        "tamper": "signature",
    },
    "expired": {
        "claims": {"email": "erik@tampere.example", "email_verified": True},
        "tamper": "expired",
    },
}


def callback_uri(base: str, slug: str) -> str:
    return f"{base}/accounts/organisation/{slug}/login/callback/"


def start_idp(base_urls: list[str], slugs=("tampere", "mfa-city")) -> LocalIdP:
    if not node_available():
        pytest.skip("Node.js is not installed")
    uris = [callback_uri(base, slug) for base in base_urls for slug in slugs]
    return LocalIdP(redirect_uris=uris, accounts=ACCOUNTS).start()


@pytest.fixture(scope="module")
def idp():
    provider = start_idp(["http://testserver"])
    yield provider
    provider.stop()


def add_provider(issuer: str, *, slug="tampere", name="City of Tampere", **fields):
    from sso.models import OrganisationProvider

    values = {
        "name": name,
        "slug": slug,
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "email_domains": "tampere.example",
    }
    values.update(fields)
    return OrganisationProvider.objects.create(**values)


@pytest.fixture
def tampere(db, idp):
    return add_provider(idp.issuer)
