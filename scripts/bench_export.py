"""Benchmark the personal-data export of a learner with 10,000 progress rows.

Builds, in a throwaway PostgreSQL database of its own (`bench_export`, created and dropped here
on the server of --postgres), a course with --rows lessons and two learners:

* "large": a progress row on every lesson (--rows LessonProgress rows, completed) and as many
  reminder records (ReminderSend rows);
* "small": 100 of each.

The lessons are real Wagtail pages, made quickly: one lesson is made the ordinary way, then its
page and lesson rows are copied in bulk under the same module with their own tree paths, slugs
and translation keys (treebeard's materialised path is only a string), so that the export joins
progress to lessons exactly as it would on a real site.

Each export runs in a fresh child process, so that nothing from building the data is counted:
the archive is consumed as a streamed response would be (pieces, thrown away once counted),
twice: once timed, with the resident set's growth (peak RSS, from getrusage, against the
process's RSS just before); once under tracemalloc, for the peak of Python's own allocations.
Usage::

    .venv/bin/python scripts/bench_export.py [--rows 10000] [--postgres URL] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scripts.benchdb import django_setup, postgres_create, postgres_drop  # noqa: E402

DATABASE = "bench_export"
SMALL = 100


# --- the data ----------------------------------------------------------------------------------


def lessons_copy(template, count: int) -> list[int]:
    """`count` copies of a lesson page under its module, in two INSERT ... SELECT statements."""
    from django.db import connection

    from modules.models import LessonPage

    module = template.get_parent()
    first = module.numchild + 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            ["wagtailcore_page"],
        )
        page_columns = [row[0] for row in cursor.fetchall() if row[0] != "id"]
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            ["modules_lessonpage"],
        )
        lesson_columns = [row[0] for row in cursor.fetchall() if row[0] != "page_ptr_id"]
        overrides = {
            "path": "(%(paths)s::text[])[n + 1]",
            "slug": "'bench-' || n",
            "title": "'Bench lesson ' || n",
            "draft_title": "'Bench lesson ' || n",
            "url_path": "%(url)s || 'bench-' || n || '/'",
            "translation_key": "gen_random_uuid()",
            "latest_revision_id": "NULL",
            "live_revision_id": "NULL",
        }
        # Tree paths as treebeard makes them, passed as an array.
        depth = module.depth + 1
        paths = [LessonPage._get_path(module.path, depth, first + n) for n in range(count)]
        selected = ", ".join(overrides.get(column, f'p."{column}"') for column in page_columns)
        cursor.execute(
            f"""
            INSERT INTO wagtailcore_page ({", ".join(f'"{c}"' for c in page_columns)})
            SELECT {selected}
            FROM wagtailcore_page p, generate_series(0, %(last)s) AS n
            WHERE p.id = %(template)s
            ORDER BY n
            RETURNING id
            """,
            {
                "paths": paths,
                "url": module.url_path,
                "last": count - 1,
                "template": template.pk,
            },
        )
        ids = [row[0] for row in cursor.fetchall()]
        columns = ", ".join(f'"{c}"' for c in lesson_columns)
        cursor.execute(
            f"""
            INSERT INTO modules_lessonpage (page_ptr_id, {columns})
            SELECT new_id, {", ".join(f'l."{c}"' for c in lesson_columns)}
            FROM modules_lessonpage l, unnest(%(ids)s::int[]) AS new_id
            WHERE l.page_ptr_id = %(template)s
            """,
            {"ids": ids, "template": template.pk},
        )
    type(module).objects.filter(pk=module.pk).update(numchild=module.numchild + count)
    return ids


def data_make(rows: int) -> dict[str, int]:
    from django.utils import timezone

    from courses.models import LessonProgress, ReminderSend
    from courses.services.progress import enrolment_start
    from tests.factories import make_course, make_learner, make_lesson, make_module

    course = make_course("Bench course", "bench-course")
    module = make_module(course, 1)
    template = make_lesson(module, "template-lesson", kind="written")
    lesson_ids = [template.pk, *lessons_copy(template, rows - 1)]
    now = timezone.now()
    learners = {}
    for name, size in [("small", SMALL), ("large", rows)]:
        user = make_learner(f"{name}@example.org", display_name=f"{name.title()} Learner")
        enrolment = enrolment_start(user=user, course=course, now=now)
        LessonProgress.objects.bulk_create(
            (
                LessonProgress(
                    user=user,
                    lesson_id=lesson_id,
                    position=120.0,
                    seconds_played=118.5,
                    created_at=now,
                    updated_at=now,
                    completed_at=now,
                )
                for lesson_id in lesson_ids[:size]
            ),
            batch_size=2000,
        )
        ReminderSend.objects.bulk_create(
            (
                ReminderSend(
                    user=user,
                    enrolment=enrolment,
                    period=f"bench-{number}",
                    status="sent",
                    claimed_at=now,
                    sent_at=now,
                    attempts=1,
                    last_activity_at=now,
                )
                for number in range(size)
            ),
            batch_size=2000,
        )
        learners[name] = user.pk
    return learners


# --- measuring (in a child process) ------------------------------------------------------------


def rss_kib() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() // 1024


def child(user_id: int) -> None:
    """Export one learner twice (timed, then traced) and print the figures as JSON."""
    from django.contrib.auth import get_user_model

    from accounts.services.export import personal_data_export_response

    user = get_user_model().objects.get(pk=user_id)
    # Warm up imports, templates and translations on a tiny archive of nobody's data.
    list(personal_data_export_response(get_user_model()(pk=0, email="x@example.org")))

    rss_before = rss_kib()
    started = time.perf_counter()
    size = pieces = 0
    for piece in personal_data_export_response(user).streaming_content:
        size += len(piece)
        pieces += 1
    seconds = time.perf_counter() - started
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    tracemalloc.start()
    for _piece in personal_data_export_response(user).streaming_content:
        pass
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "bytes": size,
                "pieces": pieces,
                "rss_before_kib": rss_before,
                "rss_peak_kib": rss_peak,
                "traced_peak_bytes": traced_peak,
            }
        )
    )


def measure(user_id: int, database_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url}
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(user_id)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000, help="progress rows of the learner")
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server URL (without database name)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child is not None:
        django_setup(os.environ["DATABASE_URL"])
        child(options.child)
        return

    server = options.postgres.rstrip("/")
    database_url = postgres_create(server, DATABASE)
    print(f"database: {database_url}")
    try:
        django_setup(database_url)
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        learners = data_make(options.rows)
        print(f"migrated and made the data in {time.perf_counter() - started:.1f} s\n")
        from django.db import connections

        connections.close_all()
        print(
            f"{'learner':<8} {'rows':>13} {'seconds':>8} {'zip':>9} "
            f"{'RSS growth':>11} {'traced peak':>12}"
        )
        for name, user_id in learners.items():
            rows = SMALL if name == "small" else options.rows
            figures = measure(user_id, database_url)
            growth = figures["rss_peak_kib"] - figures["rss_before_kib"]
            print(
                f"{name:<8} {f'{rows:,} + {rows:,}':>13} {figures['seconds']:>8.2f} "
                f"{figures['bytes'] / 1024:>7.0f} K {growth / 1024:>9.1f} M "
                f"{figures['traced_peak_bytes'] / 2**20:>10.2f} M"
            )
        print("\nrows: lesson progress + reminder records; RSS growth: peak RSS minus RSS before")
    finally:
        from django.db import connections

        connections.close_all()
        if not options.keep:
            postgres_drop(server, DATABASE)


if __name__ == "__main__":
    main()
