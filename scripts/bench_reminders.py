"""Benchmark the reminder pipeline at 10,000 and 100,000 due learners.

Prints, for each size, how long each stage takes and how many database queries it makes:

* select: `due_reminder_batches`, everyone due now, in keyset-paginated batches;
* sweep: `reminder_enqueue_due`, the selection plus one message per learner on Celery's in-memory
  broker (what beat's sweep does, without Redis);
* render: `reminder_message` for every due learner, as the send task does it (the learner's
  enrolment read by id, then the course outline and their progress);
* send: those messages through Django's in-memory (locmem) email backend;
* claim+send: `reminder_send` for every due learner, the whole send task (claim, lock, render,
  send, record), on a fresh set of claims.

then the ratio between the sizes (about 10 where the stage grows linearly), and the sweep's
queries against its number of batches (it should grow with batches, not with learners).

It works in a throwaway database of its own, created and dropped here: PostgreSQL
`bench_reminders` on the server of --postgres (default postgres://postgres@127.0.0.1:5432), or
SQLite in a temporary directory with --sqlite. Learners are created with bulk_create, each in a
fixed-offset timezone where it is 10:xx now and last active eight days ago, so that all of them
are due a weekly reminder. Usage::

    .venv/bin/python scripts/bench_reminders.py [--sizes 10000,100000] [--sample 10000] [--sqlite]

Selecting and sweeping always cover every learner. Rendering, sending and claiming cost about
20 ms a learner on two cores, so that at 110,000 learners they would take over half an hour: by
default they cover at most 10,000 learners of each size (all of the smaller one, an even spread
of the larger), and the report gives the time per learner at each size (linear growth keeps it
level) and the estimated time for everyone. --sample 0 puts everyone through every stage.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scripts.benchdb import django_setup, postgres_create, postgres_drop  # noqa: E402

DATABASE = "bench_reminders"
CREATE_BATCH = 5_000


# --- measuring --------------------------------------------------------------------------------


class QueryCounter:
    """Counts every query the default connection executes (unlike CaptureQueriesContext, whose
    log keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@dataclass
class Stage:
    seconds: float = 0.0
    queries: int = 0
    items: int = 0
    extra: dict = field(default_factory=dict)


@contextmanager
def measured(stage: Stage):
    from django.db import connection

    counter = QueryCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        yield stage
    stage.seconds += time.perf_counter() - started
    stage.queries += counter.count


# --- the data ---------------------------------------------------------------------------------


def course_make():
    from tests.factories import make_course, make_lesson, make_module

    course = make_course("Bench course", "bench-course")
    for number in (1, 2, 3):
        module = make_module(course, number)
        for index in range(4):
            make_lesson(module, f"lesson-{number}-{index}", kind="written")
    return course


def zone_where_it_is(hour: int, now) -> str:
    """A fixed-offset zone where the local hour is `hour` at `now` (Etc/GMT-3 is UTC+3)."""
    offset = (hour - now.hour) % 24
    if offset > 14:
        offset -= 24
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


def learners_add(course, start: int, stop: int, now) -> None:
    """Learners start..stop-1, all due now: bulk-created users and enrolments."""
    from django.contrib.auth import get_user_model

    from courses.models import Enrolment

    User = get_user_model()
    zone = zone_where_it_is(10, now)
    for first in range(start, stop, CREATE_BATCH):
        numbers = range(first, min(first + CREATE_BATCH, stop))
        users = User.objects.bulk_create(
            User(email=f"learner{n}@bench.example.org", password="!", timezone=zone)
            for n in numbers
        )
        Enrolment.objects.bulk_create(
            Enrolment(
                user=user,
                course=course,
                started_at=now - timedelta(days=30),
                last_activity_at=now - timedelta(days=8, minutes=n % 600),
            )
            for n, user in zip(numbers, users, strict=True)
        )


def statistics_update() -> None:
    """ANALYZE, as autovacuum soon would after a bulk load. Without it the planner, expecting a
    handful of candidates, reads every remaining one for each batch of 500 and keeps the first:
    the sweep grows with the square of the learners until the statistics catch up."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def claims_forget() -> None:
    """Remove every reminder record, so that everyone is due again."""
    from courses.models import ReminderSend

    # Nothing cascades from a reminder record, so Django deletes them in one statement.
    ReminderSend.objects.all().delete()


# --- the stages -------------------------------------------------------------------------------


def stage_select(now) -> tuple[Stage, list]:
    from courses.reminders.selection import due_reminder_batches

    stage = Stage()
    with measured(stage):
        batches = list(due_reminder_batches(now))
    stage.items = sum(len(batch) for batch in batches)
    stage.extra["batches"] = len(batches)
    return stage, [due for batch in batches for due in batch]


def stage_sweep(now) -> Stage:
    from config.celery import app
    from courses.tasks import reminder_enqueue_due

    stage = Stage()
    app.conf.task_always_eager = False  # publish to the in-memory broker, do not run
    try:
        with measured(stage):
            stage.items = reminder_enqueue_due(now)
        with app.connection_for_write() as broker:
            stage.extra["queued"] = broker.default_channel.queue_purge("celery")
    finally:
        app.conf.task_always_eager = True
    return stage


def stages_render_and_send(due: list, now) -> tuple[Stage, Stage]:
    """Render every message as the send task does, then send them through locmem, a batch at a
    time (the locmem outbox is emptied after each batch, or 100,000 emails would sit in it)."""
    from django.core import mail

    from courses.models import Enrolment, ReminderSend
    from courses.reminders.emails import reminder_message
    from courses.reminders.selection import BATCH_SIZE
    from mailing.delivery import delivery_connection

    render, send = Stage(), Stage()
    backend = delivery_connection()  # as the send task does: past the outbox
    for first in range(0, len(due), BATCH_SIZE):
        batch = due[first : first + BATCH_SIZE]
        with measured(render):
            messages = []
            for reminder in batch:
                enrolment = Enrolment.objects.select_related("user", "course").get(
                    pk=reminder.enrolment_id
                )
                claim = ReminderSend(
                    user_id=reminder.user_id,
                    period=reminder.period,
                    claimed_at=now,
                    attempts=1,
                    last_activity_at=reminder.last_activity_at,
                )
                messages.append(reminder_message(enrolment=enrolment, claim=claim))
        render.items += len(messages)
        with measured(send):
            send.items += backend.send_messages(messages)
        render.extra["bytes"] = render.extra.get("bytes", 0) + sum(
            len(message.message().as_bytes()) for message in mail.outbox
        )
        mail.outbox.clear()
    return render, send


def stage_claim_and_send(due: list, now) -> Stage:
    from django.core import mail

    from courses.reminders.sending import reminder_send

    stage = Stage()
    outcomes: dict[str, int] = {}
    with measured(stage):
        for number, reminder in enumerate(due, start=1):
            outcome = reminder_send(
                enrolment_id=reminder.enrolment_id, period=reminder.period, now=now
            )
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            if number % 1000 == 0:
                mail.outbox.clear()
    mail.outbox.clear()
    stage.items = outcomes.get("sent", 0)
    stage.extra["outcomes"] = outcomes
    return stage


# --- the report -------------------------------------------------------------------------------

STAGES = ["select", "sweep", "render", "send", "claim+send"]


def ms_per_learner(stage: Stage) -> float:
    return 1000 * stage.seconds / stage.items if stage.items else float("nan")


def seconds_for_all(stage: Stage, size: int) -> float:
    return stage.seconds * size / stage.items if stage.items else float("nan")


def queries_for_all(stage: Stage, size: int) -> float:
    return stage.queries * size / stage.items if stage.items else float("nan")


def ratio(new: float, old: float) -> str:
    return f"x{new / old:.2f}" if old else "-"


def report(sizes: list[int], results: dict[int, dict[str, Stage]]) -> None:
    for size in sizes:
        print(f"\n{size:,} due learners")
        print(
            f"  {'stage':<11} {'covered':>8} {'seconds':>9} {'ms/learner':>11} {'queries':>9}"
            f" {'queries/learner':>16} {'s for all':>10}"
        )
        for name in STAGES:
            stage = results[size][name]
            sampled = stage.items < size
            print(
                f"  {name:<11} {stage.items:>8,} {stage.seconds:>9.2f}"
                f" {ms_per_learner(stage):>11.3f} {stage.queries:>9,}"
                f" {stage.queries / stage.items:>16.3f}"
                f" {seconds_for_all(stage, size):>10.1f}{' (estimated)' if sampled else ''}"
            )
    small, large = sizes[0], sizes[-1]
    if small != large:
        print(f"\nGrowth from {small:,} to {large:,} due learners (x{large / small:g}):")
        print(f"  {'stage':<11} {'s for all':>10} {'ms/learner':>11} {'queries for all':>16}")
        for name in STAGES:
            a, b = results[small][name], results[large][name]
            print(
                f"  {name:<11} {ratio(seconds_for_all(b, large), seconds_for_all(a, small)):>10}"
                f" {ratio(ms_per_learner(b), ms_per_learner(a)):>11}"
                f" {ratio(queries_for_all(b, large), queries_for_all(a, small)):>16}"
            )
        print("  (linear: 'for all' columns near the learner ratio, 'ms/learner' near 1)")
    batch_size = results[small]["select"].extra["batch_size"]
    print(f"\nSweep queries against batches (at most {batch_size} learners a batch):")
    for size in sizes:
        select, sweep = results[size]["select"], results[size]["sweep"]
        batches = select.extra["batches"]
        print(
            f"  {size:>9,} learners: {batches:>4} batches; select {select.queries:>4} queries,"
            f" sweep {sweep.queries:>4} queries: {sweep.queries / batches:.2f} a batch,"
            f" {sweep.queries / size:.4f} a learner"
        )
    for size in sizes:
        render = results[size]["render"]
        print(
            f"\n{size:,}: render/send/claim+send covered {render.items:,} learners"
            f" (average email {render.extra['bytes'] / render.items / 1024:.1f} KiB);"
            f" claim+send outcomes {results[size]['claim+send'].extra['outcomes']}"
        )


def sample_of(due: list, sample: int | None) -> list:
    """Every learner, or `sample` of them spread evenly through the table."""
    if not sample or sample >= len(due):
        return due
    return due[:: len(due) // sample][:sample]


def run(sizes: list[int], sample: int | None) -> dict[int, dict[str, Stage]]:
    from django.core.management import call_command
    from django.utils import timezone

    from courses.reminders.selection import BATCH_SIZE

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    course = course_make()
    print(f"migrated and made the course in {time.perf_counter() - started:.1f} s", flush=True)
    results: dict[int, dict[str, Stage]] = {}
    made = 0
    for size in sizes:
        now = timezone.now()
        started = time.perf_counter()
        learners_add(course, made, size, now)
        made = size
        statistics_update()
        print(f"{size:,} learners ready ({time.perf_counter() - started:.1f} s to add)", flush=True)
        claims_forget()
        select, due = stage_select(now)
        select.extra["batch_size"] = BATCH_SIZE
        assert select.items == size, f"{select.items} of {size} learners are due"
        print(f"  select     {select.seconds:8.2f} s", flush=True)
        sweep = stage_sweep(now)
        print(f"  sweep      {sweep.seconds:8.2f} s", flush=True)
        chosen = sample_of(due, sample)
        render, send = stages_render_and_send(chosen, now)
        print(f"  render     {render.seconds:8.2f} s", flush=True)
        print(f"  send       {send.seconds:8.2f} s", flush=True)
        claim_send = stage_claim_and_send(chosen, now)
        print(f"  claim+send {claim_send.seconds:8.2f} s", flush=True)
        results[size] = {
            "select": select,
            "sweep": sweep,
            "render": render,
            "send": send,
            "claim+send": claim_send,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated learner counts")
    parser.add_argument(
        "--sample",
        type=int,
        default=10_000,
        help="render, send and claim this many learners of each size (0: everyone)",
    )
    parser.add_argument("--sqlite", action="store_true", help="SQLite in a temporary directory")
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server URL (without database name)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    options = parser.parse_args()
    sizes = sorted(int(size) for size in options.sizes.split(","))

    workdir = Path(tempfile.mkdtemp(prefix="bench-reminders-"))
    if options.sqlite:
        database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        database_url = postgres_create(options.postgres.rstrip("/"), DATABASE)
    print(f"database: {database_url}")
    total = time.perf_counter()
    try:
        django_setup(database_url)
        results = run(sizes, options.sample or None)
        report(sizes, results)
    finally:
        from django.db import connections

        connections.close_all()
        if not options.keep:
            if not options.sqlite:
                postgres_drop(options.postgres.rstrip("/"), DATABASE)
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"\ntotal {time.perf_counter() - total:.0f} s")


if __name__ == "__main__":
    main()
