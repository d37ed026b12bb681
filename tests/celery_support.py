"""Real Celery processes for tests: a Redis broker database of the test's own, `celery -A config
worker` and `celery -A config beat` as other processes configured like a deployment, and waiting
with a deadline.

A worker or beat is another process, so nothing in it can be mocked or time-travelled: it reads
the test database through DATABASE_URL (the test must be transactional, so that its rows are
committed) and runs on the real clock. tests/courses/reminder_worker_support adds what the
reminder and mail tests need around these (an SMTP server, learners due now).
"""

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import redis
from celery.exceptions import AlwaysEagerIgnored
from django.conf import settings
from django.db import connection

REPO_ROOT = Path(__file__).resolve().parent.parent

# The broker gets a Redis database of its own next to the test cache's, flushed before and after
# each test, so that no message outlives the test that sent it.
BROKER_DB_OFFSET = 1


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

    def send(self, task: str) -> None:
        """Publish `task` by name, as beat does, without touching the test's Celery setup
        (which runs tasks eagerly; send_task never does)."""
        from config.celery import app

        with app.connection_for_write(self.url) as broker_connection, warnings.catch_warnings():
            warnings.simplefilter("ignore", AlwaysEagerIgnored)
            app.send_task(task, connection=broker_connection)


def database_url_for_workers() -> str:
    """The URL of the database this test runs in, for another process to connect to."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{quote(db['NAME'], safe='')}"


def celery_environment(*, broker: Broker | None, **extra: str) -> dict[str, str]:
    """The environment of a process deployed as documented: dev settings, everything from the
    environment, this test's database; with a broker, its cache and broker there and tasks sent
    rather than run eagerly; without one, the embedded default (no Redis, tasks in process)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "EMAIL_", "REMINDER_", "PYTEST_", "REDIS_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        DATABASE_URL=database_url_for_workers(),
    )
    if broker is not None:
        environment.update(
            REDIS_URL=broker.url,
            CACHE_KEY_PREFIX="celery-process-test",
            CELERY_BROKER_URL=broker.url,
            CELERY_TASK_ALWAYS_EAGER="false",
        )
    environment.update(extra)
    return environment


TASK_SUCCEEDED = re.compile(
    r"Task (?P<task>[\w.]+)\[[\w-]+\] succeeded in [\d.e-]+s: (?P<result>.*)$"
)
TASK_RETRY = re.compile(r"Task (?P<task>[\w.]+)\[[\w-]+\] retry: ")
TASK_RECEIVED = re.compile(r"Task (?P<task>[\w.]+)\[[\w-]+\] received$")
# Every way a run the worker received ends in its log: returned, raised, or handed to a retry.
TASK_ENDED = re.compile(r"Task (?P<task>[\w.]+)\[[\w-]+\] (succeeded in|raised|retry: )")
TASK_SENT = re.compile(r"Scheduler: Sending due task (?P<entry>\S+) \((?P<task>[\w.]+)\)")


class CeleryProcess:
    """`celery -A config <arguments>` in a session of its own, so that it can be killed whole,
    logging to `log_path`."""

    def __init__(self, arguments: list[str], *, environment, log_path: Path):
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", *arguments],
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

    def kill(self) -> None:
        """SIGKILL the process and its children at once: no shutdown, no acknowledgement."""
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
        name = type(self).__name__.lower()
        return f"{name} log ({self.log_path}):\n" + "\n".join(self.log().splitlines()[-40:])


class Worker(CeleryProcess):
    """`celery -A config worker`."""

    def __init__(self, *, environment, log_path: Path, pool="solo", concurrency=1, name="w"):
        super().__init__(
            [
                "worker",
                f"--pool={pool}",
                f"--concurrency={concurrency}",
                "--loglevel=INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                f"--hostname={name}@%h",
            ],
            environment=environment,
            log_path=log_path,
        )

    def results(self, task: str) -> list[str]:
        """What each finished run of `task` returned, as the worker logged it."""
        return [
            match["result"].strip("'")
            for line in self.log().splitlines()
            if (match := TASK_SUCCEEDED.search(line)) and match["task"] == task
        ]

    def running(self) -> int:
        """Runs the worker has received and not yet logged the end of. The broker can be idle
        (the message acknowledged) a moment before the worker writes the run's last log line."""
        lines = self.log().splitlines()
        received = sum(1 for line in lines if TASK_RECEIVED.search(line))
        return received - sum(1 for line in lines if TASK_ENDED.search(line))

    def retries(self, task: str) -> int:
        return sum(
            1
            for line in self.log().splitlines()
            if (match := TASK_RETRY.search(line)) and match["task"] == task
        )


class Beat(CeleryProcess):
    """`celery -A config beat`, its schedule file beside its log."""

    def __init__(self, *, environment, log_path: Path):
        schedule = log_path.with_suffix(".schedule")
        super().__init__(
            ["beat", "--loglevel=INFO", f"--schedule={schedule}"],
            environment=environment,
            log_path=log_path,
        )

    def sent(self, task: str) -> int:
        """How many times beat has sent `task` so far."""
        return sum(
            1
            for line in self.log().splitlines()
            if (match := TASK_SENT.search(line)) and match["task"] == task
        )


def wait_for(condition, *, timeout: float, what: str, workers=(), interval=0.05) -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds or as soon as a process
    that should be running (a worker, beat) has died, with their logs."""
    deadline = time.monotonic() + timeout
    while not condition():
        dead = [worker for worker in workers if not worker.alive()]
        if dead or time.monotonic() > deadline:
            reason = "a process exited" if dead else f"gave up after {timeout:.0f} s"
            logs = "\n\n".join(worker.describe() for worker in workers)
            raise AssertionError(f"{reason} waiting for {what}\n{logs}")
        time.sleep(interval)


def wait_until_settled(broker: Broker, *, workers, timeout: float = 60) -> None:
    """Until the broker has held no message, waiting or unacknowledged, and no worker has had a
    run in hand, for half a second: every task and every retry has run to its end and said so."""
    quiet_since = [None]

    def settled() -> bool:
        busy = any(w.running() for w in workers if isinstance(w, Worker))
        if not broker.idle() or busy:
            quiet_since[0] = None
            return False
        quiet_since[0] = quiet_since[0] or time.monotonic()
        return time.monotonic() - quiet_since[0] >= 0.5

    wait_for(settled, timeout=timeout, what="the broker to settle", workers=workers)
