"""PostgreSQL updates progress rows in place (HOT), and the reads still find their rows fast.

No index covers a column a report rewrites, and the table leaves room in each page, so that a
report's update writes no index entries. The reads that used to have an index of their own
(recent activity on the dashboard, a learner's enrolments) go through the unique constraints.
"""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from courses.models import Enrolment, LessonProgress
from tests.factories import make_course, make_learner, make_lesson, make_module

REPORTS = 60


def table_updates(table: str) -> tuple[int, int]:
    """(updates, HOT updates) so far, with this connection's pending statistics sent first."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = %s",
            [table],
        )
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reports_update_the_progress_row_in_place(require_postgres, client):
    if connection.pg_version < 150000:
        pytest.skip("pg_stat_force_next_flush() needs PostgreSQL 15")
    course = make_course()
    lesson = make_lesson(make_module(course, 1), "video", kind="video")
    client.force_login(make_learner())
    url = f"/progress/lessons/{lesson.pk}/report/"
    client.post(url, json.dumps({"position": 1, "played": 1}), content_type="application/json")
    updates_before, hot_before = table_updates("courses_lessonprogress")

    for n in range(REPORTS):
        response = client.post(
            url,
            json.dumps({"position": n % 90, "played": 1}),
            content_type="application/json",
        )
        assert response.status_code == 200

    updates_after, hot_after = table_updates("courses_lessonprogress")
    updates, hot = updates_after - updates_before, hot_after - hot_before
    assert updates == REPORTS
    assert hot >= 0.8 * updates, f"only {hot} of {updates} updates were HOT"


def plan(queryset) -> str:
    return queryset.explain()


@pytest.mark.django_db
def test_reads_by_learner_still_use_an_index(require_postgres):
    course = make_course()
    module = make_module(course, 1)
    lessons = [make_lesson(module, f"lesson-{n}") for n in range(3)]
    User = get_user_model()
    users = User.objects.bulk_create(User(email=f"learner{n}@example.org") for n in range(400))
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(
            user=user,
            lesson=lesson,
            created_at=now,
            updated_at=now - timedelta(minutes=n),
        )
        for n, user in enumerate(users)
        for lesson in lessons
    )
    Enrolment.objects.bulk_create(
        Enrolment(user=user, course=course, started_at=now, last_activity_at=now) for user in users
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE courses_lessonprogress")
        cursor.execute("ANALYZE courses_enrolment")
    learner = users[200]

    # The dashboard's recent activity and the learner's enrolments, newest first.
    recent = LessonProgress.objects.for_user(learner).order_by("-updated_at")[:8]
    assert "Seq Scan on courses_lessonprogress" not in plan(recent)
    enrolments = Enrolment.objects.for_user(learner).order_by("-last_activity_at")
    assert "Seq Scan on courses_enrolment" not in plan(enrolments)
    # Course progress, the export and erasure read all of one learner's rows.
    mine = LessonProgress.objects.for_user(learner).within(course)
    assert "Seq Scan on courses_lessonprogress" not in plan(mine)
