"""Downloads for offline use: the transcript as text and tagged PDF, captions, the media and the
audio-only version, each with its type and the size of what is actually served."""

import contextlib
import re
import subprocess
import zlib
from html import unescape
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from wagtail.models import PageViewRestriction

from mediapipeline.models import MediaProcessing
from modules.downloads import lesson_downloads
from tests.factories import make_course, make_learner, make_lesson, make_module, translate_page

pytestmark = pytest.mark.django_db

TRANSCRIPT = "Welcome, officials.\n\nCities measure traffic – and air quality: åäö ø æ."
PAUSED_VTT = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nFirst words\n\n"
    "00:00:02.100 --> 00:00:04.000\nof one thought.\n\n"
    "00:00:09.000 --> 00:00:11.000\nAfter a pause, a new one.\n"
)


@pytest.fixture
def module():
    return make_module(make_course(title="Smart cities"), 2, title="Who owns the data")


def transcript_url(lesson, fmt):
    return reverse(f"lesson_transcript_{fmt}", args=[lesson.pk])


def pdf_text(content: bytes) -> bytes:
    """The PDF's bytes with each compressed stream inflated, to look for its structure."""
    parts = [content]
    # The end-of-line before "endstream" is left with the data, not stripped: a compressed
    # stream may itself end with a carriage return byte. A decompressor object stops at the
    # end of the compressed data and keeps what follows aside.
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", content, re.S):
        with contextlib.suppress(zlib.error):  # a font or image stream, not compressed text
            parts.append(zlib.decompressobj().decompress(match.group(1)))
    return b"\n".join(parts)


def downloads_section(html: str) -> str:
    found = re.search(r'<section class="downloads".*?</section>', html, re.S)
    assert found, "no downloads section"
    return found.group(0)


def make_audio(path: Path, seconds: float = 1.5) -> bytes:
    """A real, small AAC audio file made by ffmpeg."""
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=duration={seconds}"]
        + ["-c:a", "aac", "-b:a", "32k", str(path)],
        check=True,
    )
    return path.read_bytes()


def test_the_text_transcript_names_the_lesson_module_and_source(client, module):
    lesson = make_lesson(module, "what-cities-measure", kind="video", transcript=TRANSCRIPT)

    response = client.get(transcript_url(lesson, "txt"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="what-cities-measure-en-transcript.txt"'
    )
    assert response["Content-Language"] == "en"
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "What cities measure"
    assert lines[2] == "Module 2: Who owns the data"
    assert lines[3].startswith("From the course “Smart cities”: http")
    assert lines[3].endswith("/module-2/what-cities-measure/")
    assert text.endswith(TRANSCRIPT + "\n")


def test_without_a_transcript_the_text_comes_from_the_captions(client, module):
    lesson = make_lesson(module, "captioned", kind="video", vtt=PAUSED_VTT)
    lesson.transcript = ""
    lesson.save_revision().publish()

    text = client.get(transcript_url(lesson, "txt")).content.decode("utf-8")

    assert text.endswith("First words of one thought.\n\nAfter a pause, a new one.\n")


def test_the_pdf_is_tagged_in_the_content_language_with_its_title(client, module):
    lesson = make_lesson(module, "measure", kind="video", transcript=TRANSCRIPT, title="Measure")
    swedish = translate_page(lesson, "sv", title="Mäta staden", transcript="Välkommen, du.")

    english = client.get(transcript_url(lesson, "pdf"))
    response = client.get(transcript_url(swedish, "pdf"))

    assert english.status_code == response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="measure-sv-transcript.pdf"'
    assert response.content.startswith(b"%PDF-")
    structure = pdf_text(response.content)
    assert b"/StructTreeRoot" in structure
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked true", structure)
    assert b"/Lang (sv)" in structure
    assert b'pdfuaid:part="1"' in structure  # PDF/UA-1, declared in the XMP metadata
    assert b"/H1" in structure and b"/H2" in structure  # the title and "Transcript" headings
    # The title, in UTF-16 as PDF strings with non-ASCII letters are.
    title = "Mäta staden".encode("utf-16-be").hex().upper().encode()
    assert re.search(rb"/Title\s*<FEFF" + title + rb">", structure, re.I)
    assert b"/Lang (en)" in pdf_text(english.content)
    assert re.search(rb"/FontName /[A-Z]{6}\+DejaVu-Sans", structure)  # the system's, embedded


def test_the_pdf_is_built_once_per_revision(client, module):
    lesson = make_lesson(module, "revised", kind="audio", transcript="First version.")
    first = client.get(transcript_url(lesson, "pdf")).content
    assert client.get(transcript_url(lesson, "pdf")).content == first

    lesson.transcript = "Second version, longer than the first by quite a few words."
    lesson.save_revision().publish()
    second = client.get(transcript_url(lesson, "pdf")).content

    assert second != first
    assert b"Second version" not in first


def test_the_sizes_shown_are_the_sizes_served(client, module, tmp_path):
    lesson = make_lesson(module, "sized", kind="video", transcript=TRANSCRIPT)
    audio = make_audio(tmp_path / "talk.m4a")
    MediaProcessing.objects.create(
        media=lesson.media,
        status=MediaProcessing.Status.READY,
        audio_file=ContentFile(audio, name="talk.m4a"),
        audio_size=len(audio),
    )
    html = client.get(lesson.url).content.decode()
    section = downloads_section(html)
    links = re.findall(r'<a href="([^"]+)" download="([^"]+)"[^>]*>(.*?)</a>', section, re.S)

    served = {}
    for url, filename, text in links:
        response = client.get(unescape(url))
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        served[filename] = body
        size = re.search(r", ([^)]+)\)", re.sub(r"<[^>]+>", "", text)).group(1)
        assert unescape(size) == filesizeformat(len(body)), filename

    assert set(served) == {
        "sized-en-transcript.txt",
        "sized-en-transcript.pdf",
        "sized-en-captions.vtt",
        "sized.mp4",
        "sized-audio.m4a",
    }
    assert served["sized-audio.m4a"] == audio
    lesson.refresh_from_db()  # as the page and the views read it: the live revision's
    exact = {item.filename: item.size for item in lesson_downloads(lesson, [])}
    assert exact["sized-en-transcript.pdf"] == len(served["sized-en-transcript.pdf"])
    assert exact["sized-en-transcript.txt"] == len(served["sized-en-transcript.txt"])
    assert exact["sized.mp4"] == len(served["sized.mp4"])
    assert "(M4A audio, " in section and "(PDF, " in section and "(Plain text, " in section


def test_a_missing_media_file_leaves_the_page_whole(client, module):
    lesson = make_lesson(module, "lost", kind="audio")
    lesson.media.file.storage.delete(lesson.media.file.name)

    response = client.get(lesson.url)

    assert response.status_code == 200
    section = downloads_section(response.content.decode())
    assert 'download="lost.mp3"' in section
    assert "(MP3 audio)" in section  # no size rather than a wrong one
    missing = client.get(reverse("lesson_media_download", args=[lesson.pk, "mp3"]))
    assert missing.status_code == 404


def test_media_download_as_attachments_named_after_the_lesson(client, module, tmp_path):
    lesson = make_lesson(module, "street-sensors", kind="video")
    audio = make_audio(tmp_path / "talk.m4a")
    MediaProcessing.objects.create(
        media=lesson.media, audio_file=ContentFile(audio, name="talk.m4a"), audio_size=len(audio)
    )

    response = client.get(reverse("lesson_audio_download", args=[lesson.pk, "m4a"]))
    video = client.get(reverse("lesson_media_download", args=[lesson.pk, "mp4"]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="street-sensors-audio.m4a"'
    assert b"".join(response.streaming_content) == audio
    assert response["Content-Length"] == str(len(audio))
    assert "public" in response["Cache-Control"]
    assert video["Content-Type"] == "video/mp4"
    assert video["Content-Disposition"] == 'attachment; filename="street-sensors.mp4"'
    # Another extension than the file's, or a file the lesson does not have, is not found.
    assert client.get(reverse("lesson_audio_download", args=[lesson.pk, "mp3"])).status_code == 404
    plain = make_lesson(module, "no-audio", kind="video")
    assert client.get(reverse("lesson_audio_download", args=[plain.pk, "m4a"])).status_code == 404


def test_a_written_lesson_offers_no_transcript(client, module):
    lesson = make_lesson(module, "reading")

    assert 'class="downloads"' not in client.get(lesson.url).content.decode()
    assert client.get(transcript_url(lesson, "txt")).status_code == 404
    assert client.get(transcript_url(lesson, "pdf")).status_code == 404


def test_an_unpublished_lesson_is_not_served(client, module):
    lesson = make_lesson(module, "withdrawn", kind="audio")
    lesson.unpublish()

    assert client.get(transcript_url(lesson, "txt")).status_code == 404
    assert client.get(reverse("lesson_transcript_txt", args=[999999])).status_code == 404


def test_a_lesson_for_signed_in_learners_sends_others_to_sign_in(client, module):
    lesson = make_lesson(module, "members", kind="audio")
    PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.LOGIN)

    for url in (
        transcript_url(lesson, "pdf"),
        reverse("lesson_media_download", args=[lesson.pk, "mp3"]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")

    client.force_login(make_learner())
    response = client.get(transcript_url(lesson, "pdf"))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_a_password_protected_lesson_refuses_without_the_password(client, module):
    lesson = make_lesson(module, "secret", kind="audio")
    PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
    )
    client.force_login(make_learner())

    assert client.get(transcript_url(lesson, "txt")).status_code == 403
    assert client.get(reverse("lesson_media_download", args=[lesson.pk, "mp3"])).status_code == 403
    assert b"Welcome to the lesson" not in client.get(transcript_url(lesson, "txt")).content


def test_only_reading_methods_are_allowed(client, module):
    lesson = make_lesson(module, "posted", kind="audio")

    assert client.post(transcript_url(lesson, "txt")).status_code == 405
    assert client.head(transcript_url(lesson, "txt")).status_code == 200


def test_an_odd_file_name_still_gives_a_download_address(client, module):
    lesson = make_lesson(module, "odd", kind="audio")
    media = lesson.media
    media.file.save("lecture recording.MP3~", ContentFile(b"ID3" + b"\x00" * 61), save=True)

    section = downloads_section(client.get(lesson.url).content.decode())

    url = reverse("lesson_media_download", args=[lesson.pk, "mp3"])
    assert f'href="{url}" download="odd.mp3"' in section
    assert client.get(url)["Content-Disposition"] == 'attachment; filename="odd.mp3"'
