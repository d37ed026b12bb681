"""Progress kept in a visitor's browser, brought into their account after signing up."""

import json

import pytest
from django.test import Client

from courses.models import LessonProgress
from courses.services.progress import (
    ProgressReport,
    lesson_progress_complete,
    lesson_progress_record,
)
from modules.models import LessonPage
from tests.factories import extend_course, make_course, make_learner

pytestmark = pytest.mark.django_db

URL = "/progress/import/"


@pytest.fixture
def lessons():
    extend_course(make_course(), modules=1, lessons_per_module=3)
    return {lesson.slug: lesson for lesson in LessonPage.objects.all()}


@pytest.fixture
def learner():
    return make_learner()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def send(client, payload):
    body = payload if isinstance(payload, str) else json.dumps(payload)  # inf as Infinity
    return client.post(URL, body, content_type="application/json")


def test_browser_progress_is_merged(learner_client, learner, lessons):
    video, audio, written = lessons["lesson-1-0"], lessons["lesson-1-1"], lessons["lesson-1-2"]
    response = send(
        learner_client,
        {
            "lessons": [
                {"lesson": video.pk, "position": 40, "played": 38},
                {"lesson": written.pk, "completed": True},
                {"lesson": 987654, "position": 3, "played": 3},
            ]
        },
    )
    assert response.status_code == 200
    assert response.json() == {"imported": 2, "skipped": 1}
    rows = {row.lesson_id: row for row in LessonProgress.objects.filter(user=learner)}
    assert rows[video.pk].position == 40 and rows[video.pk].seconds_played == 38
    assert rows[written.pk].completed_at is not None
    assert audio.pk not in rows


def test_merging_never_lowers_what_the_account_has(learner_client, learner, lessons):
    video = lessons["lesson-1-0"]
    lesson_progress_complete(user=learner, lesson=video)
    send(learner_client, {"lessons": [{"lesson": video.pk, "position": 80, "played": 80}]})
    send(learner_client, {"lessons": [{"lesson": video.pk, "position": 5, "played": 1}]})
    row = LessonProgress.objects.get(user=learner, lesson=video)
    assert row.position == 80
    assert row.completed_at is not None


def test_played_and_position_are_capped_at_the_media_length(learner_client, learner, lessons):
    video = lessons["lesson-1-0"]
    send(learner_client, {"lessons": [{"lesson": video.pk, "position": 90, "played": 95}]})
    row = LessonProgress.objects.get(user=learner, lesson=video)
    assert row.seconds_played == 95  # the whole lecture, not more
    assert row.completed_at is None  # 90 s is short of the last 5 %


@pytest.mark.parametrize(
    "bad_entry",
    [
        {"position": 3},
        {"lesson": "abc"},
        {"lesson": "VIDEO", "position": -3},
        {"lesson": "VIDEO", "played": "Infinity"},
        {"lesson": True},
        {"lesson": float("inf")},  # what `1e400` and `Infinity` parse as
        {"lesson": 12.5},
        {"lesson": "\u0000"},
        {"lesson": "VIDEO", "position": 10**400},
        "not an object",
    ],
)
def test_a_bad_entry_refuses_the_whole_import(learner_client, lessons, bad_entry):
    if isinstance(bad_entry, dict) and bad_entry.get("lesson") == "VIDEO":
        bad_entry = {**bad_entry, "lesson": lessons["lesson-1-0"].pk}
    good = {"lesson": lessons["lesson-1-2"].pk, "completed": True}
    response = send(learner_client, {"lessons": [good, bad_entry]})
    assert response.status_code == 400
    assert response.json()["error"]
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        {"lessons": "all of them"},
        [1, 2],
        '{"lessons": [{"lesson": 1e400}]}',
        '{"lessons": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
)
def test_malformed_imports_are_400(learner_client, lessons, payload):
    assert send(learner_client, payload).status_code == 400


def test_too_many_entries_are_refused(learner_client, lessons):
    entries = [{"lesson": index, "completed": True} for index in range(1001)]
    response = send(learner_client, {"lessons": entries})
    assert response.status_code == 400


def test_anonymous_import_is_401(client, lessons):
    response = send(client, {"lessons": []})
    assert response.status_code == 401


def test_the_offer_is_made_once_after_signing_in(client, lessons):
    make_learner("new@example.org")
    response = client.post(
        "/accounts/login/", {"login": "new@example.org", "password": "a-long-passphrase"}
    )
    assert response.status_code == 302
    first = client.get("/dashboard/").content.decode()
    assert 'data-offer-import="/progress/import/"' in first
    second = client.get("/dashboard/").content.decode()
    assert "data-offer-import" not in second


def test_a_lesson_id_past_any_page_id_is_skipped_like_a_deleted_lesson(learner_client, lessons):
    written = lessons["lesson-1-2"]
    entries = [{"lesson": written.pk, "completed": True}, {"lesson": 10**30, "completed": True}]
    response = send(learner_client, {"lessons": entries})
    assert response.json() == {"imported": 1, "skipped": 1}


def test_imports_never_credit_more_play_than_the_lecture_lasts(learner_client, learner, lessons):
    video = lessons["lesson-1-0"]
    for _ in range(3):  # the browser's count, sent again and again
        send(learner_client, {"lessons": [{"lesson": video.pk, "position": 60, "played": 80}]})
    row = LessonProgress.objects.get(user=learner, lesson=video)
    assert row.seconds_played == 95  # the lecture's length, not 240
    assert row.completed_at is None  # never reached the end


def test_imported_play_of_media_of_unknown_length_is_not_credited(learner_client, learner, lessons):
    video = lessons["lesson-1-0"]
    video.media.duration = 0
    video.media.save()
    send(learner_client, {"lessons": [{"lesson": video.pk, "position": 1e300, "played": 1e300}]})
    row = LessonProgress.objects.get(user=learner, lesson=video)
    assert row.seconds_played == 0
    assert row.position == 24 * 3600  # as far as any lecture goes


def test_after_an_import_the_player_is_credited_as_for_a_first_report(learner, lessons):
    video = lessons["lesson-1-0"]
    client = Client()
    client.force_login(learner)
    send(client, {"lessons": [{"lesson": video.pk, "position": 10, "played": 10}]})
    report = ProgressReport(position=40, played=30, duration=95.0)  # 15 s at double speed
    result = lesson_progress_record(user=learner, lesson=video, report=report)
    assert result.seconds_played == 10 + 30
