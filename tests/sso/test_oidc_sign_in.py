"""Organisation sign-in over OpenID Connect, against a real provider (tests/sso/idp.py): the
exchanges are real; the person's part at the provider is played over HTTP."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests import factories
from tests.sso.conftest import add_provider

pytestmark = pytest.mark.django_db


def start(client, slug="tampere", **data):
    """Presses the organisation's button on the login page; returns the provider's address."""
    response = client.post(reverse("organisation_login", args=[slug]), data)
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def come_back(client, callback: str):
    assert callback.startswith("http://testserver/"), callback
    return client.get(callback.removeprefix("http://testserver"))


def sign_in_at(client, idp, login, slug="tampere", *, cancel=False):
    return come_back(client, idp.authorize(start(client, slug), login, cancel=cancel))


def signed_in_user(client):
    response = client.get(reverse("account_profile"))
    return response.context["user"] if response.status_code == 200 else None


def test_first_sign_in_creates_a_verified_account_and_the_second_finds_it(client, idp, tampere):
    response = sign_in_at(client, idp, "anna")

    assert response.status_code == 302
    user = signed_in_user(client)
    assert user is not None and user.email == "anna.virtanen@tampere.example"
    assert user.display_name == "Anna Virtanen"
    assert (user.first_name, user.last_name) == ("Anna", "Virtanen")
    assert user.organisation == "City of Tampere"
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    sign_in_at(client, idp, "anna")

    assert signed_in_user(client) == user
    assert get_user_model().objects.count() == 1
    assert SocialAccount.objects.filter(user=user, provider="tampere").count() == 1


@pytest.mark.parametrize("login", ["outsider", "unverified"])
def test_an_address_the_provider_does_not_vouch_for_must_be_confirmed_by_email(
    client, idp, tampere, login
):
    response = sign_in_at(client, idp, login)

    assert signed_in_user(client) is None
    assert response["Location"] == reverse("account_email_verification_sent")
    address = EmailAddress.objects.get()
    assert not address.verified
    assert [message.to for message in mail.outbox] == [[address.email]]


@pytest.mark.parametrize("verified", [True, False])
def test_a_provider_cannot_take_over_an_existing_account(client, idp, verified):
    add_provider(idp.issuer, email_domains="elsewhere.example" if verified else "")
    owner = factories.make_learner("olli@elsewhere.example")

    sign_in_at(client, idp, "outsider")

    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()
    assert get_user_model().objects.get() == owner
    # The owner hears of it, and links the organisation themselves after signing in.
    assert [message.to for message in mail.outbox] == [["olli@elsewhere.example"]]


def test_the_owner_links_their_organisation_after_signing_in_with_their_password(client, idp):
    add_provider(idp.issuer, email_domains="elsewhere.example")
    owner = factories.make_learner("olli@elsewhere.example", "a-long-passphrase")
    client.post(reverse("account_login"), {"login": owner.email, "password": "a-long-passphrase"})

    start_url = start(client, process="connect")
    response = come_back(client, idp.authorize(start_url, "outsider"))

    assert response["Location"] == reverse("socialaccount_connections")
    assert SocialAccount.objects.get().user == owner
    client.logout()
    sign_in_at(client, idp, "outsider")
    assert signed_in_user(client) == owner


@pytest.mark.parametrize("login", ["tampered", "expired"])
def test_an_altered_or_expired_id_token_is_refused_with_a_clear_page(client, idp, tampere, login):
    response = sign_in_at(client, idp, login)

    assert response.status_code == 401
    html = response.content.decode()
    assert 'data-failure="refused"' in html
    assert "We could not confirm the answer from City of Tampere" in html
    assert signed_in_user(client) is None
    assert not get_user_model().objects.exists()


def test_a_provider_that_is_down_gives_a_clear_page(client, db):
    from tests.sso.idp import LocalIdP

    stopped = LocalIdP(redirect_uris=["http://testserver/"], accounts={}).start()
    issuer = stopped.issuer
    stopped.stop()  # nothing listens on its port any more
    add_provider(issuer)

    response = client.post(reverse("organisation_login", args=["tampere"]))

    assert response.status_code == 502
    html = response.content.decode()
    assert 'data-failure="unreachable"' in html
    assert "The sign-in service of City of Tampere did not answer" in html


def test_cancelling_at_the_provider_says_so(client, idp, tampere):
    response = sign_in_at(client, idp, "anna", cancel=True)

    page = client.get(response["Location"])
    assert "You cancelled signing in at your organisation" in page.content.decode()
    assert signed_in_user(client) is None


# --- home-realm discovery --------------------------------------------------------------------


def test_the_login_page_offers_the_organisations_and_allows_their_form_action(client, tampere):
    response = client.get(reverse("account_login"))

    html = response.content.decode()
    assert "Sign in with your organisation" in html
    # The password form beneath is a section of its own, with its own heading.
    assert '<h2 class="account-password-heading">Or sign in with your email address and' in html
    assert reverse("sso_discover") in html
    assert reverse("organisation_login", args=["tampere"]) in html
    form_action = next(
        part
        for part in response["Content-Security-Policy"].split(";")
        if part.strip().startswith("form-action")
    )
    assert tampere.issuer in form_action


def test_the_login_page_without_providers_has_no_organisation_section(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert "Sign in with your organisation" not in html
    assert "Or sign in with your email address" not in html


def test_an_address_at_an_organisations_domain_goes_to_its_provider(client, idp, tampere):
    add_provider(idp.issuer, slug="mfa-city", name="Other City", email_domains="other.example")

    response = client.post(
        reverse("sso_discover"), {"email": "Anna.Virtanen@TAMPERE.example", "next": "/modules/"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(f"{idp.issuer}/auth?")
    assert "login_hint=Anna.Virtanen%40TAMPERE.example" in response["Location"]
    assert (
        "redirect_uri=http%3A%2F%2Ftestserver%2Faccounts%2Forganisation%2Ftampere%2F"
        in (response["Location"])
    )
    back = come_back(client, idp.authorize(response["Location"], "anna"))
    assert back["Location"] == "/modules/"
    assert signed_in_user(client).email == "anna.virtanen@tampere.example"


def test_an_address_no_organisation_serves_goes_back_to_the_password_form(client, tampere):
    response = client.post(reverse("sso_discover"), {"email": "someone@gmail.example"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert "Sign in with your email address and password instead" in response.content.decode()


def test_a_malformed_address_is_a_form_message_not_an_error(client, tampere):
    response = client.post(reverse("sso_discover"), {"email": "not an address"}, follow=True)

    assert response.status_code == 200
    assert "Enter your work email address" in response.content.decode()
    assert client.get(reverse("sso_discover")).status_code == 405


def test_a_disabled_provider_signs_nobody_in(client, tampere):
    tampere.enabled = False
    tampere.save()

    assert client.post(reverse("organisation_login", args=["tampere"])).status_code == 404
    login_page = client.get(reverse("account_login")).content.decode()
    assert "Sign in with your organisation" not in login_page


# --- linked identities on the profile --------------------------------------------------------


def test_a_learner_sees_and_removes_their_linked_organisation(client, idp, tampere):
    sign_in_at(client, idp, "anna")
    user = signed_in_user(client)
    user.set_password("a-long-passphrase")  # so that removing the last link leaves a way in
    user.save()
    client.force_login(user)

    profile = client.get(reverse("account_profile")).content.decode()
    assert reverse("socialaccount_connections") in profile
    page = client.get(reverse("socialaccount_connections")).content.decode()
    assert "City of Tampere" in page
    account = SocialAccount.objects.get(user=user)

    response = client.post(reverse("socialaccount_connections"), {"account": account.pk})

    assert response.status_code == 302
    assert not SocialAccount.objects.exists()
    page = client.get(reverse("socialaccount_connections")).content.decode()
    assert "No organisation is linked to your account." in page
