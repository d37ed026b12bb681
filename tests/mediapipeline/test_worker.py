"""An upload goes to a real Celery worker on the real Redis, which runs the pipeline as in
production: the admin shows QUEUED at once and READY when the worker is done."""

import pytest

from mediapipeline.models import MediaProcessing
from modules.seed import tree_roots_ensure
from tests.celery_support import Broker, Worker, broker_url, celery_environment, wait_for
from tests.mailing.test_tasks import publishing_to
from tests.mediapipeline import media_files as files

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("require_postgres", "require_redis"),
]

TASK = "mediapipeline.tasks.process_media"


def test_a_worker_processes_an_upload(tmp_path, settings):
    with Broker(broker_url()) as broker, publishing_to(broker.url):
        tree_roots_ensure()  # a flush before this test may have removed the root collection
        media = files.save_media(files.webm_vp9_opus(tmp_path), kind="video")
        processing = MediaProcessing.objects.get(media=media)
        assert processing.status == MediaProcessing.Status.QUEUED
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
    processing.refresh_from_db()
    assert processing.status == MediaProcessing.Status.READY
    assert files.codecs(processing.web_file.path) == [("video", "h264"), ("audio", "aac")]
    media.refresh_from_db()
    assert media.duration == pytest.approx(2.0, abs=0.1)
