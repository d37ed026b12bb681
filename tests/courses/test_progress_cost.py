"""What one progress report costs: the session from the cache, the user, and one statement.

Thousands of learners playing lectures send a report every 15 s each, so the report is the
site's most frequent request. Its enrolment touch is part of that one statement and rewrites
the enrolment only when its last activity is more than a few minutes old. The statement counts
are PostgreSQL's: SQLite (the embedded default) writes progress and enrolment in two statements
inside a savepoint.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest

from courses.models import Enrolment, LessonProgress
from courses.services.progress import ENROLMENT_TOUCH_INTERVAL
from modules.models import LessonPage
from tests.factories import make_course, make_learner, make_lesson, make_module

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WRITES = ("INSERT", "UPDATE", "DELETE", "WITH")


@pytest.fixture
def video():
    course = make_course()
    make_lesson(make_module(course, 1), "video", kind="video")
    return LessonPage.objects.get(slug="video")


@pytest.fixture
def learner():
    return make_learner()


@pytest.fixture
def learner_client(client, learner, settings):
    # Sessions read from the cache, with the database behind them, as the site runs them.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.force_login(learner)
    return client


def report(client, lesson, position, played=5):
    return client.post(
        f"/progress/lessons/{lesson.pk}/report/",
        json.dumps({"position": position, "played": played}),
        content_type="application/json",
    )


def test_a_report_costs_at_most_four_statements_with_one_write(
    require_postgres, learner_client, video, django_assert_max_num_queries
):
    assert report(learner_client, video, 10).status_code == 200  # the learner's first report
    for position in (20, 30):
        with django_assert_max_num_queries(4) as captured:
            response = report(learner_client, video, position)
        assert response.status_code == 200
        writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith(WRITES)]
        assert len(writes) == 1
    assert response.json()["position"] == 30


def test_the_first_report_on_a_lesson_also_stays_small(
    require_postgres, learner_client, video, django_assert_max_num_queries
):
    # Nothing cached about the lesson yet: it is read once, then served from the cache.
    with django_assert_max_num_queries(6):
        assert report(learner_client, video, 10).status_code == 200


def test_the_enrolment_is_touched_only_when_its_last_activity_is_stale(
    learner_client, learner, video, time_machine
):
    time_machine.move_to(START, tick=False)
    assert report(learner_client, video, 10).status_code == 200
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.last_activity_at == START

    soon = START + ENROLMENT_TOUCH_INTERVAL - timedelta(seconds=15)
    time_machine.move_to(soon, tick=False)
    assert report(learner_client, video, 20).status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.last_activity_at == START  # left alone: it was fresh enough
    # ...while the progress itself was written.
    assert LessonProgress.objects.get(user=learner).updated_at == soon

    later = START + ENROLMENT_TOUCH_INTERVAL + timedelta(seconds=15)
    time_machine.move_to(later, tick=False)
    assert report(learner_client, video, 30).status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.last_activity_at == later
    assert enrolment.started_at == START
