"""The page on what we record says where learning records go: to a store only when one is set."""

import pytest

pytestmark = pytest.mark.django_db


def test_without_a_store_the_page_says_records_stay_here(client, settings):
    settings.XAPI_LRS_ENDPOINT = ""
    text = client.get("/privacy/").content.decode()
    assert "Your learning records stay on this site" in text
    assert "learning record store that the site" not in text


def test_with_a_store_the_page_names_it_and_never_its_credentials(client, settings):
    settings.XAPI_LRS_ENDPOINT = "https://lrs.example.org/xapi/"
    settings.XAPI_LRS_KEY = "the-key"
    settings.XAPI_LRS_SECRET = "the-secret"
    text = client.get("/privacy/").content.decode()
    assert "learning record store that the site" in text
    assert "lrs.example.org" in text
    assert "the-key" not in text and "the-secret" not in text
    assert "Your learning records stay on this site" not in text
