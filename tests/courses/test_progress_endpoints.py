"""The progress endpoints with good and bad input, and who may write what."""

import json

import pytest
from django.test import Client

from courses.models import Enrolment, LessonProgress
from modules.models import LessonPage
from tests.factories import make_course, make_learner, make_lesson, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course()
    module = make_module(course, 1)
    make_lesson(module, "video", kind="video")
    make_lesson(module, "reading")
    return course


@pytest.fixture
def video(course):
    return LessonPage.objects.get(slug="video")


@pytest.fixture
def reading(course):
    return LessonPage.objects.get(slug="reading")


@pytest.fixture
def learner():
    return make_learner()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def report_url(lesson_id):
    return f"/progress/lessons/{lesson_id}/report/"


def post_json(client, url, data):
    body = data if isinstance(data, str) else json.dumps(data)
    return client.post(url, body, content_type="application/json")


def test_json_report_is_stored(learner_client, learner, video):
    response = post_json(learner_client, report_url(video.pk), {"position": 20, "played": 14.5})
    assert response.status_code == 200
    assert response.json() == {
        "position": 20.0,
        "seconds_played": 14.5,
        "completed": False,
        "completed_now": False,
    }
    assert LessonProgress.objects.get(user=learner, lesson=video).position == 20


def test_form_encoded_report_works_as_sendbeacon_sends_it(learner, video):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    client.get(video.url)  # the page sets the CSRF cookie and carries the token
    token = client.cookies["csrftoken"].value
    response = client.post(
        report_url(video.pk), {"csrfmiddlewaretoken": token, "position": "31.5", "played": "15"}
    )
    assert response.status_code == 200
    assert response.json()["position"] == 31.5


def test_missing_csrf_is_refused_and_changes_nothing(learner, video):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = post_json(client, report_url(video.pk), {"position": 20, "played": 10})
    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_anonymous_reports_get_401_and_are_not_stored(client, video):
    response = post_json(client, report_url(video.pk), {"position": 20, "played": 10})
    assert response.status_code == 401
    assert "Sign in" in response.json()["error"]
    assert not LessonProgress.objects.exists()


def test_unknown_and_unpublished_lessons_are_404(learner_client, video):
    assert (
        post_json(learner_client, report_url(999999), {"position": 1, "played": 1}).status_code
        == 404
    )
    video.unpublish()
    response = post_json(learner_client, report_url(video.pk), {"position": 1, "played": 1})
    assert response.status_code == 404
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        '"a string"',
        "[]",
        json.dumps({"position": -5, "played": 1}),
        json.dumps({"position": 1e308, "played": 1}),
        json.dumps({"position": 5, "played": 99999}),
        json.dumps({"position": None, "played": 1}),
        json.dumps({"position": 5, "played": [1]}),
        '{"position": 1e400, "played": 1}',
        '{"position": %s, "played": 1}' % ("9" * 400),
        "[" * 100_000 + "]" * 100_000,
        '{"position": ' + "[" * 50_000 + "]" * 50_000 + ', "played": 1}',
    ],
)
def test_bad_input_gets_400_with_a_reason_and_changes_nothing(learner_client, video, body):
    response = post_json(learner_client, report_url(video.pk), body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not LessonProgress.objects.exists()


def test_a_body_that_is_not_utf8_gets_400(learner_client, video):
    response = learner_client.post(
        report_url(video.pk),
        b'{"position": "\xff\xfe", "played": 1}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/courses/{huge}/start/",
        "/progress/lessons/{huge}/report/",
        "/progress/lessons/{huge}/complete/",
        "/events/{huge}/register/",
    ],
)
def test_an_id_past_any_row_is_not_found(learner_client, url):
    # Past 64 bits SQLite (the embedded default) cannot even be asked.
    response = learner_client.post(url.format(huge="9" * 30))
    assert response.status_code == 404


def test_get_is_not_allowed(learner_client, video):
    assert learner_client.get(report_url(video.pk)).status_code == 405


def test_mark_complete_form_completes_and_redirects_back(learner_client, learner, reading):
    response = learner_client.post(f"/progress/lessons/{reading.pk}/complete/")
    assert response.status_code == 302
    assert response["Location"] == f"{reading.url}#completion-status"  # the confirmation
    assert LessonProgress.objects.get(user=learner, lesson=reading).completed_at is not None
    page = learner_client.get(reading.url).content.decode()
    assert "is complete" in page  # the message
    assert "You have completed this lesson." in page
    assert "Mark as complete" not in page


def test_mark_complete_without_an_account_asks_to_sign_in(client, reading):
    response = client.post(f"/progress/lessons/{reading.pk}/complete/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not LessonProgress.objects.exists()


def test_start_button_enrols_and_goes_to_the_first_lesson(learner_client, learner, course, video):
    response = learner_client.post(f"/courses/{course.pk}/start/")
    assert response.status_code == 302
    assert response["Location"] == video.url
    assert Enrolment.objects.filter(user=learner, course=course).exists()


def test_opening_a_lesson_writes_nothing_and_the_first_progress_enrols(
    learner_client, learner, course, reading
):
    assert learner_client.get(reading.url).status_code == 200
    assert not Enrolment.objects.exists()  # reading is not a write, however often
    learner_client.post(f"/progress/lessons/{reading.pk}/complete/")
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1
    learner_client.get(reading.url)
    assert Enrolment.objects.count() == 1


def test_each_learner_only_ever_writes_their_own_progress(video, reading):
    alice, bob = make_learner("alice@example.org"), make_learner("bob@example.org")
    client = Client()
    client.force_login(bob)
    post_json(client, report_url(video.pk), {"position": 30, "played": 15, "user": alice.pk})
    client.post(f"/progress/lessons/{reading.pk}/complete/", {"user": alice.pk})
    assert not LessonProgress.objects.filter(user=alice).exists()
    assert LessonProgress.objects.filter(user=bob).count() == 2
