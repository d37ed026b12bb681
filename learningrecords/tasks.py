"""Celery tasks for the Learning Record Store: thin wrappers around learningrecords.delivery.

Enqueued (config.enqueue) after a learner's progress or event registration changes, once the
transaction commits. A failure is retried with backoff; what is still waiting after the last
retry, or whose task was lost, is queued and sent by the sweep that beat runs. The outbox makes
every retry and redelivery harmless.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from learningrecords.delivery import (
    DeliveryFailed,
    statements_deliver,
    statements_queue,
    statements_queue_recent,
)

logger = logging.getLogger(__name__)

MAX_RETRIES = 5
MAX_COUNTDOWN = 3600


def retry_countdown(retries: int) -> float:
    return min(MAX_COUNTDOWN, settings.XAPI_RETRY_BASE_SECONDS * 2**retries)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def statements_sync_task(self, user_id: int) -> int:
    """Queue the learner's new statements and send what waits for them; how many were sent."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:  # the account was deleted since: its rows went with it
        return 0
    statements_queue(user=user)
    try:
        return statements_deliver(user_id=user_id)
    except DeliveryFailed as error:
        if self.request.retries >= MAX_RETRIES:
            return 0  # left waiting for the sweep
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error


@shared_task(acks_late=True, reject_on_worker_lost=True)
def statement_delivery_sweep() -> int:
    """Queue what lost tasks would have queued (learners whose records changed in the last
    three sweeps' time, so that a missed sweep or two loses nothing), then send whatever is
    still waiting, for everyone."""
    since = timezone.now() - timedelta(seconds=3 * settings.XAPI_SWEEP_SECONDS)
    statements_queue_recent(since=since)
    try:
        sent = statements_deliver()
    except DeliveryFailed as error:
        logger.warning("xAPI delivery sweep stopped: %s", error)
        return 0
    logger.info("xAPI delivery sweep sent %d statements", sent)
    return sent
