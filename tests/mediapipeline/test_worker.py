"""A real Celery worker on the real Redis picks up the pipeline's task and runs it as in
production: the upload's row goes from QUEUED to READY with the web-ready video made."""

import warnings

import pytest
from celery.exceptions import AlwaysEagerIgnored
from django.conf import settings
from django.core.files.storage import default_storage
from wagtailmedia.models import get_media_model

from config.celery import app
from mediapipeline.models import MediaProcessing
from modules.seed import tree_roots_ensure
from tests.celery_support import Broker, Worker, broker_url, celery_environment, wait_for
from tests.mediapipeline import media_files as files

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("require_postgres", "require_redis"),
]

TASK = "mediapipeline.tasks.process_media"


def queued_upload(tmp_path):
    """An upload waiting for the pipeline. Created without its post_save signal, which here
    (tasks run in process in the test settings) would process it at once, before any worker."""
    tree_roots_ensure()  # a flush before this test may have removed the root collection
    source = files.webm_vp9_opus(tmp_path)
    with source.open("rb") as handle:
        name = default_storage.save(f"media/{source.name}", handle)
    (media,) = get_media_model().objects.bulk_create(
        [get_media_model()(title="Lecture", type="video", file=name)]
    )
    MediaProcessing.objects.create(media=media, status=MediaProcessing.Status.QUEUED)
    return media


def test_a_worker_processes_a_queued_upload(tmp_path):
    media = queued_upload(tmp_path)
    with Broker(broker_url()) as broker:
        # Published as signals.media_queue does, to this test's broker (send_task is never
        # run in process, and leaves the suite's Celery set-up alone).
        with app.connection_for_write(broker.url) as connection, warnings.catch_warnings():
            warnings.simplefilter("ignore", AlwaysEagerIgnored)
            app.send_task(TASK, args=[media.pk], connection=connection)
        assert broker.waiting() == 1

        worker = Worker(
            environment=celery_environment(
                broker=broker, DJANGO_MEDIA_ROOT=str(settings.MEDIA_ROOT)
            ),
            log_path=tmp_path / "worker.log",
            name="pipeline",
        )
        try:
            wait_for(
                lambda: worker.results(TASK),
                timeout=60,
                what="the worker to process the upload",
                workers=[worker],
            )
        finally:
            worker.stop()

    assert worker.results(TASK) == ["ready"]
    processing = MediaProcessing.objects.get(media=media)
    assert processing.status == MediaProcessing.Status.READY
    assert files.codecs(processing.web_file.path) == [("video", "h264"), ("audio", "aac")]
    media.refresh_from_db()
    assert media.duration == pytest.approx(2.0, abs=0.1)
