"""Send a lecture's media to the pipeline whenever its file is new or replaced.

The previous file name is remembered when the row is loaded, so that saving a title or a poster
does not process the recording again.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save
from wagtailmedia.models import get_media_model

from config.enqueue import enqueue

from .models import MediaProcessing
from .services import already_processed
from .tasks import process_media


def media_queue(*, media, again: bool = False) -> None:
    """Once the upload is committed, mark `media` as waiting for the pipeline and send it to a
    worker. Both wait for the commit: a rolled-back upload leaves no row and sends no task.
    A file the pipeline has finished with already (the demo seed runs it in place) is left as
    it is, unless an editor asks for it `again`."""
    media_id = media.pk
    file_name = media.file.name

    def queue():
        processing = MediaProcessing.objects.filter(media_id=media_id).first()
        if not again and already_processed(processing, file_name):
            return
        MediaProcessing.objects.update_or_create(
            media_id=media_id,
            defaults={"status": MediaProcessing.Status.QUEUED, "reason": ""},
        )
        # Through the one broker-safe enqueue: a broker that is down is logged, never a 500;
        # the row then stays queued until the file is saved again.
        enqueue(process_media, media_id)

    transaction.on_commit(queue)


def _remember_file(sender, instance, **kwargs):
    instance._pipeline_file_name = instance.file.name if instance.pk else None


def _queue_when_file_changed(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.file:
        return
    if created or instance.file.name != getattr(instance, "_pipeline_file_name", None):
        media_queue(media=instance)
    instance._pipeline_file_name = instance.file.name


def _delete_renditions(sender, instance, **kwargs):
    names = [f.name for f in (instance.web_file, instance.audio_file) if f]
    storage = instance.web_file.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def connect() -> None:
    Media = get_media_model()
    post_init.connect(_remember_file, sender=Media, dispatch_uid="mediapipeline-remember")
    post_save.connect(_queue_when_file_changed, sender=Media, dispatch_uid="mediapipeline-queue")
    post_delete.connect(
        _delete_renditions, sender=MediaProcessing, dispatch_uid="mediapipeline-delete"
    )
