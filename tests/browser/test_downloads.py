"""A learner saves a lecture for offline use from the lesson page in a real browser: the
transcript as text and PDF, and the audio-only version, with JavaScript and without."""

import pytest
from django.core.files.base import ContentFile

from mediapipeline.models import MediaProcessing
from tests.factories import make_course, make_lesson, make_module
from tests.modules.test_downloads import make_audio

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TRANSCRIPT = "Good morning, officials.\n\nToday: sensors in the street – and who owns the data."


@pytest.fixture
def lecture(tmp_path):
    module = make_module(make_course(), 1)  # first: it restores the root collection
    lesson = make_lesson(module, "street-sensors", kind="video", transcript=TRANSCRIPT)
    audio = make_audio(tmp_path / "talk.m4a")
    # The upload's commit has sent the (made-up) file through the pipeline already: this is
    # what the pipeline makes of a real one.
    MediaProcessing.objects.update_or_create(
        media=lesson.media,
        defaults={
            "status": MediaProcessing.Status.READY,
            "audio_file": ContentFile(audio, name="talk.m4a"),
            "audio_size": len(audio),
        },
    )
    return lesson


def download(page, link_name: str):
    """Click the download link called `link_name`; the file's suggested name and bytes."""
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    saved = info.value
    assert saved.failure() is None
    with open(saved.path(), "rb") as file:
        return saved.suggested_filename, file.read()


def test_the_transcript_and_the_audio_version_download(browser_page, lecture):
    page = browser_page
    page.goto(lecture.url)
    downloads = page.get_by_role("region", name="Downloads")
    assert downloads.is_visible()

    name, text = download(page, "Transcript (Plain text")
    assert name == "street-sensors-en-transcript.txt"
    assert text.decode("utf-8").startswith("Street sensors\n")
    assert "who owns the data." in text.decode("utf-8")

    name, pdf = download(page, "Transcript (PDF")
    assert name == "street-sensors-en-transcript.pdf"
    assert pdf.startswith(b"%PDF-")

    name, audio = download(page, "Audio only (M4A audio")
    assert name == "street-sensors-audio.m4a"
    assert audio[4:8] == b"ftyp"  # an MP4-family (M4A) container
    assert audio == lecture.media.processing.audio_file.open("rb").read()

    types = {
        path: page.request.get(path).headers["content-type"]
        for path in (
            f"/lessons/{lecture.pk}/transcript.txt",
            f"/lessons/{lecture.pk}/transcript.pdf",
        )
    }
    assert list(types.values()) == ["text/plain; charset=utf-8", "application/pdf"]


def test_the_downloads_work_without_javascript(browser, live_server, live_media_ranges, lecture):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(lecture.url)

        name, text = download(page, "Transcript (Plain text")
        assert name == "street-sensors-en-transcript.txt"
        assert "Good morning, officials." in text.decode("utf-8")

        name, audio = download(page, "Audio only (M4A audio")
        assert name == "street-sensors-audio.m4a"
        assert audio[4:8] == b"ftyp"
    finally:
        context.close()
