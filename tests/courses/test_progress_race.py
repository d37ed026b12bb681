"""Concurrent reports on PostgreSQL: the largest position wins and completion is set once."""

import random
import threading

import pytest
from django.db import connection

from courses.models import Enrolment, LessonProgress
from courses.services.progress import ProgressReport, lesson_progress_record
from tests.factories import make_course, make_learner, make_lesson, make_module

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORKERS = 24


def test_concurrent_reports_keep_the_largest_position_and_complete_once(require_postgres):
    course = make_course()
    lesson = make_lesson(make_module(course, 1), "video", kind="video")  # 95 s long
    learner = make_learner()
    rng = random.Random(7)
    positions = [round(rng.uniform(0, 95), 2) for _ in range(WORKERS)]
    positions[rng.randrange(WORKERS)] = 95.0
    played = 5.0  # 24 reports x 5 s = 120 s played, enough to complete
    barrier = threading.Barrier(WORKERS)
    results, errors = [], []

    def report(position):
        try:
            barrier.wait(timeout=10)
            results.append(
                lesson_progress_record(
                    user=learner,
                    lesson=lesson,
                    report=ProgressReport(position=position, played=played, duration=95.0),
                )
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=report, args=(p,)) for p in positions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    row = LessonProgress.objects.get(user=learner, lesson=lesson)
    assert row.position == max(positions)
    assert row.seconds_played == pytest.approx(played * WORKERS)
    assert row.completed_at is not None
    assert sum(result.completed_now for result in results) == 1
    assert LessonProgress.objects.count() == 1
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1
