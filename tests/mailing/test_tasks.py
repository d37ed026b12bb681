"""The outbox through a real Celery worker on Redis, counted at a real SMTP server.

The page runs in this process, as a web process deployed with a broker does: its email task is
published to Redis, not run in process. The worker is another process (configured like a
deployment, see tests/courses/reminder_worker_support) that delivers by SMTP to an aiosmtpd
server in this process, which is down until the test starts it.
"""

import contextlib
import logging
import time
import warnings

import pytest
from celery.exceptions import AlwaysEagerIgnored
from django.contrib.auth import get_user_model
from django.urls import reverse
from kombu import pools

from config.celery import app
from mailing.models import OutboxEmail
from tests.courses.reminder_worker_support import (
    Broker,
    Worker,
    broker_url,
    wait_for,
    wait_until_settled,
    worker_environment,
)
from tests.support import free_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("require_postgres", "require_redis"),
]

SEND_TASK = "mailing.tasks.outbox_send_task"
SWEEP_TASK = "mailing.tasks.outbox_sweep"
PASSWORD = "plane-trees-along-the-canal-42"


@pytest.fixture
def broker(require_redis):
    with Broker(broker_url()) as redis_broker:
        yield redis_broker


@pytest.fixture
def start_worker(tmp_path, broker, mail_server):
    """Start a worker on the test's broker that delivers to `mail_server`, retrying fast."""
    workers = []

    def start(**environment):
        worker = Worker(
            environment=worker_environment(
                broker=broker,
                smtp=mail_server,
                OUTBOX_RETRY_BASE_SECONDS="0.2",
                OUTBOX_RETRY_MAX_SECONDS="0.5",
                **environment,
            ),
            log_path=tmp_path / f"worker-{len(workers) + 1}.log",
            name=f"outbox-test-{len(workers) + 1}",
        )
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def drop_broker_connections() -> None:
    # The app pools its connections to the broker; dropped as Celery itself does after a fork.
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    # kombu keeps producer pools per connection in a registry of its own; one left there would
    # hand later publishers the pool just closed ("Acquire on closed pool").
    pools.reset()


@contextlib.contextmanager
def publishing_to(url: str):
    """Tasks started in this process go to the broker at `url` instead of running in process."""
    saved = app.conf.broker_url, app.conf.task_always_eager
    drop_broker_connections()
    app.conf.broker_url, app.conf.task_always_eager = url, False
    try:
        yield
    finally:
        drop_broker_connections()
        app.conf.broker_url, app.conf.task_always_eager = saved


def publish(broker: Broker, task: str) -> None:
    """Publish `task` as beat does."""
    with app.connection_for_write(broker.url) as connection, warnings.catch_warnings():
        warnings.simplefilter("ignore", AlwaysEagerIgnored)
        app.send_task(task, connection=connection)


def sign_up(client, email_address: str):
    return client.post(
        reverse("account_signup"),
        {"email": email_address, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_a_sign_up_email_waits_for_the_mail_server_and_arrives_once(
    client, broker, mail_server, start_worker
):
    worker = start_worker()
    with publishing_to(broker.url):
        response = sign_up(client, "new@example.org")
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="new@example.org").exists()

    # The mail server is down: the worker tries, and tries again later.
    wait_for(
        lambda: worker.retries(SEND_TASK) >= 2,
        timeout=60,
        what="the worker to retry the email",
        workers=[worker],
    )
    assert OutboxEmail.objects.get().attempts >= 2
    assert mail_server.recipients() == []

    mail_server.start()
    wait_for(
        lambda: mail_server.handler.count() > 0,
        timeout=30,
        what="the email to arrive",
        workers=[worker],
    )
    wait_until_settled(broker, workers=[worker])
    assert mail_server.recipients() == ["new@example.org"]
    assert "/accounts/confirm-email/" in mail_server.handler.received[0].message.as_string()
    assert not OutboxEmail.objects.exists()
    assert worker.results(SEND_TASK)[-1] == "sent"

    publish(broker, SWEEP_TASK)  # beat's next sweep finds nothing left to send
    wait_until_settled(broker, workers=[worker])
    assert worker.results(SWEEP_TASK) == ["0"]
    assert mail_server.recipients() == ["new@example.org"]


def test_with_the_broker_down_the_page_answers_and_the_sweep_sends_the_email_later(
    client, broker, mail_server, start_worker, caplog
):
    unreachable = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens: connections are refused
    with publishing_to(unreachable), caplog.at_level(logging.WARNING):
        started = time.monotonic()
        response = sign_up(client, "new@example.org")
        elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 5
    assert get_user_model().objects.filter(email="new@example.org").exists()
    assert "The task broker is unreachable" in caplog.text
    assert "mailing.tasks.outbox_send_task(" in caplog.text
    row = OutboxEmail.objects.get()
    assert (row.to, row.attempts) == (["new@example.org"], 0)

    # The broker is back; so is the mail server. Beat's sweep hands the waiting email out.
    mail_server.start()
    worker = start_worker(OUTBOX_SWEEP_SECONDS="0")
    publish(broker, SWEEP_TASK)
    wait_until_settled(broker, workers=[worker])
    assert worker.results(SWEEP_TASK) == ["1"]
    assert mail_server.recipients() == ["new@example.org"]
    assert not OutboxEmail.objects.exists()

    publish(broker, SWEEP_TASK)
    wait_until_settled(broker, workers=[worker])
    assert mail_server.recipients() == ["new@example.org"]
