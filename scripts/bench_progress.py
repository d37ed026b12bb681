"""Benchmark a progress report: statements, reports per second and CPU per report, HOT updates.

Builds, in a throwaway PostgreSQL database of its own (`bench_progress`, created and dropped
here on the server of --postgres), a course with one video lesson and --learners learners, each
signed in with their own session. Then, in rounds, every learner sends a report on the lesson
through Django's test client, the whole request counted (sessions, middleware, the view, the
write), each report at a later moment as a player would send them. It prints:

* statements per report (all of them, and the writes among them) for a learner's second report;
* reports per second and process CPU per report, in this one process (no HTTP server: the
  whole-site figures come from scripts/bench_pages.py, written with the load test);
* of the updates to `courses_lessonprogress` and `courses_enrolment`, how many were HOT.

The script uses nothing but the report URL, so it runs unchanged on an older checkout for a
before/after comparison. Sessions are read as --sessions says (cached_db, the site's choice,
by default). Usage::

    .venv/bin/python scripts/bench_progress.py [--learners 50] [--rounds 20] [--postgres URL]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scripts.benchdb import django_setup, postgres_create, postgres_drop  # noqa: E402

DATABASE = "bench_progress"
WRITES = ("INSERT", "UPDATE", "DELETE", "WITH")


def hot_counts(connection) -> dict[str, tuple[int, int]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables"
            " WHERE relname IN ('courses_lessonprogress', 'courses_enrolment')"
        )
        return {name: (updates, hot) for name, updates, hot in cursor.fetchall()}


def run(learners: int, rounds: int) -> None:
    import time_machine
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    from tests.factories import make_course, make_learner, make_lesson, make_module

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    lesson = make_lesson(make_module(make_course(), 1), "video", kind="video")
    url = f"/progress/lessons/{lesson.pk}/report/"
    clients = []
    for n in range(learners):
        client = Client()
        client.force_login(make_learner(f"learner{n}@example.org"))
        clients.append(client)

    def report(client, n: int):
        body = json.dumps({"position": (n * 15) % 90, "played": 15})
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 200, response.content

    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for client in clients:  # every learner's first report: the rows are made
            report(client, 0)
        clock.shift(timedelta(seconds=15))
        with CaptureQueriesContext(connection) as captured:
            report(clients[0], 1)
        statements = [q["sql"] for q in captured.captured_queries]
        writes = [s for s in statements if s.lstrip().upper().startswith(WRITES)]
        before = hot_counts(connection)
        wall, cpu = time.perf_counter(), time.process_time()
        for n in range(2, rounds + 2):
            clock.shift(timedelta(seconds=15))
            for client in clients:
                report(client, n)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        after = hot_counts(connection)

    sent = learners * rounds
    print(f"sessions: {settings.SESSION_ENGINE}")
    print(f"statements per report: {len(statements)} ({len(writes)} writing)")
    for sql in statements:
        print(f"    {' '.join(sql.split())[:110]}")
    print(f"reports: {sent} in {wall:.2f} s: {sent / wall:.0f} reports/s")
    print(f"CPU per report (this process: client, Django and the view): {cpu / sent * 1000:.2f} ms")
    for table in ("courses_lessonprogress", "courses_enrolment"):
        updates = after[table][0] - before[table][0]
        hot = after[table][1] - before[table][1]
        share = f"{hot / updates:.0%}" if updates else "-"
        print(f"{table}: {updates} updates, {hot} HOT ({share})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=20, help="reports per learner, timed")
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="server URL, without a database name",
    )
    parser.add_argument(
        "--sessions",
        choices=["cached_db", "db"],
        default="cached_db",
        help="session engine (django.contrib.sessions.backends.<name>)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    database_url = postgres_create(args.postgres, DATABASE)
    print(f"database: {database_url}")
    try:
        django_setup(database_url)
        from django.conf import settings
        from django.core.management import call_command

        settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{args.sessions}"
        call_command("migrate", verbosity=0)
        run(args.learners, args.rounds)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            postgres_drop(args.postgres, DATABASE)


if __name__ == "__main__":
    main()
