"""The lecture speed a signed-in learner chooses is kept on their account (static/js/player.js
posts it), comes back on every lesson page, and is part of their data (export and deletion)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.data_registry import declaration_for
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("account_playback_rate")


@pytest.fixture
def learner():
    return factories.make_learner("listener@example.org", "a long and private passphrase")


def post(client, body, content_type="application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data, content_type=content_type)


def test_a_learner_saves_their_speed(client, learner):
    client.force_login(learner)
    response = post(client, {"rate": 1.5})
    assert response.status_code == 200
    assert response.json() == {"rate": 1.5}
    learner.refresh_from_db()
    assert learner.playback_rate == 1.5


def test_a_visitor_is_told_to_sign_in(client):
    response = post(client, {"rate": 1.5})
    assert response.status_code == 401
    assert "Sign in" in response.json()["error"]


def test_only_post_is_accepted(client, learner):
    client.force_login(learner)
    assert client.get(URL).status_code == 405


def test_a_post_without_the_csrf_token_is_refused(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = post(client, {"rate": 1.5})
    assert response.status_code == 403
    learner.refresh_from_db()
    assert learner.playback_rate == 1.0


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"rate": 3}, "0.75, 1, 1.25, 1.5, 1.75, 2"),
        ({"rate": 0.1}, "0.75, 1, 1.25, 1.5, 1.75, 2"),
        ({"rate": "fast"}, "must be a number"),
        ({"rate": True}, "must be a number"),
        ({"rate": None}, "must be a number"),
        ({"rate": "NaN"}, "0.75, 1, 1.25"),
        ({"speed": 1.5}, '{"rate": 1.25}'),
        ([1.5], '{"rate": 1.25}'),
        ("{not json", "not valid JSON"),
    ],
)
def test_bad_values_are_refused_with_the_reason_and_nothing_saved(client, learner, body, reason):
    client.force_login(learner)
    response = post(client, body)
    assert response.status_code == 400
    assert reason in response.json()["error"]
    learner.refresh_from_db()
    assert learner.playback_rate == 1.0


def test_a_form_post_is_refused_as_the_wrong_type(client, learner):
    client.force_login(learner)
    response = client.post(URL, {"rate": "1.5"})
    assert response.status_code == 415
    assert "JSON" in response.json()["error"]


def test_the_lesson_page_carries_the_learners_speed(client, learner):
    course = factories.make_course()
    lesson = factories.make_lesson(factories.make_module(course, 1), "talk", kind="video")
    client.force_login(learner)
    post(client, {"rate": 1.75})
    html = client.get(lesson.url).content.decode()
    assert 'data-playback-rate="1.75"' in html
    assert f'data-playback-rate-url="{URL}"' in html

    anonymous = Client().get(lesson.url).content.decode()
    assert "data-playback-rate" not in anonymous


def test_the_speed_is_declared_personal_data():
    declaration = declaration_for("accounts.User")
    assert "playback_rate" in declaration.fields
