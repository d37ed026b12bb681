"""Scheduled publishing: Wagtail's `publish_scheduled`, run by Celery beat every minute.

An editor who sets a go-live or expiry time on a lesson (or any page or snippet with draft
state) only records it; nothing changes until `publish_scheduled` runs and finds it due. Beat
sends this task every PUBLISH_SCHEDULED_SECONDS (config/settings/base.py), in the full stack to
the worker, and in the embedded default (`make run`, tasks eager) runs it in beat's own
process. Publishing and unpublishing send Wagtail's signals as the editor's button does, so
the content cache and the HTTP caches are purged the same way (config.content_changes).
"""

import logging

from celery import shared_task
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

logger = logging.getLogger(__name__)


def scheduled_publishing_due(now=None) -> tuple[int, int]:
    """How many revisions are due to go live and how many live pages are due to expire."""
    now = now or timezone.now()
    publish = Revision.objects.filter(approved_go_live_at__lt=now).count()
    expire = Page.objects.filter(live=True, expire_at__lt=now).count()
    return publish, expire


@shared_task(acks_late=True, ignore_result=True)
def publish_scheduled_task() -> str:
    """Publish what is due to go live and unpublish what has expired (Wagtail's command, whose
    logic it is); returns what it found due, for the worker's log."""
    publish, expire = scheduled_publishing_due()
    if publish or expire:
        call_command("publish_scheduled", verbosity=0)
        logger.info("scheduled publishing: %d published, %d expired", publish, expire)
    return f"{publish} published, {expire} expired"
