"""The Celery task of the media pipeline: thin, by media id; the work is in services.py.

Only transient errors are retried (storage that cannot be read just now, a dropped database
connection); a file that is refused or cannot be converted is a result, recorded as FAILED with
its reason, and never retried.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError
from django.utils.translation import gettext as _
from wagtailmedia.models import get_media_model

from .models import MediaProcessing
from .services import already_processed, media_process

logger = logging.getLogger(__name__)

MAX_RETRIES = 3
TRANSIENT = (OSError, DatabaseError)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    time_limit=settings.MEDIA_TASK_TIME_LIMIT,
    soft_time_limit=settings.MEDIA_TASK_TIME_LIMIT - 60,
)
def process_media(self, media_id: int) -> str:
    media = get_media_model().objects.filter(pk=media_id).first()
    if media is None:
        return "gone"
    processing = MediaProcessing.objects.filter(media=media).first()
    if already_processed(processing, media.file.name):
        return str(processing.status)
    try:
        return str(media_process(media=media).status)
    except SoftTimeLimitExceeded:
        MediaProcessing.objects.filter(media=media).update(
            status=MediaProcessing.Status.FAILED,
            reason=_(
                "Preparing the recording took longer than allowed. Shorten it, or upload it "
                "in H.264/AAC MP4, which needs no conversion."
            ),
        )
        return str(MediaProcessing.Status.FAILED)
    except TRANSIENT as error:
        if self.request.retries >= MAX_RETRIES:
            logger.exception("media %s: giving up after %d retries", media_id, MAX_RETRIES)
            MediaProcessing.objects.filter(media=media).update(
                status=MediaProcessing.Status.FAILED,
                reason=_("The file could not be read from storage. Try processing it again."),
            )
            return str(MediaProcessing.Status.FAILED)
        raise self.retry(exc=error, countdown=10 * 2**self.request.retries) from error
