"""Sending one outbox email: once, never twice; later when the mail server is away or defers;
never again when it refuses for good. The mail server is a real SMTP server on 127.0.0.1
(aiosmtpd), down until a test starts it."""

import threading
from datetime import timedelta

import pytest
from django.core.mail import BadHeaderError, EmailMessage, send_mail
from django.db import connection, transaction
from django.utils import timezone

from mailing.messages import outbox_email_from_message
from mailing.models import OutboxEmail
from mailing.services import (
    OutboxDeferred,
    outbox_email_send,
    outbox_overdue_ids,
    outbox_purge_failed,
    outbox_retry_delay,
)

pytestmark = pytest.mark.django_db

ADDRESS = "aino@example.org"


@pytest.fixture(autouse=True)
def retry_timing(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    settings.OUTBOX_RETRY_MAX_SECONDS = 3600
    settings.OUTBOX_GIVE_UP_HOURS = 72
    settings.OUTBOX_SWEEP_SECONDS = 60
    settings.OUTBOX_FAILED_RETENTION_DAYS = 30


def queue(address=ADDRESS, subject="Confirm your address") -> OutboxEmail:
    """An email written to the outbox (its task never runs: the test's transaction never
    commits)."""
    send_mail(subject, "https://course.example.org/accounts/confirm-email/key/", None, [address])
    return OutboxEmail.objects.latest("pk")


def test_the_wait_between_attempts_doubles_up_to_a_ceiling():
    waits = [outbox_retry_delay(attempts).total_seconds() for attempts in range(1, 10)]
    assert waits == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_an_email_waits_while_the_mail_server_is_down_and_goes_out_once_when_it_is_back(
    mail_server,
):
    row = queue()
    start = row.next_attempt_at

    with pytest.raises(OutboxDeferred, match="Connection refused"):
        outbox_email_send(email_id=row.pk, now=start)
    row.refresh_from_db()
    assert row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_attempt_at == start + timedelta(seconds=30)
    assert row.body  # kept until it is sent

    assert outbox_email_send(email_id=row.pk, now=start + timedelta(seconds=10)) == "not due"
    with pytest.raises(OutboxDeferred):
        outbox_email_send(email_id=row.pk, now=start + timedelta(seconds=30))
    row.refresh_from_db()
    assert (row.attempts, row.next_attempt_at) == (2, start + timedelta(seconds=90))

    mail_server.start()
    assert outbox_email_send(email_id=row.pk, now=start + timedelta(seconds=90)) == "sent"
    assert outbox_email_send(email_id=row.pk, now=start + timedelta(seconds=91)) == "already"
    assert mail_server.recipients() == [ADDRESS]
    [received] = mail_server.handler.received
    assert received.message["Subject"] == "Confirm your address"
    assert not OutboxEmail.objects.exists()  # nothing of a sent email is kept


def test_a_deferring_mail_server_gets_the_email_again_later(mail_server):
    mail_server.start()
    mail_server.handler.defer = {ADDRESS: 1}  # 451 to the first attempt
    row = queue()

    with pytest.raises(OutboxDeferred, match="451"):
        outbox_email_send(email_id=row.pk, now=row.next_attempt_at)
    assert mail_server.recipients() == []

    assert outbox_email_send(email_id=row.pk, now=row.next_attempt_at + timedelta(hours=1)) == (
        "sent"
    )
    assert mail_server.recipients() == [ADDRESS]


def test_a_permanent_refusal_is_recorded_without_the_body_and_never_retried(mail_server):
    mail_server.start()
    mail_server.handler.refuse = {ADDRESS}
    row = queue()
    now = row.next_attempt_at

    assert outbox_email_send(email_id=row.pk, now=now) == "failed"
    row.refresh_from_db()
    assert row.failed_at == now
    assert "550" in row.last_error and "No such mailbox" in row.last_error
    assert (row.to, row.subject) == ([ADDRESS], "Confirm your address")
    assert (row.body, row.alternatives, row.attachments) == ("", [], [])

    mail_server.handler.refuse = set()  # even if the server would take it now
    later = now + timedelta(days=1)
    assert outbox_email_send(email_id=row.pk, now=later) == "already"
    assert outbox_overdue_ids(now=later) == []
    assert mail_server.handler.rcpt_attempts[ADDRESS] == 1
    assert mail_server.recipients() == []


def test_an_email_is_given_up_once_its_links_would_have_expired(mail_server):
    row = queue()
    later = row.created_at + timedelta(hours=72)

    assert outbox_email_send(email_id=row.pk, now=later) == "failed"
    row.refresh_from_db()
    assert row.failed_at == later
    assert row.last_error.startswith("gave up at attempt 1: ConnectionRefusedError")
    assert row.body == ""


def test_a_message_that_could_never_be_sent_is_refused_where_it_is_written():
    with pytest.raises(BadHeaderError):
        send_mail("Two\nlines", "body", None, [ADDRESS])
    assert not OutboxEmail.objects.exists()


def test_the_sweep_picks_only_emails_whose_attempt_is_overdue_by_a_sweep_interval():
    now = timezone.now()
    fresh, lost, retry_soon, failed = (queue(f"{name}@example.org") for name in "abcd")
    OutboxEmail.objects.filter(pk=fresh.pk).update(next_attempt_at=now - timedelta(seconds=30))
    OutboxEmail.objects.filter(pk=lost.pk).update(next_attempt_at=now - timedelta(minutes=5))
    OutboxEmail.objects.filter(pk=retry_soon.pk).update(next_attempt_at=now + timedelta(minutes=5))
    OutboxEmail.objects.filter(pk=failed.pk).update(
        next_attempt_at=now - timedelta(hours=1), failed_at=now - timedelta(minutes=30)
    )

    assert outbox_overdue_ids(now=now) == [lost.pk]


def test_failed_emails_are_forgotten_after_the_retention_period():
    now = timezone.now()
    old, recent, waiting = queue("old@example.org"), queue("new@example.org"), queue()
    OutboxEmail.objects.filter(pk=old.pk).update(failed_at=now - timedelta(days=31))
    OutboxEmail.objects.filter(pk=recent.pk).update(failed_at=now - timedelta(days=29))

    assert outbox_purge_failed(now=now) == 1
    assert set(OutboxEmail.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}


@pytest.mark.django_db(transaction=True)
def test_an_email_another_worker_is_sending_is_left_to_it(mail_server, require_postgres):
    mail_server.start()
    row = outbox_email_from_message(EmailMessage("Welcome", "Hello", to=[ADDRESS]))
    row.save()  # written, committed, and not handed to a task: this test plays the workers
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                OutboxEmail.objects.select_for_update().get(pk=row.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(10)
        assert outbox_email_send(email_id=row.pk) == "busy"
    finally:
        release.set()
        thread.join()
    assert mail_server.recipients() == []  # in the test: the other worker sent nothing either
    assert outbox_email_send(email_id=row.pk) == "sent"
    assert mail_server.recipients() == [ADDRESS]
