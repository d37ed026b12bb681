"""Benchmark the Course insights pages on 100,000 learners and 2.6 million progress rows.

Builds, in a throwaway PostgreSQL database of its own (`h_insbench` by default, dropped and
created here), a course of 8 modules and 26 lessons (video, audio and written, made as real
Wagtail pages), three events, and then in bulk with INSERT ... SELECT generate_series:

* --learners learners (default 100,000) with roles and countries, each enrolled;
* a progress row per learner and lesson (2.6 million): how far each got falls off through the
  course and inside each lecture, as real audiences do, some skip ahead, most who reach the end
  mark the lesson complete;
* about one and a half course reminders per learner who did not finish, and registrations,
  waiting lists and cancellations for the events.

Then it refreshes the rollups (printing the time it takes), and times each report page, cold:
Django's cache cleared and a new database connection for each. Goal: every page under 1 s.
Last, the EXPLAIN ANALYZE of the slowest query of the slowest page. Usage::

    .venv/bin/python scripts/bench_insights.py [--learners 100000] [--postgres URL] [--keep]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scripts.benchdb import django_setup, postgres_create, postgres_drop  # noqa: E402

DATABASE = "h_insbench"
MODULE_SIZES = (4, 3, 3, 3, 3, 3, 3, 4)  # 26 lessons


def build_content():
    from tests.events.factories import make_event, make_event_index
    from tests.factories import make_course, make_lesson, make_module

    course = make_course("Smart Cities for City Officials", "smart-cities")
    kinds = ("video", "audio", "written")
    lessons = []
    for number, size in enumerate(MODULE_SIZES, start=1):
        module = make_module(course, number)
        for index in range(size):
            lessons.append(make_lesson(module, f"lesson-{number}-{index}", kind=kinds[index % 3]))
    index = make_event_index(course)
    events = [make_event(index, slug, capacity=200) for slug in ("workshop", "panel-debate")]
    return course, lessons, events


BULK = """
-- lectures between 10 and 40 minutes long
UPDATE wagtailmedia_media SET duration = 600 + (id * 397) %% 1800;

INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff, is_active,
    date_joined, email, display_name, timezone, language, country, organisation, role,
    playback_rate)
SELECT '!', false, '', '', false, true, now() - interval '1 day' * (n %% 365),
       'bench' || n || '@example.org', '', 'Europe/Helsinki', 'en',
       (ARRAY['FI','SE','NO','DK','EE','DE','NL','IS','LT',''])[1 + n %% 10],
       '', (ARRAY['official','official','official','researcher','student','citizen','other',''])
           [1 + (n * 7) %% 8],
       1.0
  FROM generate_series(1, %(learners)s) AS n;

CREATE TEMP TABLE bench_learner AS
SELECT id AS user_id,
       now() - interval '1 day' * (id %% 365) - interval '1 minute' * (id %% 600) AS started_at,
       -- how many lessons of the 26 this learner gets to: most drop off early, some finish
       least(26, floor(27 * power(random(), 1.6)))::int AS reach
  FROM accounts_user WHERE email LIKE 'bench%%@example.org';

INSERT INTO courses_enrolment (user_id, course_id, started_at, last_activity_at, completed_at)
SELECT l.user_id, %(course)s, l.started_at, l.started_at + interval '1 day' * l.reach,
       CASE WHEN l.reach >= 26 THEN l.started_at + interval '1 day' * (20 + l.user_id %% 60) END
  FROM bench_learner l;

CREATE TEMP TABLE bench_lesson AS
SELECT row_number() OVER (ORDER BY p.path) AS seq, l.page_ptr_id AS lesson_id,
       COALESCE(l.duration_minutes * 60.0, m.duration) AS duration
  FROM modules_lessonpage l JOIN wagtailcore_page p ON p.id = l.page_ptr_id
  LEFT JOIN wagtailmedia_media m ON m.id = l.media_id
 WHERE l.page_ptr_id = ANY(%(lessons)s);

-- a row for every learner and lesson: lessons beyond the learner's reach opened only briefly
INSERT INTO courses_lessonprogress (user_id, lesson_id, position, seconds_played,
    play_allowance, created_at, updated_at, completed_at)
SELECT x.user_id, x.lesson_id, x.position, x.played, 0, x.created_at,
       x.created_at + interval '1 second' * x.played,
       CASE WHEN x.position >= x.duration * 0.95 THEN x.created_at + interval '1 second' * x.played
       END
  FROM (
    SELECT l.user_id, s.lesson_id, s.duration,
           l.started_at + interval '1 day' * s.seq AS created_at,
           CASE WHEN s.seq <= l.reach THEN s.duration * least(1, 0.3 + power(random(), 0.4))
                ELSE s.duration * 0.1 * random() END AS position,
           r.r AS skip
      FROM bench_learner l CROSS JOIN bench_lesson s CROSS JOIN LATERAL (SELECT random() AS r) r
  ) AS y
  CROSS JOIN LATERAL (
    SELECT y.user_id, y.lesson_id, y.duration, y.created_at, y.position,
           CASE WHEN y.skip < 0.08 THEN y.position * 0.3 ELSE y.position END AS played
  ) AS x;

INSERT INTO courses_remindersend (user_id, enrolment_id, kind, period, status, claimed_at,
    sent_at, attempts, error, last_activity_at)
SELECT e.user_id, e.id, 'course-inactivity', 'bench-' || k, 'sent',
       e.last_activity_at + interval '7 days' * k, e.last_activity_at + interval '7 days' * k,
       1, '', e.last_activity_at
  FROM courses_enrolment e CROSS JOIN generate_series(1, 3) AS k
 WHERE e.completed_at IS NULL AND k <= 1 + e.user_id %% 3;

INSERT INTO courses_reminderpreference (user_id, enabled, cadence, changed_at, unsubscribed_at)
SELECT user_id, false, 'weekly', now(), now() FROM bench_learner WHERE user_id %% 23 = 0;

INSERT INTO events_eventregistration (event_id, user_id, status, created_at, updated_at,
    waitlisted_at, cancelled_at)
SELECT ev, user_id,
       (ARRAY['registered','registered','waitlisted','cancelled'])[1 + user_id %% 4],
       now(), now(), NULL, NULL
  FROM bench_learner CROSS JOIN unnest(%(events)s::int[]) AS ev
 WHERE user_id %% 40 = ev %% 40;

ANALYZE;
"""


def build(learners: int):
    from django.db import connection

    started = time.monotonic()
    course, lessons, events = build_content()
    with connection.cursor() as cursor:
        cursor.execute(
            BULK,
            {
                "learners": learners,
                "course": course.pk,
                "lessons": [lesson.pk for lesson in lessons],
                "events": [event.pk for event in events],
            },
        )
        counts = {}
        for table in (
            "accounts_user",
            "courses_enrolment",
            "courses_lessonprogress",
            "courses_remindersend",
            "events_eventregistration",
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    print(f"built in {time.monotonic() - started:.1f} s: {counts}")
    return course, lessons


def time_pages(lessons):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    admin = get_user_model().objects.create_superuser(email="bench@admin.org", password="x")
    client = Client()
    client.force_login(admin)
    video = next(lesson for lesson in lessons if lesson.media_id)
    pages = [
        ("admin home (summary panel)", "/admin/"),
        *[
            (f"insights: {section}", reverse("insights_section", args=[section]))
            for section in ("activity", "modules", "lectures", "reminders", "learners")
        ],
        (
            "insights: activity, 2 years",
            reverse("insights_section", args=["activity"]) + "?start=2025-01-01&end=2026-12-01",
        ),
        ("CSV: funnel", reverse("insights_csv", args=["funnel"])),
        ("lesson figures (editor)", reverse("insights_lesson", args=[video.pk])),
    ]
    results = []
    for name, url in pages:
        cache.clear()
        connections.close_all()
        with CaptureQueriesContext(connection) as queries:
            started = time.monotonic()
            response = client.get(url)
            elapsed = time.monotonic() - started
        assert response.status_code == 200, (url, response.status_code)
        rollup = [q for q in queries.captured_queries if "_figures" in q["sql"]]
        slowest = max(rollup or queries.captured_queries, key=lambda q: float(q["time"]))
        results.append((elapsed, name, len(queries), slowest))
        print(f"{elapsed * 1000:8.1f} ms  {len(queries):3d} queries  {name}")
    worst = max(results, key=lambda r: r[0])
    print(f"\nslowest page: {worst[1]} ({worst[0] * 1000:.1f} ms); its slowest rollup query:")
    sql = worst[3]["sql"]
    print(sql)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        for (line,) in cursor.fetchall():
            print("  " + line)
    slowest_rollup = max((r[3] for r in results), key=lambda q: float(q["time"]))
    if slowest_rollup is not worst[3]:
        took = float(slowest_rollup["time"]) * 1000
        print(f"\nthe slowest rollup query of all pages ({took:.1f} ms):")
        print(slowest_rollup["sql"])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest_rollup["sql"])
            for (line,) in cursor.fetchall():
                print("  " + line)
    print("\ngoal: every page under 1000 ms:", "met" if worst[0] < 1 else "NOT met")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="server URL, without a database name",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    database_url = postgres_create(args.postgres, DATABASE)
    print(f"database: {database_url}")
    try:
        django_setup(database_url)
        from django.core.management import call_command

        from insights.refresh import rollups_refresh

        call_command("migrate", verbosity=0)
        _course, lessons = build(args.learners)
        started = time.monotonic()
        rollups_refresh()
        print(f"rollups refreshed in {time.monotonic() - started:.1f} s")
        time_pages(lessons)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            postgres_drop(args.postgres, DATABASE)


if __name__ == "__main__":
    main()
