"""Organisation sign-in over SAML 2.0, against a real identity provider built with pysaml2
(tests/sso/saml_idp.py): the AuthnRequest goes by HTTP-Redirect, the signed Response comes back
by HTTP-POST; the person's part at the provider is played over HTTP."""

import base64
import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from lxml import etree

from tests import factories
from tests.sso.conftest import add_saml_provider
from tests.sso.saml_idp import LocalSamlIdP

pytestmark = pytest.mark.django_db

MD = "urn:oasis:names:tc:SAML:2.0:metadata"


def start(client, slug="espoo", **data):
    """Presses the organisation's button on the login page; returns the provider's address."""
    response = client.post(reverse("saml_login", args=[slug]), data)
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def post_back(client, action: str, fields: dict):
    """The provider's page posts the answer to the site; the browser follows to the finish."""
    assert action.startswith("http://testserver/"), action
    response = client.post(action.removeprefix("http://testserver"), fields)
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(response["Location"])


def sign_in_at(client, idp, login, slug="espoo"):
    return post_back(client, *idp.authorize(start(client, slug), login))


def signed_in_user(client):
    response = client.get(reverse("account_profile"))
    return response.context["user"] if response.status_code == 200 else None


def test_first_sign_in_creates_a_verified_account_and_the_second_finds_it(client, saml_idp, espoo):
    response = sign_in_at(client, saml_idp, "sanna")

    assert response.status_code == 302, response.content.decode()[:1000]
    user = signed_in_user(client)
    assert user is not None and user.email == "sanna.saarinen@espoo.example"
    assert user.display_name == "Sanna Saarinen"
    assert (user.first_name, user.last_name) == ("Sanna", "Saarinen")
    assert user.organisation == "City of Espoo"
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("espoo", "sanna-0001")
    # The request the provider read: ours, for the address registered in our metadata.
    request = saml_idp.received[-1]
    assert request["sp"] == "http://testserver/accounts/saml/espoo/metadata/"
    assert request["acs"] == "http://testserver/accounts/saml/espoo/acs/"

    client.logout()
    sign_in_at(client, saml_idp, "sanna")

    assert signed_in_user(client) == user
    assert get_user_model().objects.count() == 1
    assert SocialAccount.objects.filter(user=user).count() == 1


def test_entra_and_adfs_claim_names_are_read_by_default(client, saml_idp, espoo):
    sign_in_at(client, saml_idp, "entra")

    user = signed_in_user(client)
    assert user.email == "eero@espoo.example"
    assert user.display_name == "Eero Esko"
    assert EmailAddress.objects.get(user=user).verified


def test_an_administrators_attribute_mapping_is_followed(client, saml_idp, db):
    add_saml_provider(saml_idp, client=client, saml_attribute_mapping="name = urn:oid:2.5.4.42\n")

    sign_in_at(client, saml_idp, "sanna")

    assert signed_in_user(client).display_name == "Sanna"


def test_the_sign_in_from_a_swedish_page_uses_the_same_addresses(client, saml_idp, espoo):
    response = client.post("/sv" + reverse("saml_login", args=["espoo"]))

    assert response.status_code == 302
    saml_idp.authorize(response["Location"], "sanna")
    assert saml_idp.received[-1]["acs"] == "http://testserver/accounts/saml/espoo/acs/"


def test_an_address_outside_the_providers_domains_must_be_confirmed_by_email(
    client, saml_idp, espoo
):
    response = sign_in_at(client, saml_idp, "outsider")

    assert signed_in_user(client) is None
    assert response["Location"] == reverse("account_email_verification_sent")
    address = EmailAddress.objects.get()
    assert (address.email, address.verified) == ("olli@elsewhere.example", False)
    assert [message.to for message in mail.outbox] == [["olli@elsewhere.example"]]


@pytest.mark.parametrize("serves_the_domain", [True, False])
def test_a_provider_cannot_take_over_an_existing_account(client, saml_idp, db, serves_the_domain):
    add_saml_provider(
        saml_idp,
        client=client,
        email_domains="elsewhere.example" if serves_the_domain else "",
    )
    owner = factories.make_learner("olli@elsewhere.example", "a-long-passphrase")

    sign_in_at(client, saml_idp, "outsider")

    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()
    assert get_user_model().objects.get() == owner
    assert [message.to for message in mail.outbox] == [["olli@elsewhere.example"]]


def test_the_owner_links_their_organisation_after_signing_in_with_their_password(
    client, saml_idp, db
):
    add_saml_provider(saml_idp, client=client, email_domains="elsewhere.example")
    owner = factories.make_learner("olli@elsewhere.example", "a-long-passphrase")
    client.post(reverse("account_login"), {"login": owner.email, "password": "a-long-passphrase"})

    response = post_back(client, *saml_idp.authorize(start(client, process="connect"), "outsider"))

    assert response["Location"] == reverse("socialaccount_connections")
    assert SocialAccount.objects.get().user == owner
    assert "City of Espoo" in client.get(reverse("socialaccount_connections")).content.decode()
    client.logout()
    sign_in_at(client, saml_idp, "outsider")
    assert signed_in_user(client) == owner


@pytest.mark.parametrize("login", ["tampered", "expired", "unsigned", "sha1"])
def test_an_altered_expired_unsigned_or_weakly_signed_assertion_is_refused_with_a_clear_page(
    client, saml_idp, espoo, login
):
    response = sign_in_at(client, saml_idp, login)

    assert response.status_code == 401
    html = response.content.decode()
    assert 'data-failure="refused"' in html
    assert "We could not confirm the answer from City of Espoo" in html
    assert signed_in_user(client) is None
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("login", ["unbound", "transient"])
def test_an_assertion_bound_to_no_request_or_naming_nobody_for_long_is_refused(
    client, saml_idp, espoo, login
):
    """ "unbound": the signed assertion names no request, so the envelope's could have been
    rewritten to another browser's; "transient": a NameID that changes at every sign-in."""
    response = sign_in_at(client, saml_idp, login)

    assert response.status_code == 401
    assert 'data-failure="refused"' in response.content.decode()
    assert signed_in_user(client) is None
    assert not get_user_model().objects.exists()


def test_an_answer_that_is_not_saml_is_refused_with_a_clear_page(client, saml_idp, espoo):
    start(client)
    acs = reverse("saml_acs", args=["espoo"])

    junk_answers = [
        "not base64 at all",
        base64.b64encode(b"<not-saml/>").decode(),
        base64.b64encode(b"<samlp:Response unclosed").decode(),
        # python3-saml refuses any DOCTYPE (entity expansion) with a ValueError of its own.
        base64.b64encode(
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]>'
            b'<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;'
            b"</samlp:Response>"
        ).decode(),
    ]
    for junk in junk_answers:
        response = post_back(client, "http://testserver" + acs, {"SAMLResponse": junk})

        assert response.status_code == 401
        assert 'data-failure="refused"' in response.content.decode()
    assert signed_in_user(client) is None


def test_an_answer_replayed_in_another_browser_is_refused(client, saml_idp, espoo):
    from django.test import Client

    action, fields = saml_idp.authorize(start(client), "sanna")

    response = post_back(Client(), action, fields)

    assert response.status_code == 401
    assert not get_user_model().objects.exists()


def test_a_provider_whose_metadata_cannot_be_read_gives_a_clear_page(client, db):
    stopped = LocalSamlIdP(accounts={}).start()
    stopped.stop()  # nothing listens on its port any more
    add_saml_provider(stopped)

    response = client.post(reverse("saml_login", args=["espoo"]))

    assert response.status_code == 502
    html = response.content.decode()
    assert 'data-failure="unreachable"' in html
    assert "The sign-in service of City of Espoo did not answer" in html

    response = client.post(reverse("sso_discover"), {"email": "someone@espoo.example"})
    assert response.status_code == 502
    assert 'data-failure="unreachable"' in response.content.decode()


def test_metadata_for_another_entity_gives_a_clear_page(client, saml_idp, db):
    add_saml_provider(saml_idp, saml_entity_id="https://not-this-one.example/idp")

    response = client.post(reverse("saml_login", args=["espoo"]))

    assert response.status_code == 502
    assert 'data-failure="unreachable"' in response.content.decode()


# --- the site's metadata ---------------------------------------------------------------------


def test_the_sites_metadata_names_its_entity_and_assertion_consumer_service(client, saml_idp, db):
    add_saml_provider(saml_idp)

    response = client.get(reverse("saml_metadata", args=["espoo"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/samlmetadata+xml")
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{MD}}}EntityDescriptor"
    assert root.get("entityID") == "http://testserver/accounts/saml/espoo/metadata/"
    sp = root.find(f"{{{MD}}}SPSSODescriptor")
    assert sp.get("WantAssertionsSigned") == "true"
    acs = sp.find(f"{{{MD}}}AssertionConsumerService")
    assert acs.get("Location") == "http://testserver/accounts/saml/espoo/acs/"
    assert acs.get("Binding") == "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
    # The same in every language: it is registered once with the identity provider.
    swedish = client.get("/sv" + reverse("saml_metadata", args=["espoo"]))
    assert swedish.content == response.content
    assert client.get(reverse("saml_metadata", args=["nobody"])).status_code == 404


def test_the_sites_metadata_is_served_before_the_provider_is_enabled(client, saml_idp, db):
    add_saml_provider(saml_idp, enabled=False)

    response = client.get(reverse("saml_metadata", args=["espoo"]))

    assert response.status_code == 200
    assert b"/accounts/saml/espoo/acs/" in response.content


# --- home-realm discovery and the login page -------------------------------------------------


def test_an_address_at_the_organisations_domain_goes_to_its_saml_provider(client, saml_idp, espoo):
    response = client.post(
        reverse("sso_discover"), {"email": "Sanna.Saarinen@ESPOO.example", "next": "/modules/"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(f"{saml_idp.base}/sso/redirect?SAMLRequest=")
    back = post_back(client, *saml_idp.authorize(response["Location"], "sanna"))
    assert back["Location"] == "/modules/"
    assert signed_in_user(client).email == "sanna.saarinen@espoo.example"


def test_the_login_page_lists_saml_providers_beside_openid_connect_ones(client, saml_idp, espoo):
    from tests.sso.conftest import add_provider

    add_provider("https://login.tampere.example")

    response = client.get(reverse("account_login"))

    html = response.content.decode()
    assert reverse("saml_login", args=["espoo"]) in html
    assert reverse("organisation_login", args=["tampere"]) in html
    assert html.index("City of Espoo") < html.index("City of Tampere")
    form_action = next(
        part
        for part in response["Content-Security-Policy"].split(";")
        if part.strip().startswith("form-action")
    )
    assert saml_idp.base in form_action


def test_a_disabled_saml_provider_signs_nobody_in(client, saml_idp, espoo):
    espoo.enabled = False
    espoo.save()

    assert client.post(reverse("saml_login", args=["espoo"])).status_code == 404
    assert client.post(reverse("saml_acs", args=["espoo"])).status_code == 404


def test_a_saml_provider_given_as_pasted_metadata_signs_people_in(client, saml_idp, db):
    add_saml_provider(
        saml_idp, client=client, saml_metadata_url="", saml_metadata_xml=saml_idp.metadata_xml()
    )

    sign_in_at(client, saml_idp, "sanna")

    assert signed_in_user(client).email == "sanna.saarinen@espoo.example"


# --- staff and two-step sign-in --------------------------------------------------------------


@pytest.mark.staff_without_mfa
@pytest.mark.parametrize(
    ("asserts_mfa", "login", "exempt"),
    [
        (True, "mikko", True),  # the setting, and the assertion's context is REFEDS MFA
        (False, "mikko", False),  # a second factor, but the provider is not marked
        (True, "sanna", False),  # marked, but this assertion says a password only
    ],
)
def test_staff_signed_in_through_a_saml_provider_that_asks_for_a_second_step_are_exempt(
    client, saml_idp, db, asserts_mfa, login, exempt
):
    add_saml_provider(saml_idp, client=client, asserts_mfa=asserts_mfa)
    sign_in_at(client, saml_idp, login)
    editor = signed_in_user(client)
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))

    response = client.get("/admin/")
    profile = client.get(reverse("account_profile")).content.decode()

    if exempt:
        assert response.status_code == 200
        assert "whose sign-in asks for a second step itself, so the admin opens" in profile
    else:
        assert response["Location"] == reverse("mfa_index")
        assert "you must turn it on before you can open the admin, unless" in profile


# --- what the site refuses to do ---------------------------------------------------------------


def test_a_logout_request_signs_nobody_out_and_sends_nobody_anywhere(client, saml_idp, espoo):
    sign_in_at(client, saml_idp, "sanna")
    user = signed_in_user(client)
    assert user is not None
    forged = base64.b64encode(
        b'<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        b'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_x" Version="2.0" '
        b'IssueInstant="2026-12-01T12:00:00Z"><saml:NameID>sanna-0001</saml:NameID>'
        b"</samlp:LogoutRequest>"
    ).decode()

    response = client.get(
        reverse("saml_sls", args=["espoo"]),
        {"SAMLRequest": forged, "RelayState": "https://evil.example/phish"},
    )

    assert response.status_code == 404
    assert signed_in_user(client) == user
    # Nor does the site's metadata offer a logout address.
    metadata = client.get(reverse("saml_metadata", args=["espoo"])).content
    assert b"SingleLogoutService" not in metadata


@pytest.mark.parametrize(
    "address",
    ["http://idp.espoo.example/metadata", "ftp://idp.espoo.example/metadata.xml"],
)
def test_metadata_is_read_over_https_only(db, address):
    from django.core.exceptions import ValidationError

    from sso.models import OrganisationProvider

    provider = OrganisationProvider(
        protocol=OrganisationProvider.Protocol.SAML,
        name="City of Espoo",
        slug="espoo",
        saml_entity_id="https://idp.espoo.example/idp",
        saml_metadata_url=address,
    )
    with pytest.raises(ValidationError) as error:
        provider.full_clean()
    assert "saml_metadata_url" in error.value.message_dict

    provider.saml_metadata_url = "https://idp.espoo.example/metadata"
    provider.full_clean()


@contextlib.contextmanager
def metadata_address_answering(status: int, headers=()):
    """A SAML provider whose metadata address (on loopback) answers every GET with `status` and
    `headers`; yields the provider and the paths asked for."""
    from sso.models import OrganisationProvider

    hits = []

    class Answer(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        provider = OrganisationProvider.objects.create(
            protocol=OrganisationProvider.Protocol.SAML,
            name="City of Espoo",
            slug="espoo",
            saml_entity_id="https://idp.espoo.example/idp",
            saml_metadata_url=f"http://127.0.0.1:{server.server_port}/metadata",
            email_domains="espoo.example",
        )
        yield provider, hits
    finally:
        server.shutdown()
        server.server_close()


def test_a_metadata_address_that_redirects_to_plain_http_gives_a_clear_page(client, db):
    with metadata_address_answering(302, [("Location", "http://idp.espoo.example/metadata")]):
        response = client.post(reverse("saml_login", args=["espoo"]))

    assert response.status_code == 502
    assert 'data-failure="unreachable"' in response.content.decode()


def test_a_provider_that_is_down_is_asked_once_a_minute_until_it_is_saved_again(client, db):
    with metadata_address_answering(503) as (provider, hits):
        for _ in range(3):
            response = client.post(reverse("saml_login", args=["espoo"]))
            assert response.status_code == 502
        assert len(hits) == 1

        provider.save()  # an administrator corrects it
        assert client.post(reverse("saml_login", args=["espoo"])).status_code == 502
        assert len(hits) == 2
