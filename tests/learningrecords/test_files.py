"""The learner's statements in their data export and as a download from their dashboard: only
their own, only when signed in."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from accounts.services.export import personal_data_archive
from learningrecords.files import STATEMENTS_FILE
from learningrecords.models import LearnerAccount
from learningrecords.statements import learner_statements
from tests import factories
from tests.learningrecords.support import give_records, make_course_with_lessons, statement_errors

pytestmark = pytest.mark.django_db

URL = "/dashboard/learning-records.json"


@pytest.fixture
def site():
    return make_course_with_lessons()


@pytest.fixture
def learner(site):
    user = factories.make_learner("aino@example.org")
    give_records(user, site)
    return user


@pytest.fixture
def other(site):
    user = factories.make_learner("bertil@example.net")
    give_records(user, site)
    return user


def names_in(statements) -> set[str]:
    return {statement["actor"]["account"]["name"] for statement in statements}


def test_the_export_holds_the_learners_statements(learner, other):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(personal_data_archive(user=learner))))
    statements = json.loads(archive.read(STATEMENTS_FILE))
    assert statements == learner_statements(learner)
    assert len(statements) == 8  # launched ×3, progressed ×2, completed ×2, registered
    assert all(statement_errors(statement) == [] for statement in statements)
    assert names_in(statements).isdisjoint(names_in(learner_statements(other)))
    readme = archive.read("README.txt").decode()
    assert STATEMENTS_FILE in readme and "xAPI 1.0.3" in readme


def test_the_url_is_named():
    assert reverse("learning_records_download") == URL


def test_the_dashboard_offers_the_download(client, learner):
    client.force_login(learner)
    response = client.get("/dashboard/")
    assert f'href="{URL}"' in response.content.decode()
    assert "Download my learning records (xAPI)" in response.content.decode()


def test_the_download_is_the_learners_own_statements_only(client, learner, other):
    client.force_login(learner)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{STATEMENTS_FILE}"'
    assert "no-store" in response["Cache-Control"]
    statements = json.loads(response.content)
    assert statements == learner_statements(learner)
    assert names_in(statements).isdisjoint(names_in(learner_statements(other)))


@pytest.mark.parametrize("query", ["?user=2", "?account=2", "?user_id=2&id=2"])
def test_no_parameter_fetches_another_learners_records(client, learner, other, query):
    client.force_login(learner)
    statements = json.loads(client.get(URL + query.replace("2", str(other.pk))).content)
    assert names_in(statements) == names_in(learner_statements(learner))
    assert client.get(f"/dashboard/{other.pk}/learning-records.json").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, learner):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_only_get_and_head(client, learner):
    client.force_login(learner)
    assert client.post(URL).status_code == 405
    assert client.head(URL).status_code == 200


def test_a_learner_without_records_gets_an_empty_list_and_no_file_in_the_export(client):
    user = factories.make_learner("new@example.org")
    client.force_login(user)
    assert json.loads(client.get(URL).content) == []
    archive = zipfile.ZipFile(io.BytesIO(b"".join(personal_data_archive(user=user))))
    assert STATEMENTS_FILE not in archive.namelist()
    assert not LearnerAccount.objects.filter(user=user).exists()  # no name made for nothing
