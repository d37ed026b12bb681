"""The administrators' page for learners' data requests in the Wagtail admin."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import DataRequestAction, DataRequestLog
from tests.factories import make_learner

pytestmark = pytest.mark.django_db

URL = "/admin/data-requests/"


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser(
        email="admin@example.org", password="a-long-passphrase"
    )
    client.force_login(admin)
    client.admin = admin
    return client


@pytest.fixture
def learner():
    return make_learner("ilona@example.org", display_name="Ilona Virtanen")


def test_the_page_is_for_administrators_only(client, learner):
    assert reverse("data_requests") == URL
    response = client.get(URL)
    assert response.status_code == 302  # to the sign-in

    editor = make_learner("editor@example.org", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))  # may use the admin, not this page
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    refused = client.get(URL)  # Wagtail answers a refusal with its dashboard and a message
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert client.post(URL, {"account": learner.pk, "action": "delete", "confirm": "on"})
    assert get_user_model().objects.filter(pk=learner.pk).exists()
    assert URL not in client.get("/admin/").content.decode()


def test_an_administrator_finds_an_account_by_address_or_number(admin_client, learner):
    assert URL in admin_client.get("/admin/").content.decode()  # in the Settings menu

    for account in ("ILONA@example.org", str(learner.pk)):
        page = admin_client.get(URL, {"account": account}).content.decode()
        assert f"Account {learner.pk}" in page
        assert "Your account" in page  # counts by kind of data, not the data

    page = admin_client.get(URL, {"account": "nobody@example.org"}).content.decode()
    assert "There is no account with that address or number." in page


def test_staff_accounts_are_not_handled_here(admin_client):
    editor = make_learner("editor@example.org", is_staff=True)
    page = admin_client.get(URL, {"account": editor.email}).content.decode()
    assert "This is a staff account" in page
    response = admin_client.post(URL, {"account": editor.pk, "action": "delete", "confirm": "on"})
    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=editor.pk).exists()


def test_nothing_happens_without_confirming_the_request(admin_client, learner):
    for action in ("export", "delete"):
        response = admin_client.post(URL, {"account": learner.pk, "action": action})
        assert response.status_code == 200
        assert "Confirm that the request is genuine first." in response.content.decode()
    assert get_user_model().objects.filter(pk=learner.pk).exists()
    assert not DataRequestLog.objects.exists()


def test_an_export_for_a_learner_is_their_archive_and_is_recorded(admin_client, learner):
    other = make_learner("other@example.org")
    response = admin_client.post(URL, {"account": learner.pk, "action": "export", "confirm": "on"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    text = json.dumps(data)
    assert "ilona@example.org" in text
    assert other.email not in text and "admin@example.org" not in text
    record = DataRequestLog.objects.get()
    assert (record.action, record.account_id, record.staff, record.by_learner) == (
        DataRequestAction.EXPORT,
        learner.pk,
        admin_client.admin,
        False,
    )


def test_a_deletion_for_a_learner_erases_them_and_is_recorded(admin_client, learner):
    account_id = learner.pk
    response = admin_client.post(
        URL, {"account": account_id, "action": "delete", "confirm": "on"}, follow=True
    )

    assert response.status_code == 200
    assert f"Account {account_id} and its data were deleted." in response.content.decode()
    assert not get_user_model().objects.filter(pk=account_id).exists()
    record = DataRequestLog.objects.get()
    assert (record.action, record.account_id, record.staff) == (
        DataRequestAction.DELETE,
        account_id,
        admin_client.admin,
    )
    page = admin_client.get(URL).content.decode()
    assert "admin@example.org" in page and "Ilona" not in page and "ilona@" not in page


def test_malformed_account_values_are_refused_plainly(admin_client):
    for value in ("", "12345678901234567890123", "x" * 300, "a\x00b"):
        response = admin_client.get(URL, {"account": value})
        assert response.status_code == 200
