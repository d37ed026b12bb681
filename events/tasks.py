"""Celery tasks for event emails: thin wrappers around events.notifications.

Like the course reminders (courses.tasks): acknowledged late, given back to the queue if the
worker dies, retried with backoff while the mail server defers; the claim makes every retry
and redelivery harmless.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from courses.reminders.sending import TemporarySendFailure
from courses.tasks import MAX_RETRIES, retry_countdown
from events.notifications import (
    due_event_reminders,
    event_email_mark_failed,
    event_email_send,
    missed_event_emails,
)

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    rate_limit=settings.REMINDER_SEND_RATE_LIMIT,
)
def event_email_task(self, registration_id: int, kind: str, period: str) -> str:
    try:
        return event_email_send(registration_id=registration_id, kind=kind, period=period)
    except TemporarySendFailure as error:
        if self.request.retries >= MAX_RETRIES:
            event_email_mark_failed(
                registration_id=registration_id,
                kind=kind,
                period=period,
                reason=f"gave up: {error}",
            )
            return "failed"
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error


def event_reminders_enqueue_due(now=None) -> int:
    """Enqueue a 24-hour reminder task for every seat due one now; returns how many."""
    now = now or timezone.now()
    count = 0
    for batch in due_event_reminders(now):
        with transaction.atomic():
            for due in batch:
                transaction.on_commit(
                    lambda due=due: event_email_task.delay(
                        due.registration_id, "reminder", due.period
                    )
                )
        count += len(batch)
    return count


def event_emails_enqueue_missed(now=None) -> int:
    """Enqueue the seat, update and cancellation emails a web request could not (the broker
    was down then); returns how many."""
    missed = missed_event_emails(now or timezone.now())
    for due in missed:
        event_email_task.delay(due.registration_id, due.kind, due.period)
    return len(missed)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def event_reminder_sweep() -> int:
    count = event_reminders_enqueue_due()
    missed = event_emails_enqueue_missed()
    logger.info("event reminder sweep enqueued %d reminders and %d missed emails", count, missed)
    return count + missed
