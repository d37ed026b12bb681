"""Sending one outbox email exactly once, and choosing which ones a sweep should hand out again.

The claim is the row itself. A task locks its row (skipping a row another worker holds), sends,
and deletes it, in one transaction: a redelivered task, a retry or a sweep that meets the same
email finds it gone, locked or not yet due, and stops. A worker killed mid-send rolls back, so
the row waits for the next attempt; killed in the moment between the mail server's acceptance
and the commit, the recipient gets the email twice, the same window as for reminders
(courses.reminders.sending), which no order of these steps closes.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.data_registry import declaration_for
from accounts.retention import declaration_prune
from mailing.delivery import TEMPORARY_ERRORS, TemporarySendFailure, deliver, is_permanent
from mailing.messages import message_from_outbox_email
from mailing.models import OutboxEmail

logger = logging.getLogger(__name__)

# A retry that a worker runs a little before the recorded time (clocks of two hosts differ)
# still counts as due.
CLOCK_TOLERANCE = timedelta(seconds=2)
SWEEP_BATCH_SIZE = 1000


class OutboxDeferred(TemporarySendFailure):
    """The mail server could not take the email now; the row says when to try again."""

    def __init__(self, reason: str, *, retry_at: datetime):
        super().__init__(reason)
        self.retry_at = retry_at


def outbox_retry_delay(attempts: int) -> timedelta:
    """Wait before the next attempt after `attempts` failed ones: doubling from
    OUTBOX_RETRY_BASE_SECONDS up to OUTBOX_RETRY_MAX_SECONDS."""
    seconds = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_MAX_SECONDS))


def outbox_email_fail(row: OutboxEmail, *, reason: str, now: datetime) -> None:
    """Give up on `row`, keeping who it was for, its subject and why, but not its body (which
    may hold a sign-in or password-reset link)."""
    row.failed_at = now
    row.last_error = reason[:2000]
    row.body = ""
    row.alternatives = []
    row.attachments = []
    row.headers = {}
    row.save()


def outbox_email_send(*, email_id: int, now: datetime | None = None) -> str:
    """Send one outbox email, at most once. Returns "sent" (and the row is deleted), "already"
    (sent or given up on before), "busy" (another worker holds it), "not due" (waiting for a
    retry) or "failed" (refused for good, or retries ran out: recorded on the row). Raises
    OutboxDeferred, after recording the attempt, when the mail server may accept it later."""
    now = now or timezone.now()
    with transaction.atomic():
        row = OutboxEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id).first()
        if row is None:
            return "busy" if OutboxEmail.objects.filter(pk=email_id).exists() else "already"
        if row.failed_at is not None:
            return "already"
        if row.next_attempt_at > now + CLOCK_TOLERANCE:
            return "not due"
        row.attempts += 1
        try:
            deliver(message_from_outbox_email(row))
        except TEMPORARY_ERRORS as error:
            reason = f"{type(error).__name__}: {error}"
            if is_permanent(error):
                outbox_email_fail(row, reason=reason, now=now)
                return "failed"
            give_up_at = row.created_at + timedelta(hours=settings.OUTBOX_GIVE_UP_HOURS)
            if now >= give_up_at:
                outbox_email_fail(
                    row, reason=f"gave up at attempt {row.attempts}: {reason}", now=now
                )
                return "failed"
            row.last_error = reason[:2000]
            row.next_attempt_at = now + outbox_retry_delay(row.attempts)
            row.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            deferred = OutboxDeferred(reason, retry_at=row.next_attempt_at)
        except Exception as error:  # the stored message cannot be built: retrying cannot help
            logger.exception("outbox email %s cannot be sent", email_id)
            outbox_email_fail(row, reason=f"{type(error).__name__}: {error}", now=now)
            return "failed"
        else:
            row.delete()
            return "sent"
    raise deferred


def outbox_overdue_ids(*, now: datetime, limit: int = SWEEP_BATCH_SIZE) -> list[int]:
    """Emails whose attempt is overdue by more than a sweep interval: their task was never
    enqueued (the broker was down) or was lost. Those due more recently still have a task or
    a retry on its way."""
    overdue = now - timedelta(seconds=settings.OUTBOX_SWEEP_SECONDS)
    return list(OutboxEmail.objects.due(overdue).values_list("pk", flat=True)[:limit])


def outbox_purge_failed(*, now: datetime) -> int:
    """Delete the records of emails given up on more than OUTBOX_FAILED_RETENTION_DAYS ago.

    The rule is the personal-data registry's (mailing.personal_data: a period counted from
    `failed_at`), applied by the same code as every other retention period; the sweep calls it
    every minute as well as the daily retention run, so a record does not outlive its period by
    up to a day.
    """
    return declaration_prune(entry=declaration_for(OutboxEmail), now=now)
