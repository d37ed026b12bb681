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
    # Signed in with a password and a one-time code, as the ID token's amr says (RFC 8176).
    "maija": {
        "claims": {
            "email": "maija.makela@tampere.example",
            "email_verified": True,
            "name": "Maija Mäkelä",
        },
        "id_token": {"amr": ["pwd", "otp"]},
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


# --- SAML ------------------------------------------------------------------------------------

# People at the local SAML identity provider (tests/sso/saml_idp.py), by login name. Attribute
# names are the LDAP ones, which the provider sends as their urn:oid: names.
SAML_ACCOUNTS = {
    "sanna": {
        "name_id": "sanna-0001",
        "attributes": {
            "mail": "sanna.saarinen@espoo.example",
            "givenName": "Sanna",
            "sn": "Saarinen",
            "displayName": "Sanna Saarinen",
            "o": "City of Espoo",
        },
    },
    # Entra ID / ADFS claim names, and no display name.
    "entra": {
        "name_id": "entra-0002",
        "attributes": {
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress": (
                "eero@espoo.example"
            ),
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname": "Eero",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname": "Esko",
        },
    },
    # An address at a domain the provider does not serve.
    "outsider": {
        "name_id": "outsider-0003",
        "attributes": {"mail": "olli@elsewhere.example", "displayName": "Olli"},
    },
    # Signed in with a second factor, as the assertion's authentication context says.
    "mikko": {
        "name_id": "mikko-0009",
        "attributes": {"mail": "mikko@espoo.example", "displayName": "Mikko"},
        "authn_class": "https://refeds.org/profile/mfa",
    },
    "tampered": {
        "name_id": "tampered-0004",
        "attributes": {"mail": "tove@espoo.example"},
        "tamper": "tamper",
        "tamper_to": "admin@espoo.example",
    },
    "expired": {
        "name_id": "expired-0005",
        "attributes": {"mail": "erik@espoo.example"},
        "tamper": "expired",
    },
    "unsigned": {
        "name_id": "unsigned-0006",
        "attributes": {"mail": "ulla@espoo.example"},
        "tamper": "unsigned",
    },
    "sha1": {
        "name_id": "sha1-0007",
        "attributes": {"mail": "sakari@espoo.example"},
        "tamper": "sha1",
    },
    "unbound": {
        "name_id": "unbound-0008",
        "attributes": {"mail": "ulf@espoo.example"},
        "tamper": "unbound",
    },
    "transient": {
        "name_id": "_3f9a0c2e7b",
        "attributes": {"mail": "tuula@espoo.example"},
        "tamper": "transient",
    },
}


@pytest.fixture(scope="module")
def saml_idp():
    from tests.sso.saml_idp import LocalSamlIdP

    provider = LocalSamlIdP(accounts=SAML_ACCOUNTS).start()
    yield provider
    provider.stop()


def add_saml_provider(idp, *, slug="espoo", name="City of Espoo", client=None, **fields):
    """A SAML provider reading `idp`'s metadata address; with `client`, the identity provider
    is given the site's metadata for it, as its administrator would import it."""
    from sso.models import OrganisationProvider

    values = {
        "protocol": OrganisationProvider.Protocol.SAML,
        "name": name,
        "slug": slug,
        "saml_entity_id": idp.entity_id,
        "saml_metadata_url": idp.metadata_url,
        "email_domains": "espoo.example",
    }
    values.update(fields)
    provider = OrganisationProvider.objects.create(**values)
    if client is not None:
        from django.urls import reverse

        response = client.get(reverse("saml_metadata", args=[slug]))
        assert response.status_code == 200
        idp.trust(response.content.decode())
    return provider


@pytest.fixture
def espoo(db, client, saml_idp):
    return add_saml_provider(saml_idp, client=client)
