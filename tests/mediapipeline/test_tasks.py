"""When the pipeline's task runs: on a new or replaced file only, retried when storage fails
for a moment, and given up with a reason when it keeps failing."""

import pytest
from celery.exceptions import Retry
from django.core.files.storage import default_storage

from mediapipeline.models import MediaProcessing
from mediapipeline.tasks import MAX_RETRIES, process_media
from tests.mediapipeline import media_files as files

pytestmark = pytest.mark.django_db


def queued(callbacks) -> list:
    return [callback for callback in callbacks if "media_queue" in callback.__qualname__]


def test_a_new_file_is_queued_and_a_new_title_is_not(tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as uploaded:
        media = files.save_media(files.mp3(tmp_path), kind="audio")
    assert len(queued(uploaded)) == 1
    assert MediaProcessing.objects.get(media=media).status == MediaProcessing.Status.READY

    with django_capture_on_commit_callbacks(execute=True) as renamed:
        media.title = "Renamed"
        media.save()
    assert queued(renamed) == []

    with (
        django_capture_on_commit_callbacks(execute=True) as replaced,
        files.mp3(tmp_path, seconds=2).open("rb") as shorter,
    ):
        media.file.save("shorter.mp3", shorter)
    assert len(queued(replaced)) == 1
    media.refresh_from_db()
    assert media.duration == pytest.approx(2.0, abs=0.1)


def test_a_file_missing_from_storage_is_retried_then_failed_with_the_reason(tmp_path):
    media = files.save_media(files.mp3(tmp_path), kind="audio")
    MediaProcessing.objects.create(media=media, status=MediaProcessing.Status.QUEUED)
    default_storage.delete(media.file.name)

    # Storage that fails is retried (eagerly here, so the retry surfaces as Retry)...
    with pytest.raises(Retry):
        process_media.apply(args=[media.pk])
    assert MediaProcessing.objects.get(media=media).status == MediaProcessing.Status.PROCESSING

    # ...and given up, with a reason, after the last retry.
    result = process_media.apply(args=[media.pk], retries=MAX_RETRIES)

    assert result.get() == "failed"
    processing = MediaProcessing.objects.get(media=media)
    assert processing.status == MediaProcessing.Status.FAILED
    assert processing.reason == "The file could not be read from storage. Try processing it again."


def test_a_refused_file_is_not_retried(tmp_path):
    media = files.save_media(files.text_as_mp4(tmp_path), kind="video")
    MediaProcessing.objects.create(media=media, status=MediaProcessing.Status.QUEUED)

    result = process_media.apply(args=[media.pk], throw=False)

    assert result.get() == "failed"
    assert "not a video or audio recording" in MediaProcessing.objects.get(media=media).reason
