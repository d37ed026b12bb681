"""What the worker tests need around them: a recording SMTP server, Celery worker processes on
a Redis broker of their own (tests.celery_support), learners due right now, and waiting with a
deadline.

A worker is another process, so nothing in it can be mocked or time-travelled: it reads the test
database through DATABASE_URL, sends through real SMTP to the server below, and decides who is
due with the real clock. The learners are therefore made due for the real "now", by giving them
a timezone in which it is currently mid-morning.
"""

import asyncio
import email
import email.policy
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiosmtpd.controller import Controller

from courses.models import Enrolment
from tests import celery_support
from tests.celery_support import (  # noqa: F401 (the worker tests import them from here)
    REPO_ROOT,
    Worker,
    broker_url,
    celery_environment,
    database_url_for_workers,
    wait_for,
    wait_until_settled,
)
from tests.factories import make_learner
from tests.support import free_port

SEND_TASK = "courses.tasks.reminder_send_task"
SWEEP_TASK = "courses.tasks.reminder_sweep"


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


# --- the broker and the worker (tests.celery_support) ---------------------------------------


class Broker(celery_support.Broker):
    def send_sweep(self) -> None:
        """Publish a reminder sweep, as beat does."""
        self.send(SWEEP_TASK)


def worker_environment(*, broker: Broker, smtp: SMTPServer, **extra: str) -> dict[str, str]:
    """The environment of a worker deployed as documented, sending by SMTP to `smtp`."""
    mail = {
        # Its unsubscribe links verify here (celery_environment passes the secret key on).
        "CACHE_KEY_PREFIX": "reminder-worker-test",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "SITE_URL": "http://testserver",
        # Fast enough that a test never waits for the rate limit or the retry backoff.
        "REMINDER_SEND_RATE_LIMIT": "1000/s",
        "REMINDER_RETRY_BASE_SECONDS": "0.1",
    }
    return celery_environment(broker=broker, **{**mail, **extra})
