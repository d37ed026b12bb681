"""Load test: how many learners playing lectures one 2-core server holds (p95 < 300 ms, no errors).

Prepares the site as scripts/bench_pages.py does (a throwaway PostgreSQL database `bench_load`,
migrated and seeded with the demo course, static files collected, Redis as the cache), makes
--learners verified learners signed in by sessions written straight into the session store (no
password is hashed, so sign-in CPU does not count), starts gunicorn on the production settings
(--workers sync workers, or gthread with --threads) on a free loopback port, and runs Locust
headless with scripts/loadtest/locustfile.py in one process: learners who open a lesson and send
a progress report every 15 s, in steps of --steps learners (ramp at --spawn-rate per second,
--settle seconds, then a --hold second window measured). It stops at the first step with p95 at
or over --p95-ms or any error, after the last step, or after --max-seconds of load.

For each step it prints learners, req/s, median and p95 latency, errors, and the CPU the Locust
client and the gunicorn workers used (in cores); then the largest number of concurrent learners
with p95 under the limit and no errors. Locust runs on the same machine as the server and takes
CPU from it; everything stays on the loopback interface. Linux only (it reads /proc). Usage::

    .venv/bin/python scripts/loadtest/run.py [--steps 100,200,...,2000] [--hold 15]
        [--workers 2] [--threads 1] [--learners 3000] [--max-seconds 300]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scripts.bench_pages import (  # noqa: E402
    HOST,
    Gunicorn,
    django_start,
    learners_make,
    redis_flush,
    request_once,
    server_env,
    site_prepare,
    targets_find,
)
from scripts.benchdb import postgres_create, run_close  # noqa: E402
from scripts.benchserver import process_stop  # noqa: E402
from scripts.loadtest.steps import StepResult, largest_passing, step_passes, steps_parse  # noqa: E402

DATABASE = "bench_load"
COLUMNS = (
    "learners",
    "req/s",
    "median ms",
    "p95 ms",
    "errors / requests",
    "Locust CPU (cores)",
    "gunicorn CPU (cores)",
    "held",
)
DEFAULT_STEPS = "50,100,200,300,400,600,800,1000,1250,1500,1750,2000,2500"


def lessons_with_media() -> list[dict]:
    from modules.models import LessonPage

    lessons = LessonPage.objects.live().public().filter(media__isnull=False).select_related("media")
    return [
        {"id": lesson.pk, "path": lesson.url, "duration": float(lesson.media.duration or 60)}
        for lesson in lessons.order_by("path")
    ]


def server_warm(port: int, accounts: dict, *, rounds: int) -> None:
    """A few lesson pages and reports first, so no step pays for the workers' first requests."""
    cookie = f"{accounts['csrf_cookie']}={accounts['csrf_token']}; "
    cookie += f"{accounts['session_cookie']}={accounts['sessions'][-1]}"
    headers = {"Host": HOST, "Cookie": cookie}
    for _ in range(rounds):
        for lesson in accounts["lessons"][:4]:
            request_once(port, "GET", lesson["path"], headers)
            status, answer = request_once(
                port,
                "POST",
                f"/progress/lessons/{lesson['id']}/report/",
                {
                    **headers,
                    "X-CSRFToken": accounts["csrf_token"],
                    "Content-Type": "application/json",
                },
                json.dumps({"position": 1, "played": 1}).encode(),
            )
            if status != 200:
                raise RuntimeError(f"a progress report answered {status}: {answer[:200]!r}")


def step_line(result: StepResult, *, p95_limit_ms: float) -> str:
    def number(value, spec):
        return "–" if value is None else format(value, spec)

    passed = step_passes(result, p95_limit_ms=p95_limit_ms)
    return (
        f"| {result.users} | {result.per_second:.1f} | {number(result.median_ms, '.0f')}"
        f" | {number(result.p95_ms, '.0f')} | {result.failures} / {result.requests}"
        f" | {number(result.client_cpu, '.2f')} | {number(result.server_cpu, '.2f')}"
        f" | {'yes' if passed else 'no'} |"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", default=DEFAULT_STEPS, help="learners at each step")
    parser.add_argument("--spawn-rate", type=float, default=50, help="learners started per second")
    parser.add_argument("--settle", type=float, default=3, help="seconds after the ramp")
    parser.add_argument("--hold", type=float, default=15, help="seconds measured at each step")
    parser.add_argument("--p95-ms", type=float, default=300)
    parser.add_argument("--max-seconds", type=float, default=300, help="bound on the load time")
    parser.add_argument("--lecture-minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help=">1 uses gthread workers")
    parser.add_argument("--learners", type=int, default=3000, help="accounts signed in")
    parser.add_argument("--extra-lessons", type=int, default=0)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    options = parser.parse_args(argv)
    steps = steps_parse(options.steps)

    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    database_url = postgres_create(options.postgres, DATABASE)
    env = server_env(
        database_url=database_url, redis_url=options.redis, broker_url=options.broker, work=work
    )
    redis_flush(options.redis)
    server = None
    try:
        started = time.monotonic()
        django_start(env)
        site_prepare(extra_lessons=options.extra_lessons)
        targets = targets_find()
        sessions = learners_make(options.learners, csrf_token=targets.csrf_token)
        accounts = {
            "session_cookie": targets.session_cookie,
            "csrf_cookie": targets.csrf_cookie,
            "csrf_token": targets.csrf_token,
            "sessions": sessions,
            "lessons": lessons_with_media(),
        }
        from django.db import connection

        connection.close()
        (work / "accounts.json").write_text(json.dumps(accounts))
        print(
            f"# prepared in {time.monotonic() - started:.0f} s: {len(sessions)} signed-in"
            f" learners, {len(accounts['lessons'])} lessons with media",
            flush=True,
        )
        server = Gunicorn(
            env, workers=options.workers, threads=options.threads, log=work / "gunicorn.log"
        )
        server_warm(server.port, accounts, rounds=2 * options.workers * options.threads)
        results_path = work / "steps.jsonl"
        locust_env = {
            **os.environ,
            "LOADTEST_ACCOUNTS": str(work / "accounts.json"),
            "LOADTEST_RESULTS": str(results_path),
            "LOADTEST_STEPS": ",".join(map(str, steps)),
            "LOADTEST_SPAWN_RATE": str(options.spawn_rate),
            "LOADTEST_SETTLE": str(options.settle),
            "LOADTEST_HOLD": str(options.hold),
            "LOADTEST_P95_MS": str(options.p95_ms),
            "LOADTEST_DEADLINE": str(options.max_seconds),
            "LOADTEST_LECTURE_SECONDS": str(options.lecture_minutes * 60),
            "LOADTEST_SERVER_PID": str(server.process.pid),
        }
        print(
            f"# gunicorn {options.workers} {'gthread' if options.threads > 1 else 'sync'}"
            f" worker(s) x {options.threads} thread(s), production settings, PostgreSQL, Redis;"
            f" Locust (1 process) on the same {os.cpu_count()}-core machine: client and server"
            f" share the CPUs. Loopback only.",
            flush=True,
        )
        print(f"# p95 limit {options.p95_ms:g} ms; each step measured for {options.hold:g} s")
        print()
        print("| " + " | ".join(COLUMNS) + " |")
        print("|" + "---|" * len(COLUMNS))
        with (work / "locust.log").open("wb") as log:
            locust = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(HERE / "locustfile.py"),
                    "--headless",
                    "--only-summary",
                    "--host",
                    f"http://{HOST}:{server.port}",
                    "--loglevel",
                    "WARNING",
                ],
                env=locust_env,
                cwd=HERE,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            results: list[StepResult] = []
            limit = time.monotonic() + options.max_seconds + 180
            while True:
                finished = locust.poll() is not None
                if results_path.exists():
                    lines = results_path.read_text().splitlines()
                    for line in lines[len(results) :]:
                        result = StepResult(**json.loads(line))
                        results.append(result)
                        print(step_line(result, p95_limit_ms=options.p95_ms), flush=True)
                if finished:
                    break
                if time.monotonic() > limit:
                    process_stop(locust, timeout=30)
                    print("# Locust ran past its time bound and was stopped", file=sys.stderr)
                    break
                time.sleep(1)
        if locust.returncode not in (0, 1):  # 1: Locust's "some requests failed"
            print(f"# Locust exited with {locust.returncode}; see {work / 'locust.log'}")
            options.keep = True
        print()
        largest = largest_passing(results, p95_limit_ms=options.p95_ms)
        print(
            f"largest number of concurrent learners with p95 < {options.p95_ms:g} ms"
            f" and no errors: {largest}"
        )
    finally:
        if server:
            server.stop()
        run_close(server_url=options.postgres, database=DATABASE, work=work, keep=options.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
