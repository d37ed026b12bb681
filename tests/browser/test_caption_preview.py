"""The admin's "Preview captions" in a real browser: the lecture plays with the draft's captions
switched on, and the page loads nothing from another host."""

import subprocess

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from tests.browser.support import wait_until
from tests.factories import make_course, make_lesson, make_module

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PLAYER = "document.getElementById('caption-preview-player')"
CAPTIONS = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nWelcome to the preview.\n\n"
    "00:00:01.500 --> 00:00:02.000\nGoodbye.\n"
)


def make_video(path) -> bytes:
    """A real two-second H.264 video made by ffmpeg."""
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x90:rate=10"]
        + ["-t", "2", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-movflags", "+faststart"]
        + [str(path)],
        check=True,
    )
    return path.read_bytes()


def test_the_preview_plays_the_lecture_with_captions_showing(browser_page, live_server, tmp_path):
    lesson = make_lesson(make_module(make_course(), 1), "preview-me", kind="video", vtt=CAPTIONS)
    media = lesson.media
    media.file.save("preview.mp4", ContentFile(make_video(tmp_path / "v.mp4")), save=False)
    media.duration = 2
    media.save()
    admin = get_user_model().objects.create_superuser("preview@example.org", "pw")
    client = Client()
    client.force_login(admin)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    browser_page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )
    other_hosts = []
    browser_page.on(
        "request",
        lambda request: request.url.startswith(live_server.url) or other_hosts.append(request.url),
    )

    browser_page.goto(reverse("caption_preview", args=[lesson.pk]))

    wait_until(browser_page, f"{PLAYER}.readyState >= 1")
    wait_until(browser_page, f"{PLAYER}.textTracks.length > 0")
    assert browser_page.evaluate(f"{PLAYER}.textTracks[0].mode") == "showing"
    wait_until(browser_page, f"{PLAYER}.textTracks[0].cues && {PLAYER}.textTracks[0].cues.length")
    assert (
        browser_page.evaluate(f"{PLAYER}.textTracks[0].cues[0].text") == "Welcome to the preview."
    )
    assert browser_page.get_by_role("cell", name="Goodbye.").is_visible()
    assert not [url for url in other_hosts if not url.startswith(("data:", "blob:"))]
