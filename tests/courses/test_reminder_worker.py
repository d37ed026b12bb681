"""Reminders through a real Celery worker on the real Redis, counted at a real SMTP server.

Each test starts `celery -A config worker` as another process, configured like a deployment
(dev settings, everything from the environment), pointed at this test's PostgreSQL database, a
Redis database of its own and an aiosmtpd server in this process. Nothing is mocked: the worker
runs the sweep and the send tasks as in production, and the SMTP server is the witness of what
was sent. See reminder_worker_support for the machinery.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Enrolment, ReminderSend, ReminderStatus
from courses.reminders.tokens import user_id_from_token
from courses.tasks import MAX_RETRIES
from tests.courses.reminder_worker_support import (
    SEND_TASK,
    SWEEP_TASK,
    Broker,
    SMTPServer,
    Worker,
    broker_url,
    make_due_learner,
    wait_for,
    wait_until_settled,
    worker_environment,
)
from tests.factories import make_course, make_learner, make_lesson, make_module

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("require_postgres", "require_redis"),
]

# The fault test's worker: a task may run 6 s at most, and a message its worker took but never
# acknowledged goes back to the queue 8 s after delivery (always above the time limit, so that a
# slow task is never delivered twice while it still runs).
TIME_LIMIT = 6
VISIBILITY_TIMEOUT = 8


@pytest.fixture
def smtp():
    with SMTPServer() as server:
        yield server


@pytest.fixture
def broker(require_redis):
    with Broker(broker_url()) as redis_broker:
        yield redis_broker


@pytest.fixture
def start_worker(tmp_path, broker, smtp):
    """Start workers on the test's broker and SMTP server; every one is stopped at the end."""
    workers = []

    def start(*, pool="solo", concurrency=1, **environment):
        worker = Worker(
            environment=worker_environment(broker=broker, smtp=smtp, **environment),
            log_path=tmp_path / f"worker-{len(workers) + 1}.log",
            pool=pool,
            concurrency=concurrency,
            name=f"reminder-test-{len(workers) + 1}",
        )
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def reminder_course():
    course = make_course()
    make_lesson(make_module(course, 1), "first-steps", kind="written", title="First steps")
    return course


def test_a_due_learner_gets_exactly_one_email(broker, smtp, start_worker):
    now = timezone.now()
    course = reminder_course()
    learner = make_due_learner(course, "due@example.org", now=now)
    studying = make_learner("studying@example.org")
    Enrolment.objects.create(
        user=studying, course=course, started_at=now - timedelta(days=9), last_activity_at=now
    )

    worker = start_worker()
    broker.send_sweep()
    wait_until_settled(broker, workers=[worker])

    assert smtp.handler.per_recipient() == {"due@example.org": 1}
    assert worker.results(SWEEP_TASK) == ["1"]
    assert worker.results(SEND_TASK) == ["sent"]
    message = smtp.handler.received[0].message
    assert message["Subject"] == "Pick up where you left off: First steps"
    assert "http://testserver/module-1/first-steps/" in message.get_body(("plain",)).get_content()
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith("http://testserver/")
    assert user_id_from_token(unsubscribe.rstrip("/").rsplit("/", 1)[-1]) == learner.pk
    claim = ReminderSend.objects.get()
    assert (claim.user, claim.status, claim.attempts) == (learner, ReminderStatus.SENT, 1)
    assert claim.sent_at is not None


def test_a_sweep_run_twice_still_sends_one(broker, smtp, start_worker):
    now = timezone.now()
    make_due_learner(reminder_course(), "due@example.org", now=now)
    # Both sweeps are queued before the worker starts, and the solo pool runs messages in order:
    # both sweeps find the learner due and each enqueues a send task before either send runs.
    broker.send_sweep()
    broker.send_sweep()

    worker = start_worker()
    wait_until_settled(broker, workers=[worker])

    assert worker.results(SWEEP_TASK) == ["1", "1"]
    assert sorted(worker.results(SEND_TASK)) == ["already", "sent"]
    assert smtp.handler.per_recipient() == {"due@example.org": 1}
    assert ReminderSend.objects.get().status == ReminderStatus.SENT

    # A third sweep, once the reminder is out, finds nobody due.
    broker.send_sweep()
    wait_until_settled(broker, workers=[worker])
    assert worker.results(SWEEP_TASK)[-1] == "0"
    assert smtp.handler.count() == 1


def test_a_deferred_email_is_retried_and_sent_once(broker, smtp, start_worker):
    make_due_learner(reminder_course(), "due@example.org", now=timezone.now())
    smtp.handler.defer["due@example.org"] = 2  # 451 twice, then accepted

    worker = start_worker()
    broker.send_sweep()
    wait_until_settled(broker, workers=[worker])

    assert smtp.handler.data_attempts["due@example.org"] == 3
    assert smtp.handler.per_recipient() == {"due@example.org": 1}
    assert worker.retries(SEND_TASK) == 2
    assert worker.results(SEND_TASK) == ["sent"]
    claim = ReminderSend.objects.get()
    assert claim.status == ReminderStatus.SENT


def test_a_refused_email_is_recorded_as_failed_and_not_retried(broker, smtp, start_worker):
    make_due_learner(reminder_course(), "gone@example.org", now=timezone.now())
    smtp.handler.refuse.add("gone@example.org")

    worker = start_worker()
    broker.send_sweep()
    # Settled: no task runs and no retry waits for its countdown (it would be unacknowledged).
    wait_until_settled(broker, workers=[worker])

    claim = ReminderSend.objects.get()
    assert claim.status == ReminderStatus.FAILED
    assert "550" in claim.error and "No such mailbox" in claim.error
    assert claim.sent_at is None
    assert smtp.handler.rcpt_attempts["gone@example.org"] == 1
    assert smtp.handler.count() == 0
    assert worker.results(SEND_TASK) == ["failed"]
    assert worker.retries(SEND_TASK) == 0


def test_an_email_deferred_until_retries_run_out_is_recorded_as_failed(broker, smtp, start_worker):
    make_due_learner(reminder_course(), "full@example.org", now=timezone.now())
    smtp.handler.defer["full@example.org"] = 1000

    worker = start_worker()
    broker.send_sweep()
    wait_until_settled(broker, workers=[worker])

    assert smtp.handler.data_attempts["full@example.org"] == 1 + MAX_RETRIES
    assert smtp.handler.count() == 0
    claim = ReminderSend.objects.get()
    assert claim.status == ReminderStatus.FAILED
    assert claim.error.startswith("gave up:") and "451" in claim.error
    assert worker.results(SEND_TASK) == ["failed"]


LEARNERS = 240
KILL_AFTER = 40


def test_a_worker_killed_mid_batch_and_restarted_emails_everyone_exactly_once(
    broker, smtp, start_worker
):
    """SIGKILL a prefork worker in the middle of a batch, start another: each learner gets
    exactly one email, and the database agrees with the mail server.

    The kill comes when both pool processes are mid-conversation with the server (each holding
    its learner's claim, locked and uncommitted, and the task's message unacknowledged): after
    KILL_AFTER emails the server stops answering, and the worker is killed once both are
    waiting. Killed at an arbitrary instant instead, a worker can die in the few milliseconds
    between the server's acceptance of a message and the commit that records it (the end of the
    SMTP conversation, the update and the commit); that learner then gets a second email when
    the message is redelivered. No order of claim, send and commit removes that window, as the
    mail server and the database cannot commit together; committing before sending would lose
    emails instead, in a much longer window.
    """
    now = timezone.now()
    course = reminder_course()
    addresses = [f"learner{n:03}@example.org" for n in range(LEARNERS)]
    for address in addresses:
        make_due_learner(course, address, now=now)
    options = {
        "pool": "prefork",
        "concurrency": 2,
        "CELERY_TASK_TIME_LIMIT": str(TIME_LIMIT),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
    }
    smtp.handler.delay = 0.02  # a batch of 240 takes several seconds
    smtp.handler.hold_from = KILL_AFTER

    first = start_worker(**options)
    broker.send_sweep()
    wait_for(
        lambda: smtp.handler.held == 2,
        timeout=90,
        what="both pool processes to be mid-send",
        workers=[first],
    )
    first.kill()
    killed_at = time.monotonic()
    smtp.handler.release()

    assert first.results(SWEEP_TASK) == [str(LEARNERS)]
    assert smtp.handler.count() == KILL_AFTER
    assert ReminderSend.objects.filter(status=ReminderStatus.SENT).count() == KILL_AFTER
    # The two interrupted tasks' messages are still in Redis, delivered but unacknowledged.
    assert broker.unacked() == 2
    assert broker.waiting() == LEARNERS - KILL_AFTER - 2

    # A worker that starts after the visibility timeout puts the abandoned messages back on the
    # queue as it connects (one started sooner would at its next periodic check).
    time.sleep(max(0.0, killed_at + VISIBILITY_TIMEOUT + 1 - time.monotonic()))
    second = start_worker(**options)
    wait_until_settled(broker, workers=[second], timeout=120)

    assert smtp.handler.per_recipient() == dict.fromkeys(addresses, 1)
    sends = ReminderSend.objects.all()
    assert sends.count() == LEARNERS
    assert sends.filter(status=ReminderStatus.SENT).count() == LEARNERS
    assert sends.values("user").distinct().count() == LEARNERS
    # The redelivered two were sent by the second worker, with the rest of the queue.
    assert second.results(SEND_TASK) == ["sent"] * (LEARNERS - KILL_AFTER)
