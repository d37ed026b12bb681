"""allauth's account emails in the account's language (accounts.adapters): a Finnish learner
who asks for a password reset on an English page gets a Finnish email whose link opens the
Finnish page; an address with no account gets the language of the page it was asked on; a
learner who signs up on the Finnish site reads in Finnish from then on.

The subjects come from allauth's own catalogues, so these tests need nothing of ours.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db


PASSWORD = "plane-trees-along-the-canal-42"
NEW_PASSWORD = "cycle-lanes-and-cargo-trams-77"


def url_in(reverse_name, language, **kwargs):
    with translation.override(language):
        return reverse(reverse_name, **kwargs)


def links(message) -> list[str]:
    return re.findall(r"https?://testserver(/\S+)", message.body)


def test_a_finnish_learners_password_reset_is_in_finnish_with_a_finnish_link(client, mailoutbox):
    factories.make_learner("aino@example.org", PASSWORD, language="fi")
    client.post(url_in("account_reset_password", "en"), {"email": "aino@example.org"})
    [message] = mailoutbox
    assert message.message()["Content-Language"] == "fi"
    assert "Salasanan uusimissähköposti" in message.subject  # allauth's Finnish catalogue
    [key_path] = [path for path in links(message) if "/password/reset/key/" in path]
    assert key_path.startswith("/fi/accounts/password/reset/key/")

    # The Finnish link works: allauth moves the key into the session and shows the form.
    response = client.get(key_path)
    assert response.status_code == 302
    form_url = response.url
    assert form_url.startswith("/fi/")
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert get_user_model().objects.get(email="aino@example.org").check_password(NEW_PASSWORD)


def test_an_unknown_address_gets_the_language_of_the_page_it_was_asked_on(client, mailoutbox):
    client.post(url_in("account_reset_password", "sv"), {"email": "nobody@example.org"})
    [message] = mailoutbox
    assert message.message()["Content-Language"] == "sv"
    assert "Okänt konto" in message.subject  # allauth's Swedish catalogue
    assert all(path.startswith("/sv/") for path in links(message))


def test_an_english_learner_asking_on_a_swedish_page_gets_english(client, mailoutbox):
    factories.make_learner("ada@example.org", PASSWORD, language="en")
    client.post(url_in("account_reset_password", "sv"), {"email": "ada@example.org"})
    [message] = mailoutbox
    assert message.message()["Content-Language"] == "en"
    assert "Password Reset" in message.subject
    [key_path] = [path for path in links(message) if "/password/reset/key/" in path]
    assert key_path.startswith("/accounts/password/reset/key/")


def test_signing_up_on_the_finnish_site_makes_finnish_the_learners_language(client, mailoutbox):
    response = client.post(
        url_in("account_signup", "fi"),
        {"email": "aino@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(email="aino@example.org").language == "fi"
    [message] = mailoutbox
    assert message.message()["Content-Language"] == "fi"
    assert any(path.startswith("/fi/accounts/confirm-email/") for path in links(message))
