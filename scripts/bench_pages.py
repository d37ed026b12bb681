"""Benchmark the site's main pages on gunicorn with the production settings, against a bare view.

What it builds, all thrown away afterwards:

* a PostgreSQL database of its own (`bench_pages` on the server of --postgres), migrated and
  seeded with the demo course (`seed_demo`; --extra-lessons adds copies of a lesson spread over
  the modules, for a larger course), static files collected for the production storage;
* learners made directly in the database, signed in by sessions written into the configured
  session store (no password hashing on either side), one of them with some progress made
  through the site itself (three lessons marked complete, reports on the video lesson);
* gunicorn (--workers sync workers, or gthread with --threads) on a free loopback port, with
  config.settings.production through scripts/bench_settings.py, which only adds the bare view
  `/_bench/ok`; Redis (--redis) is the cache, the database the one above;
* with --varnish URL, or when deploy/varnish/course.vcl exists and varnishd is installed, an
  HTTP cache in front, to measure the anonymous lesson through it.

Method: --rounds interleaved rounds of bare, page 1, bare, page 2, ...; each run lasts --seconds
with --concurrency client threads (http.client; gunicorn's sync workers close the connection
after every response, so each request opens one). For every page it prints the median req/s,
the median ratio to the bare run just before it, and the gunicorn workers' CPU per request
(utime + stime from /proc/<pid>/stat, summed over the workers, around each run). Queries per
request are counted in this process with Django's test client and CaptureQueriesContext on the
same database and settings (the second of two requests, i.e. a warm worker); statements a new
connection sends on its own (such as SET TIME ZONE) are not among them.

The client runs on the same machine as the server and takes CPU from it: ratios and req/s are
only comparable between runs on the same machine, and are noisy when anything else runs.
Linux only (it reads /proc). Usage::

    .venv/bin/python scripts/bench_pages.py [--rounds 5] [--seconds 1.5] [--workers 2]
        [--threads 1] [--concurrency 4] [--extra-lessons 0] [--varnish URL | --no-varnish]
        [--postgres postgresql://postgres@127.0.0.1:5432] [--redis redis://127.0.0.1:6379/14]
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import re
import secrets
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scripts import benchserver  # noqa: E402
from scripts.benchdb import postgres_create, run_close  # noqa: E402
from scripts.benchserver import (  # noqa: E402
    HOST,
    free_port,
    process_stop,
    wait_until_listening,
)

DATABASE = "bench_pages"
VCL = REPO_ROOT / "deploy" / "varnish" / "course.vcl"
BARE_PATH = "/_bench/ok"
CLOCK_TICK = os.sysconf("SC_CLK_TCK")
REPORT_SECONDS = 15  # the player's interval; progress reports play this much each


# --- figures (pure; tests/scripts/test_bench.py) ---------------------------------------------


def median(values: list[float]) -> float | None:
    values = [value for value in values if value is not None]
    return statistics.median(values) if values else None


def ratio(value: float, bare: float) -> float | None:
    return value / bare if bare else None


def cpu_per_request_ms(ticks: int, requests: int) -> float | None:
    """Worker CPU per request in milliseconds, from /proc clock ticks."""
    return ticks * 1000 / CLOCK_TICK / requests if requests else None


def is_write(sql: str) -> bool:
    """Whether a statement writes (a data-modifying WITH counts; SELECT ... FOR UPDATE not)."""
    return bool(
        re.match(r"\s*(INSERT|UPDATE|DELETE)\b", sql, re.IGNORECASE)
        or re.search(r"\bAS\s*\(\s*(INSERT|UPDATE|DELETE)\b", sql, re.IGNORECASE)
    )


def figure(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


# --- the environment -------------------------------------------------------------------------


def server_env(*, database_url: str, redis_url: str, broker_url: str, work: Path) -> dict:
    """The process environment of the production settings on the throwaway database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "CELERY_", "DATABASE_", "CACHE_", "AWS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="scripts.bench_settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=broker_url,
        EMAIL_FILE_PATH=str(work / "emails"),
        PYTHONPATH=str(REPO_ROOT),
    )
    return env


def redis_flush(url: str) -> None:
    """Empty the Redis database the run uses, so no cached page of an earlier run answers."""
    import redis

    redis.Redis.from_url(url).flushdb()


def django_start(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def site_prepare(*, extra_lessons: int) -> None:
    """Migrate, seed the demo course and collect static files; prints how long each took."""
    from django.core.management import call_command

    timings = []
    for label, action in (
        ("migrate", lambda: call_command("migrate", interactive=False, verbosity=0)),
        ("seed_demo", lambda: call_command("seed_demo", stdout=open(os.devnull, "w"))),  # noqa: SIM115
        ("collectstatic", lambda: call_command("collectstatic", interactive=False, verbosity=0)),
        ("extra lessons", lambda: lessons_add(extra_lessons) if extra_lessons else None),
    ):
        started = time.monotonic()
        action()
        timings.append(f"{label} {time.monotonic() - started:.0f} s")
    from modules.models import LessonPage

    lessons = LessonPage.objects.live().count()
    print("# " + ", ".join(timings) + f"; {lessons} lessons", flush=True)


def lessons_add(count: int) -> None:
    """`count` more lessons, copies of each module's first lesson, spread over the modules."""
    from modules.models import LessonPage, ModulePage
    from scripts.bench_export import lessons_copy

    modules = list(ModulePage.objects.live().order_by("path"))
    share, rest = divmod(count, len(modules))
    for index, module in enumerate(modules):
        template = LessonPage.objects.child_of(module).order_by("path").first()
        number = share + (1 if index < rest else 0)
        if template and number:
            lessons_copy(template, number)


@dataclass
class Targets:
    """The paths measured and the learners who sign in."""

    course: str
    module: str
    video_lesson: str
    video_lesson_id: int
    video_duration: float
    other_lessons: list[int]
    session_cookie: str
    csrf_cookie: str
    csrf_token: str
    learners: list[str] = field(default_factory=list)  # session keys

    def cookies(self, session: str | None) -> str:
        cookie = f"{self.csrf_cookie}={self.csrf_token}"
        return f"{cookie}; {self.session_cookie}={session}" if session else cookie


def targets_find() -> Targets:
    from django.conf import settings

    from modules.models import CoursePage, LessonPage, ModulePage

    course = CoursePage.objects.live().order_by("path").first()
    module = ModulePage.objects.live().descendant_of(course).order_by("path").first()
    lessons = list(
        LessonPage.objects.live().descendant_of(course).select_related("media").order_by("path")
    )
    video = next(lesson for lesson in lessons if lesson.media_id and lesson.media.type == "video")
    others = [lesson.pk for lesson in lessons if lesson.pk != video.pk][:3]
    return Targets(
        course=course.url,
        module=module.url,
        video_lesson=video.url,
        video_lesson_id=video.pk,
        video_duration=float(video.media.duration or 600),
        other_lessons=others,
        session_cookie=settings.SESSION_COOKIE_NAME,
        csrf_cookie=settings.CSRF_COOKIE_NAME,
        # An unmasked secret is a valid token for Django's CSRF check, as cookie and header.
        csrf_token="".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32)),
    )


def learners_make(count: int, *, csrf_token: str, prefix: str = "learner") -> list[str]:
    """`count` verified learners, each signed in: returns their session keys.

    Users are inserted in bulk with unusable passwords and their sessions written straight into
    the configured session store, as a sign-in would, so that no password is ever hashed."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.hashers import make_password
    from django.middleware.csrf import CSRF_SESSION_KEY
    from django.utils.module_loading import import_string

    User = get_user_model()
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(email=f"{prefix}{n}@bench.example.org", password=unusable, display_name=f"L {n}")
            for n in range(count)
        ],
        batch_size=1000,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=1000,
    )
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    backend = settings.AUTHENTICATION_BACKENDS[0]
    keys = []
    for user in users:
        session = store()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if settings.CSRF_USE_SESSIONS:
            session[CSRF_SESSION_KEY] = csrf_token
        session.save()
        keys.append(session.session_key)
    return keys


# --- servers ---------------------------------------------------------------------------------


class Gunicorn(benchserver.Gunicorn):
    """gunicorn on the production settings (plus the bare view) on a free loopback port."""

    def __init__(self, env: dict, *, workers: int, threads: int, log: Path):
        super().__init__(
            env,
            workers=workers,
            options=[
                "--worker-class",
                "gthread" if threads > 1 else "sync",
                "--threads",
                str(threads),
                "--timeout",
                "120",
                "--backlog",
                "4096",
                "--log-level",
                "warning",
            ],
            log=log,
            timeout=90,
            ready=lambda port: request_once(port, "GET", BARE_PATH)[0] == 200,
        )


def ticks_spent(before: dict[int, int], after: dict[int, int]) -> int:
    """CPU ticks the workers spent between two readings (a worker started since counts whole)."""
    return sum(ticks - before.get(pid, 0) for pid, ticks in after.items())


class Varnish:
    """varnishd with the project's VCL, its backend pointed at our gunicorn."""

    def __init__(self, vcl: Path, *, backend_port: int, work: Path):
        self.port = free_port()
        text = vcl.read_text()
        if not re.search(r"^\s*backend\s", text, re.MULTILINE):
            # Cache logic only (to be included after the backends): declare ours and include it.
            text = (
                "vcl 4.1;\n"
                f'backend default {{ .host = "{HOST}"; .port = "{backend_port}"; }}\n'
                f'include "{vcl}";\n'
            )
        else:
            # A complete VCL: its backends (compose service names) become our gunicorn.
            text = re.sub(r'(\.host\s*=\s*)"[^"]*"', rf'\1"{HOST}"', text)
            text = re.sub(r'(\.port\s*=\s*)"[^"]*"', rf'\1"{backend_port}"', text)
            if ".port" not in text:  # a host given as "name:port", or the default port
                text = re.sub(
                    r'(\.host\s*=\s*"[^"]*")\s*;', rf'\1; .port = "{backend_port}";', text
                )
        local = work / "bench.vcl"
        local.write_text(text)
        self.name = work / "varnish"
        self.process = subprocess.Popen(
            [
                shutil.which("varnishd") or "/usr/sbin/varnishd",
                "-F",
                "-f",
                str(local),
                "-a",
                f"{HOST}:{self.port}",
                "-T",
                "none",
                "-n",
                str(self.name),
                # As root varnishd would run as its own users, who cannot read our 0700 folder.
                *(["-j", "none"] if os.geteuid() == 0 else []),
                "-s",
                "malloc,128m",
                "-p",
                f"vcl_path={vcl.parent}",
            ],
            stdout=(work / "varnish.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        if not wait_until_listening(self.port, timeout=30, process=self.process, interval=0.2):
            exited = self.process.poll() is not None
            process_stop(self.process)
            if exited:
                raise RuntimeError(f"varnishd exited; see {work / 'varnish.log'}")
            raise RuntimeError("varnishd did not listen within 30 s")

    def stop(self) -> None:
        process_stop(self.process, timeout=15)


# --- the client ------------------------------------------------------------------------------


def request_once(port: int, method: str, path: str, headers=None, body=None, host=HOST):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@dataclass
class Page:
    """One thing measured: `request(n)` gives the n-th request's method, path, headers, body."""

    name: str
    request: Callable[[int], tuple[str, str, dict, bytes | None]]
    port: int
    expect: int = 200
    through_cache: bool = False


@dataclass
class Run:
    requests: int
    errors: int
    seconds: float
    ticks: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load_run(page: Page, *, seconds: float, concurrency: int, server: Gunicorn) -> Run:
    """As many requests as `concurrency` threads manage in `seconds`, each read to its end."""
    counter = itertools.count()
    done, errors = [0] * concurrency, [0] * concurrency
    first_error: list[str] = []
    barrier = threading.Barrier(concurrency + 1)
    stop_at = [0.0]

    def client(slot: int) -> None:
        connection = http.client.HTTPConnection(HOST, page.port, timeout=30)
        barrier.wait()
        while time.monotonic() < stop_at[0]:
            method, path, headers, body = page.request(next(counter))
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == page.expect
                if not ok and not first_error:
                    first_error.append(f"{method} {path}: {response.status}")
            except (OSError, http.client.HTTPException) as error:
                ok = False
                if not first_error:
                    first_error.append(f"{method} {path}: {error!r}")
                connection.close()
                connection = http.client.HTTPConnection(HOST, page.port, timeout=30)
            done[slot] += 1
            errors[slot] += not ok
        connection.close()

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(concurrency)]
    for thread in threads:
        thread.start()
    before = server.worker_ticks()
    started = time.monotonic()
    stop_at[0] = started + seconds
    barrier.wait()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ticks = ticks_spent(before, server.worker_ticks())
    if first_error:
        print(f"#   {page.name}: first error: {first_error[0]}", file=sys.stderr)
    return Run(sum(done), sum(errors), elapsed, ticks)


def pages_make(targets: Targets, *, port: int, cache_port: int | None, healthz: bool) -> list:
    learners = targets.learners
    signed = learners[0]
    anonymous = {"Host": HOST}

    def get(path: str, session: str | None = None):
        headers = {"Host": HOST}
        if session:
            headers["Cookie"] = targets.cookies(session)
        return lambda n: ("GET", path, headers, None)

    report_path = f"/progress/lessons/{targets.video_lesson_id}/report/"
    duration = targets.video_duration
    reporters = learners[1:-1] or learners  # the last one is kept for counting queries

    def report(n: int):
        # A different learner each time, as when many play at once; each plays on 15 s a time.
        session = reporters[n % len(reporters)]
        rounds = n // len(reporters)
        position = (rounds * REPORT_SECONDS + REPORT_SECONDS) % max(duration - 1, 1)
        body = json.dumps(
            {"position": round(position, 1), "played": REPORT_SECONDS, "duration": duration}
        ).encode()
        headers = {
            "Host": HOST,
            "Cookie": targets.cookies(session),
            "X-CSRFToken": targets.csrf_token,
            "Content-Type": "application/json",
        }
        return "POST", report_path, headers, body

    pages = [
        Page("anonymous lesson", lambda n: ("GET", targets.video_lesson, anonymous, None), port),
        Page("signed-in lesson", get(targets.video_lesson, signed), port),
        Page("dashboard", get("/dashboard/", signed), port),
        Page("progress report (POST)", report, port),
        Page("course home (anonymous)", get(targets.course), port),
        Page("module page (anonymous)", get(targets.module), port),
    ]
    if cache_port:
        pages.append(
            Page(
                "anonymous lesson via Varnish",
                get(targets.video_lesson),
                cache_port,
                through_cache=True,
            )
        )
    if healthz:
        pages.append(Page("/healthz", get("/healthz"), port))
    return pages


# --- queries ---------------------------------------------------------------------------------


def queries_count(targets: Targets) -> dict[str, tuple[int, int]]:
    """(queries, writes) of each page's second request, in this process on the same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def client_for(session: str | None) -> Client:
        client = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
        client.cookies[targets.csrf_cookie] = targets.csrf_token
        if session:
            client.cookies[targets.session_cookie] = session
        return client

    signed, reporter = targets.learners[0], targets.learners[-1]
    report_path = f"/progress/lessons/{targets.video_lesson_id}/report/"
    checks = {
        "anonymous lesson": (client_for(None), "get", targets.video_lesson),
        "signed-in lesson": (client_for(signed), "get", targets.video_lesson),
        "dashboard": (client_for(signed), "get", "/dashboard/"),
        "progress report (POST)": (client_for(reporter), "post", report_path),
        "course home (anonymous)": (client_for(None), "get", targets.course),
        "module page (anonymous)": (client_for(None), "get", targets.module),
    }
    counts = {}
    for name, (client, method, path) in checks.items():
        for attempt in range(2):
            kwargs = {}
            if method == "post":
                # Mid-lecture reports of a learner of their own: no completion (and its extra
                # queries) however long the video is.
                kwargs = {
                    "data": json.dumps({"position": 1.0 + attempt, "played": 1}),
                    "content_type": "application/json",
                    "HTTP_X_CSRFTOKEN": targets.csrf_token,
                }
            with CaptureQueriesContext(connection) as captured:
                response = getattr(client, method)(path, **kwargs)
            if response.status_code != 200:
                raise RuntimeError(f"{name}: {path} answered {response.status_code}")
        sql = [query["sql"] for query in captured.captured_queries]
        counts[name] = (len(sql), sum(is_write(statement) for statement in sql))
    return counts


# --- the run ---------------------------------------------------------------------------------


def progress_make(port: int, targets: Targets) -> None:
    """Some progress for the signed-in learner, made through the site as a learner would."""
    session = targets.learners[0]
    headers = {
        "Host": HOST,
        "Cookie": targets.cookies(session),
        "X-CSRFToken": targets.csrf_token,
    }
    for lesson_id in targets.other_lessons:
        status, _ = request_once(
            port, "POST", f"/progress/lessons/{lesson_id}/complete/", headers=headers
        )
        if status not in (200, 302, 303):
            raise RuntimeError(f"marking lesson {lesson_id} complete answered {status}")
    body = json.dumps({"position": 15, "played": 15}).encode()
    status, answer = request_once(
        port,
        "POST",
        f"/progress/lessons/{targets.video_lesson_id}/report/",
        headers={**headers, "Content-Type": "application/json"},
        body=body,
    )
    if status != 200:
        raise RuntimeError(f"a progress report answered {status}: {answer[:200]!r}")


@dataclass
class Result:
    page: Page
    rates: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    errors: int = 0


def rounds_run(pages, *, server, bare: Page, rounds: int, seconds: float, concurrency: int):
    results = {page.name: Result(page) for page in pages}
    bare_result = Result(bare)
    # Warm-up: every worker has imported, connected and rendered everything once.
    for page in [bare, *pages]:
        load_run(page, seconds=min(seconds, 1.0), concurrency=concurrency, server=server)
    for number in range(1, rounds + 1):
        line = []
        for page in pages:
            base = load_run(bare, seconds=seconds, concurrency=concurrency, server=server)
            run = load_run(page, seconds=seconds, concurrency=concurrency, server=server)
            bare_result.rates.append(base.per_second)
            bare_result.errors += base.errors
            bare_result.cpu_ms.append(cpu_per_request_ms(base.ticks, base.requests))
            result = results[page.name]
            result.rates.append(run.per_second)
            result.ratios.append(ratio(run.per_second, base.per_second))
            result.cpu_ms.append(cpu_per_request_ms(run.ticks, run.requests))
            result.errors += run.errors
            line.append(f"{page.name} {run.per_second:.0f}/{base.per_second:.0f}")
        print(f"# round {number}: " + ", ".join(line) + " (page/bare req/s)", flush=True)
    return bare_result, results


def table_print(bare: Result, results: dict, queries: dict, *, header: str) -> None:
    print()
    print(header)
    print()
    print("| page | queries | worker CPU / request | req/s | throughput vs bare | errors |")
    print("|---|---|---|---|---|---|")
    print(
        f"| bare view ({BARE_PATH}) | 0 | {figure(median(bare.cpu_ms), '.1f')} ms"
        f" | {figure(median(bare.rates), '.0f')} | 1 | {bare.errors} |"
    )
    for name, result in results.items():
        counted = queries.get(name)
        if counted:
            queries_text = f"{counted[0]} ({counted[1]} write{'s' * (counted[1] != 1)})"
            if not counted[1]:
                queries_text = str(counted[0])
        else:
            queries_text = "–"
        print(
            f"| {name} | {queries_text} | {figure(median(result.cpu_ms), '.1f')} ms"
            f" | {figure(median(result.rates), '.1f')}"
            f" | {figure(median(result.ratios), '.3f')} | {result.errors} |"
        )
    print()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=1.5, help="length of each run")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help=">1 uses gthread workers")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--learners", type=int, default=50, help="signed-in learners")
    parser.add_argument("--extra-lessons", type=int, default=0)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--varnish", help="URL of an HTTP cache in front of the server")
    parser.add_argument("--no-varnish", action="store_true", help="do not start varnishd")
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    options = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    database_url = postgres_create(options.postgres, DATABASE)
    env = server_env(
        database_url=database_url, redis_url=options.redis, broker_url=options.broker, work=work
    )
    redis_flush(options.redis)
    servers = []
    try:
        started = time.monotonic()
        django_start(env)
        site_prepare(extra_lessons=options.extra_lessons)
        targets = targets_find()
        targets.learners = learners_make(options.learners, csrf_token=targets.csrf_token)
        from django.db import connection

        connection.close()
        print(f"# prepared in {time.monotonic() - started:.0f} s", flush=True)

        server = Gunicorn(
            env, workers=options.workers, threads=options.threads, log=work / "gunicorn.log"
        )
        servers.append(server)
        progress_make(server.port, targets)
        cache_port = None
        if options.varnish:
            cache_port = int(options.varnish.rsplit(":", 1)[1].split("/")[0])
        elif not options.no_varnish and VCL.exists() and shutil.which("varnishd"):
            varnish = Varnish(VCL, backend_port=server.port, work=work)
            servers.append(varnish)
            cache_port = varnish.port
        healthz = request_once(server.port, "GET", "/healthz", {"Host": HOST})[0] == 200
        pages = pages_make(targets, port=server.port, cache_port=cache_port, healthz=healthz)
        bare = Page("bare", lambda n: ("GET", BARE_PATH, {"Host": HOST}, None), server.port)
        bare_result, results = rounds_run(
            pages,
            server=server,
            bare=bare,
            rounds=options.rounds,
            seconds=options.seconds,
            concurrency=options.concurrency,
        )
        for stopping in reversed(servers):
            stopping.stop()
        servers.clear()
        queries = queries_count(targets)
        header = (
            f"gunicorn {options.workers} {'gthread' if options.threads > 1 else 'sync'} "
            f"worker(s) x {options.threads} thread(s), production settings, PostgreSQL, Redis; "
            f"{options.concurrency} client threads on the same {os.cpu_count()}-core machine; "
            f"medians of {options.rounds} interleaved rounds of {options.seconds:g} s; "
            f"queries counted in process (second request)."
        )
        table_print(bare_result, results, queries, header=header)
    finally:
        for stopping in reversed(servers):
            stopping.stop()
        run_close(server_url=options.postgres, database=DATABASE, work=work, keep=options.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
