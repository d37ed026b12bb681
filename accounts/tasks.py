"""Celery tasks for accounts: thin wrappers around accounts.retention."""

import logging

from celery import shared_task
from django.utils import timezone

from accounts.retention import personal_data_prune

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def personal_data_prune_task() -> dict[str, int]:
    """Beat runs this daily. Every rule is idempotent, so a duplicate run removes nothing more."""
    report = personal_data_prune(now=timezone.now())
    if report.total:
        logger.info("retention removed %s", report.removed)
    return report.removed
