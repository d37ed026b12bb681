"""Celery tasks for the outbox: thin wrappers around mailing.services.

Each email gets one task, enqueued after the transaction that wrote it commits; the task
retries with backoff while the mail server defers (the longer waits through the sweep). The
database is the record: if the broker is down when a page enqueues, or a message is lost, the
periodic sweep hands the row out again, and the claim in outbox_email_send makes every duplicate
harmless.
"""

import logging
from collections.abc import Iterable

from celery import shared_task
from django.utils import timezone

from config.enqueue import enqueue
from mailing.services import (
    OutboxDeferred,
    outbox_email_send,
    outbox_overdue_ids,
    outbox_purge_failed,
)

logger = logging.getLogger(__name__)

# A retry further off than this is left to the sweep rather than parked in a worker as a
# delayed message (which Redis would hand to a second worker after its visibility timeout).
MAX_COUNTDOWN = 300


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def outbox_send_task(self, email_id: int) -> str:
    try:
        return outbox_email_send(email_id=email_id)
    except OutboxDeferred as deferred:
        countdown = max((deferred.retry_at - timezone.now()).total_seconds(), 0)
        if self.request.is_eager or countdown > MAX_COUNTDOWN:
            # Run in process (the embedded default: no worker to retry later), or a long wait:
            # the row waits for the sweep (or `manage.py send_queued_mail`).
            return "deferred"
        raise self.retry(exc=deferred, countdown=countdown) from deferred


def outbox_enqueue(email_ids: Iterable[int]) -> None:
    """Hand each email to a task. Never raises: this runs at the end of requests, and an email
    that cannot be handed out now (the broker is unreachable, or the task failed in process)
    is still in the outbox for the sweep."""
    for email_id in email_ids:
        try:
            # A broker that is down is logged by enqueue(), and the row waits for the sweep.
            enqueue(outbox_send_task, email_id)
        except Exception as error:  # the task ran in process (eager) and failed
            logger.warning(
                "email %s was not sent (%s: %s); the outbox sweep will send it",
                email_id,
                type(error).__name__,
                error,
            )


@shared_task(acks_late=True, reject_on_worker_lost=True)
def outbox_sweep() -> int:
    """Hand out again the emails whose task was lost or never enqueued, and forget the failed
    ones past their retention. Returns how many emails it handed out."""
    now = timezone.now()
    outbox_purge_failed(now=now)
    overdue = outbox_overdue_ids(now=now)
    outbox_enqueue(overdue)
    if overdue:
        logger.info("outbox sweep handed out %d emails", len(overdue))
    return len(overdue)
