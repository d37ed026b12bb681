"""Celery tasks for reminders: thin wrappers around the selection and sending services.

The sweep decides nothing by itself and claims nothing: it enqueues one task per due learner
after its transaction commits. If the broker is down, the learners stay unclaimed and the next
sweep finds them again. Each send task claims before it sends, so duplicates are harmless.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from courses.reminders.selection import due_reminder_batches
from courses.reminders.sending import TemporarySendFailure, reminder_mark_failed, reminder_send

logger = logging.getLogger(__name__)

MAX_RETRIES = 5
MAX_COUNTDOWN = 300  # never park a message for longer than five minutes


def retry_countdown(retries: int) -> float:
    return min(MAX_COUNTDOWN, settings.REMINDER_RETRY_BASE_SECONDS * 2**retries)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    rate_limit=settings.REMINDER_SEND_RATE_LIMIT,
)
def reminder_send_task(self, enrolment_id: int, period: str) -> str:
    try:
        return reminder_send(enrolment_id=enrolment_id, period=period)
    except TemporarySendFailure as error:
        if self.request.retries >= MAX_RETRIES:
            reminder_mark_failed(
                enrolment_id=enrolment_id, period=period, reason=f"gave up: {error}"
            )
            return "failed"
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error


def reminder_enqueue_due(now=None) -> int:
    """Enqueue a send task for everyone due now; returns how many."""
    now = now or timezone.now()
    count = 0
    for batch in due_reminder_batches(now):
        with transaction.atomic():
            for due in batch:
                transaction.on_commit(
                    lambda due=due: reminder_send_task.delay(due.enrolment_id, due.period)
                )
        count += len(batch)
    return count


@shared_task(acks_late=True, reject_on_worker_lost=True)
def reminder_sweep() -> int:
    count = reminder_enqueue_due()
    logger.info("reminder sweep enqueued %d reminders", count)
    return count
