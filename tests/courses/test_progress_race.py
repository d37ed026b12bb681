"""Concurrent reports on PostgreSQL: the largest position wins, completion is set once, and
reports sent at the same moment share one allowance of seconds played instead of each having
their own."""

import random
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from courses.models import Enrolment, LessonProgress
from courses.services.progress import (
    MAX_PLAY_ALLOWANCE,
    PLAYBACK_RATE_LIMIT,
    ProgressReport,
    lesson_progress_record,
)
from tests.factories import make_course, make_learner, make_lesson, make_module

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORKERS = 24


def concurrently(reports: list[dict]) -> tuple[list, list]:
    """Run lesson_progress_record once per keyword set, all released at the same moment."""
    barrier = threading.Barrier(len(reports))
    results, errors = [], []

    def report(kwargs):
        try:
            barrier.wait(timeout=10)
            results.append(lesson_progress_record(**kwargs))
        except Exception as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=report, args=(kwargs,)) for kwargs in reports]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def test_concurrent_reports_keep_the_largest_position_and_complete_once(require_postgres):
    course = make_course()
    lesson = make_lesson(make_module(course, 1), "video", kind="video")  # 95 s long
    learner = make_learner()
    rng = random.Random(7)
    positions = [round(rng.uniform(0, 95), 2) for _ in range(WORKERS)]
    positions[rng.randrange(WORKERS)] = 95.0
    played = 5.0  # 24 reports x 5 s = 120 s played, enough to complete
    # The learner started the lecture ten minutes ago, so the time since then covers 120 s of
    # play however the concurrent reports are ordered.
    lesson_progress_record(
        user=learner,
        lesson=lesson,
        report=ProgressReport(position=0, played=0, duration=95.0),
        now=timezone.now() - timedelta(minutes=10),
    )
    assert played * WORKERS <= MAX_PLAY_ALLOWANCE
    results, errors = concurrently(
        [
            {
                "user": learner,
                "lesson": lesson,
                "report": ProgressReport(position=position, played=played, duration=95.0),
            }
            for position in positions
        ]
    )

    assert errors == []
    row = LessonProgress.objects.get(user=learner, lesson=lesson)
    assert row.position == max(positions)
    assert row.seconds_played == pytest.approx(played * WORKERS)
    assert row.completed_at is not None
    assert sum(result.completed_now for result in results) == 1
    assert LessonProgress.objects.count() == 1
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_concurrent_reports_do_not_double_what_the_time_since_the_last_one_allows(
    require_postgres,
):
    course = make_course()
    lesson = make_lesson(make_module(course, 1), "video", kind="video")  # 95 s long
    learner = make_learner()
    start = timezone.now()
    lesson_progress_record(
        user=learner,
        lesson=lesson,
        report=ProgressReport(position=10, played=10, duration=95.0),
        now=start,
    )
    elapsed = 20  # seconds since that report: at most 40 s of play, plus the slack left
    left = LessonProgress.objects.get().play_allowance
    cap = PLAYBACK_RATE_LIMIT * elapsed + left
    report = ProgressReport(position=60, played=cap, duration=95.0)  # each claims all of it
    results, errors = concurrently(
        [
            {
                "user": learner,
                "lesson": lesson,
                "report": report,
                "now": start + timedelta(seconds=elapsed),
            }
        ]
        * 2
    )

    assert errors == []
    row = LessonProgress.objects.get()
    assert row.seconds_played == pytest.approx(10 + cap)
    assert sorted(result.seconds_played for result in results) == pytest.approx(
        [10 + cap, 10 + cap]
    )
