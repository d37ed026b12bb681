"""The browser fixture itself: Chromium reaches the live server, and media answers ranges there.

These run wherever Chromium is installed and fail on CI (REQUIRE_BROWSER=1) if it cannot start,
so that a broken browser setup shows up here rather than as puzzling failures elsewhere.
"""

import pytest

DATA = b"0123456789" * 100


@pytest.fixture
def media_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "media").mkdir()  # wagtailmedia's folder: only upload folders are served
    (tmp_path / "media" / "hello.txt").write_bytes(DATA)
    return "/media/media/hello.txt"


def test_browser_page_loads_from_the_live_server(browser_page, live_server, media_file):
    response = browser_page.goto(media_file)

    assert response.status == 200
    assert browser_page.url == f"{live_server.url}{media_file}"
    assert browser_page.inner_text("body") == DATA.decode()


def test_browser_fetches_a_byte_range(browser_page, media_file):
    browser_page.goto(media_file)

    status, content_range, text = browser_page.evaluate(
        """async (url) => {
            const response = await fetch(url, {headers: {Range: "bytes=10-19"}});
            return [response.status, response.headers.get("Content-Range"), await response.text()];
        }""",
        media_file,
    )

    assert status == 206
    assert content_range == f"bytes 10-19/{len(DATA)}"
    assert text == "0123456789"


@pytest.mark.browser
def test_browser_marker_alone_is_enough_to_require_chromium():
    from tests.conftest import browser_unavailable_reason

    assert browser_unavailable_reason() is None
