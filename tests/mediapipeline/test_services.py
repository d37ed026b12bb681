"""The pipeline on real files with the real ffprobe and ffmpeg: what an editor's upload becomes,
and what a bad upload is told."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from mediapipeline.models import MediaProcessing
from mediapipeline.services import MediaRefused, media_check_file, media_process
from tests.mediapipeline import media_files as files

pytestmark = pytest.mark.django_db


def stored(field_file) -> Path:
    return Path(default_storage.path(field_file.name))


def test_a_webm_upload_is_transcoded_to_a_fast_start_h264_mp4(tmp_path):
    media = files.save_media(files.webm_vp9_opus(tmp_path), kind="video")

    outcome = media_process(media=media)

    assert outcome.status == MediaProcessing.Status.READY
    media.refresh_from_db()
    assert media.duration == pytest.approx(2.0, abs=0.1)
    assert (media.width, media.height) == (160, 120)
    processing = media.processing
    web = stored(processing.web_file)
    assert processing.web_file.name.endswith(".mp4")
    assert files.codecs(web) == [("video", "h264"), ("audio", "aac")]
    assert files.moov_before_mdat(web)
    assert files.seconds(web) == pytest.approx(2.0, abs=0.5)
    assert processing.web_size == web.stat().st_size > 0
    assert processing.original_size == media.file.size


def test_a_video_gets_a_poster_and_an_audio_version_of_the_right_length(tmp_path):
    media = files.save_media(files.webm_vp9_opus(tmp_path, seconds=3), kind="video")

    media_process(media=media)

    media.refresh_from_db()
    with Image.open(stored(media.thumbnail)) as poster:
        assert poster.format == "JPEG"
        assert poster.size == (160, 120)
    audio = stored(media.processing.audio_file)
    assert audio.suffix == ".m4a"
    assert files.codecs(audio) == [("audio", "aac")]
    assert files.seconds(audio) == pytest.approx(3.0, abs=0.5)
    assert media.processing.audio_size == audio.stat().st_size


def test_an_h264_mp4_without_fast_start_is_only_remuxed(tmp_path):
    source = files.mp4_h264_aac(tmp_path, faststart=False)
    assert not files.moov_before_mdat(source)
    media = files.save_media(source, kind="video")

    media_process(media=media)

    web = stored(media.processing.web_file)
    assert files.moov_before_mdat(web)
    assert files.codecs(web) == files.codecs(source)
    # The same streams, copied: the picture is bit for bit the upload's.
    assert abs(web.stat().st_size - source.stat().st_size) < 2000


def test_a_web_ready_mp4_is_served_as_it_is(tmp_path):
    media = files.save_media(files.mp4_h264_aac(tmp_path, faststart=True), kind="video")

    assert media_process(media=media).status == MediaProcessing.Status.READY

    processing = media.processing
    assert not processing.web_file
    assert files.codecs(stored(processing.audio_file)) == [("audio", "aac")]
    assert files.seconds(stored(processing.audio_file)) == pytest.approx(2.0, abs=0.5)


def test_an_audio_lecture_gets_its_real_length_and_nothing_else(tmp_path):
    media = files.save_media(files.mp3(tmp_path, seconds=3), kind="audio")

    assert media_process(media=media).status == MediaProcessing.Status.READY

    media.refresh_from_db()
    assert media.duration == pytest.approx(3.0, abs=0.1)
    assert not media.thumbnail
    assert not media.processing.web_file and not media.processing.audio_file


@pytest.mark.parametrize(
    ("make", "kind", "message"),
    [
        (files.text_as_mp4, "video", "not a video or audio recording"),
        (files.truncated_mp4, "video", "damaged or incomplete"),
        (files.truncated_faststart_mp4, "video", "damaged part-way through"),
        (files.empty, "video", "The file is empty (0 bytes)"),
        (files.mp3, "video", "sound but no picture"),
    ],
)
def test_bad_files_fail_with_the_reason_and_leave_nothing_made(tmp_path, make, kind, message):
    media = files.save_media(make(tmp_path), kind=kind)
    before = set(Path(default_storage.location).rglob("*"))

    outcome = media_process(media=media)

    assert outcome.status == MediaProcessing.Status.FAILED
    assert message in outcome.reason
    processing = MediaProcessing.objects.get(media=media)
    assert processing.status == MediaProcessing.Status.FAILED
    assert processing.reason == outcome.reason
    assert not processing.web_file and not processing.audio_file
    media.refresh_from_db()
    assert not media.thumbnail
    assert set(Path(default_storage.location).rglob("*")) == before


def test_a_recording_over_the_limit_is_refused(tmp_path, settings):
    settings.MEDIA_MAX_SECONDS = 1
    with pytest.raises(MediaRefused, match="the longest allowed is 0 h 00 min"):
        media_check_file(files.mp3(tmp_path, seconds=3))


def test_a_failed_replacement_keeps_the_previous_good_versions(tmp_path):
    media = files.save_media(files.webm_vp9_opus(tmp_path), kind="video")
    media_process(media=media)
    good = MediaProcessing.objects.get(media=media)

    with files.truncated_mp4(tmp_path).open("rb") as broken:
        media.file.save("broken.mp4", broken)
    assert media_process(media=media).status == MediaProcessing.Status.FAILED

    after = MediaProcessing.objects.get(media=media)
    assert after.web_file.name == good.web_file.name
    assert after.audio_file.name == good.audio_file.name
    assert stored(after.web_file).exists() and stored(after.audio_file).exists()


def test_processing_again_replaces_the_old_versions(tmp_path, django_capture_on_commit_callbacks):
    media = files.save_media(files.webm_vp9_opus(tmp_path), kind="video")
    media_process(media=media)
    first = MediaProcessing.objects.get(media=media)
    old_web = stored(first.web_file)

    with files.webm_vp9_opus(tmp_path, seconds=3).open("rb") as longer:
        media.file.save("longer.webm", longer)
    with django_capture_on_commit_callbacks(execute=True):
        media_process(media=media)

    media.refresh_from_db()
    assert media.duration == pytest.approx(3.0, abs=0.1)
    assert files.seconds(stored(media.processing.web_file)) == pytest.approx(3.0, abs=0.5)
    assert stored(media.processing.web_file) != old_web
    assert not old_web.exists()
