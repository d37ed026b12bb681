"""A lecture on object storage plays in a real browser, under the site's Content-Security-Policy.

The storage is moto's S3 server (started by tests/config/test_storage_s3.py's fixtures); the
browser fetches the video and its poster from there, with range requests that the storage
answers with 206, and reports no policy violation: the storage origin is in img-src and
media-src because the settings derived it from the same environment.
"""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtailmedia.models import get_media_model

from tests.browser.support import wait_until
from tests.config.test_storage_s3 import bucket, png, s3_endpoint  # noqa: F401 (fixtures)
from tests.factories import make_course, make_lesson, make_module

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO_VIDEO = Path(__file__).resolve().parents[2] / "modules" / "demo" / "media" / "m1-video.mp4"

LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolation(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_a_lecture_plays_from_the_storage_with_no_violation(browser_page, bucket):  # noqa: F811
    # The course first: it restores the root collection a transactional test's flush removed.
    module = make_module(make_course(), 1)
    media = get_media_model()(
        title="Sensors in the street",
        type="video",
        duration=10,
        file=ContentFile(DEMO_VIDEO.read_bytes(), name="lecture.mp4"),
        thumbnail=ContentFile(png(), name="poster.png"),
    )
    media.save()
    lesson = make_lesson(module, "sensors", kind="video")
    lesson.media = media
    lesson.save_revision().publish()
    violations, answers = [], []
    page = browser_page
    page.context.expose_binding("__cspViolation", lambda source, text: violations.append(text))
    page.context.add_init_script(LISTEN)
    page.context.on(
        "response",
        lambda response: answers.append(
            (response.url, response.status, response.request.headers.get("range"))
        ),
    )

    page.goto(lesson.get_url())
    video = "document.querySelector('[data-lesson-media]')"
    wait_until(page, f"{video}.readyState >= 1", timeout=20_000)
    page.evaluate(f"{video}.muted = true; {video}.play()")
    wait_until(page, f"{video}.currentTime > 1", timeout=20_000)

    assert page.evaluate(f"{video}.currentSrc") == media.file.url
    assert media.file.url.startswith(bucket.bare_url("media/"))
    assert violations == []
    from_storage = [answer for answer in answers if answer[0] == media.file.url]
    assert from_storage, answers
    assert all(status == 206 and range_ for _url, status, range_ in from_storage), from_storage
    assert (media.thumbnail.url, 200, None) in answers
