"""What the worker tests need around them: a recording SMTP server, Celery worker processes on
a Redis broker of their own, learners due right now, and waiting with a deadline.

A worker is another process, so nothing in it can be mocked or time-travelled: it reads the test
database through DATABASE_URL, sends through real SMTP to the server below, and decides who is
due with the real clock. The learners are therefore made due for the real "now", by giving them
a timezone in which it is currently mid-morning.
"""

import asyncio
import contextlib
import email
import email.policy
import os
import re
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import redis
from aiosmtpd.controller import Controller
from celery.exceptions import AlwaysEagerIgnored
from django.conf import settings
from django.db import connection

from courses.models import Enrolment
from tests.factories import make_learner
from tests.support import free_port

REPO_ROOT = Path(__file__).resolve().parent.parent.parent

# The broker gets a Redis database of its own next to the test cache's, flushed before and after
# each test, so that no message outlives the test that sent it.
BROKER_DB_OFFSET = 1


# --- learners due now -------------------------------------------------------------------------


def zone_where_it_is(hour: int, now: datetime) -> str:
    """A fixed-offset zone in which the local hour is `hour` at `now` (POSIX signs: Etc/GMT-3 is
    three hours ahead of UTC)."""
    offset = (hour - now.hour) % 24
    if offset > 14:  # Etc/GMT zones run from UTC-12 to UTC+14
        offset -= 24
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


def make_due_learner(course, email_address: str, *, now: datetime, **extra):
    """A learner inactive for eight days in a zone where it is 10:xx now: due a weekly reminder
    for at least the next hour."""
    learner = make_learner(email_address, timezone=zone_where_it_is(10, now), **extra)
    Enrolment.objects.create(
        user=learner,
        course=course,
        started_at=now - timedelta(days=30),
        last_activity_at=now - timedelta(days=8),
    )
    return learner


# --- the SMTP server --------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    recipient: str
    message: email.message.EmailMessage


class RecordingHandler:
    """An aiosmtpd handler that keeps every message it accepts, and can be told to defer (451)
    a recipient's first attempts, refuse (550) a recipient, take its time, or stop answering.

    A message counts as delivered only once the handler is about to answer 250, as with a real
    server: a message held or deferred is not delivered.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self.received: list[Received] = []
        self.rcpt_attempts: Counter[str] = Counter()
        self.data_attempts: Counter[str] = Counter()
        self.refuse: set[str] = set()
        self.defer: dict[str, int] = {}
        self.delay = 0.0
        self.hold_from: int | None = None
        self.held = 0
        self._released = threading.Event()

    # Read from the test's thread.

    def count(self) -> int:
        with self._lock:
            return len(self.received)

    def per_recipient(self) -> Counter[str]:
        with self._lock:
            return Counter(item.recipient for item in self.received)

    def release(self) -> None:
        """Answer the held messages with 451 (their senders may be gone) and hold no more."""
        self.hold_from = None
        self._released.set()

    # Called on the server's event loop.

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self._lock:
            self.rcpt_attempts[address] += 1
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        (recipient,) = envelope.rcpt_tos
        with self._lock:
            self.data_attempts[recipient] += 1
            deferred = self.data_attempts[recipient] <= self.defer.get(recipient, 0)
        if deferred:
            return "451 4.3.0 Try again later"
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.hold_from is not None and self.count() >= self.hold_from:
            with self._lock:
                self.held += 1
            while not self._released.is_set():
                await asyncio.sleep(0.005)
            return "451 4.3.2 Not accepted"
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self._lock:
            self.received.append(Received(recipient, message))
        return "250 2.0.0 Accepted"


class SMTPServer:
    """aiosmtpd on 127.0.0.1 in a thread of the test process, recording through `handler`."""

    def __init__(self):
        self.handler = RecordingHandler()
        self.port = free_port()
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc_info):
        self.handler.release()
        self._controller.stop()


# --- the broker and the worker ----------------------------------------------------------------


def broker_url() -> str:
    """The Redis database next to REDIS_URL's (redis://host:6379/8 gives .../9)."""
    parts = urlsplit(settings.REDIS_URL)
    db = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(db + BROKER_DB_OFFSET) % 16}"))


class Broker:
    """The worker's Redis database: emptied on entry and exit, and inspected in between."""

    QUEUE = "celery"

    def __init__(self, url: str):
        self.url = url
        self.redis = redis.Redis.from_url(url)

    def __enter__(self):
        self.redis.flushdb()
        return self

    def __exit__(self, *exc_info):
        self.redis.flushdb()
        self.redis.close()

    def waiting(self) -> int:
        return self.redis.llen(self.QUEUE)

    def unacked(self) -> int:
        return self.redis.hlen("unacked")

    def idle(self) -> bool:
        """No message waiting, none delivered but unacknowledged (running, or held for a
        retry's countdown)."""
        return self.waiting() == 0 and self.unacked() == 0

    def send_sweep(self) -> None:
        """Publish a reminder sweep, as beat does, without touching the test's Celery setup
        (which runs tasks eagerly; send_task never does)."""
        from config.celery import app

        with app.connection_for_write(self.url) as broker_connection, warnings.catch_warnings():
            warnings.simplefilter("ignore", AlwaysEagerIgnored)
            app.send_task("courses.tasks.reminder_sweep", connection=broker_connection)


def database_url_for_workers() -> str:
    """The URL of the database this test runs in, for another process to connect to."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{quote(db['NAME'], safe='')}"


def worker_environment(*, broker: Broker, smtp: SMTPServer, **extra: str) -> dict[str, str]:
    """The environment of a worker deployed as documented: dev settings, everything from env."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "EMAIL_", "REMINDER_", "PYTEST_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=settings.SECRET_KEY,  # so that its unsubscribe links verify here
        DATABASE_URL=database_url_for_workers(),
        REDIS_URL=broker.url,
        CACHE_KEY_PREFIX="reminder-worker-test",
        CELERY_BROKER_URL=broker.url,
        CELERY_TASK_ALWAYS_EAGER="false",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),
        SITE_URL="http://testserver",
        # Fast enough that a test never waits for the rate limit or the retry backoff.
        REMINDER_SEND_RATE_LIMIT="1000/s",
        REMINDER_RETRY_BASE_SECONDS="0.1",
    )
    environment.update(extra)
    return environment


TASK_SUCCEEDED = re.compile(
    r"Task (?P<task>[\w.]+)\[[\w-]+\] succeeded in [\d.e-]+s: (?P<result>.*)$"
)
TASK_RETRY = re.compile(r"Task (?P<task>[\w.]+)\[[\w-]+\] retry: ")
SEND_TASK = "courses.tasks.reminder_send_task"
SWEEP_TASK = "courses.tasks.reminder_sweep"


class Worker:
    """`celery -A config worker` in a session of its own, so that it can be killed whole."""

    def __init__(self, *, environment, log_path: Path, pool="solo", concurrency=1, name="w"):
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                f"--pool={pool}",
                f"--concurrency={concurrency}",
                "--loglevel=INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                f"--hostname={name}@%h",
            ],
            cwd=REPO_ROOT,
            env=environment,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def results(self, task: str) -> list[str]:
        """What each finished run of `task` returned, as the worker logged it."""
        return [
            match["result"].strip("'")
            for line in self.log().splitlines()
            if (match := TASK_SUCCEEDED.search(line)) and match["task"] == task
        ]

    def retries(self, task: str) -> int:
        return sum(
            1
            for line in self.log().splitlines()
            if (match := TASK_RETRY.search(line)) and match["task"] == task
        )

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once: no shutdown, no acknowledgement."""
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """Warm shutdown (finish what runs), then kill whatever is left of the group."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
        with contextlib.suppress(ProcessLookupError):  # pool processes outliving the worker
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._log.close()

    def describe(self) -> str:
        return f"worker log ({self.log_path}):\n" + "\n".join(self.log().splitlines()[-40:])


# --- waiting ----------------------------------------------------------------------------------


def wait_for(condition, *, timeout: float, what: str, workers=(), interval=0.05) -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds or as soon as a worker
    that should be running has died, with the workers' logs."""
    deadline = time.monotonic() + timeout
    while not condition():
        dead = [worker for worker in workers if not worker.alive()]
        if dead or time.monotonic() > deadline:
            reason = "a worker exited" if dead else f"gave up after {timeout:.0f} s"
            logs = "\n\n".join(worker.describe() for worker in workers)
            raise AssertionError(f"{reason} waiting for {what}\n{logs}")
        time.sleep(interval)


def wait_until_settled(broker: Broker, *, workers, timeout: float = 60) -> None:
    """Until the broker has held no message, waiting or unacknowledged, for half a second: every
    task and every retry has run to its end."""
    quiet_since = [None]

    def settled() -> bool:
        if not broker.idle():
            quiet_since[0] = None
            return False
        quiet_since[0] = quiet_since[0] or time.monotonic()
        return time.monotonic() - quiet_since[0] >= 0.5

    wait_for(settled, timeout=timeout, what="the broker to settle", workers=workers)
