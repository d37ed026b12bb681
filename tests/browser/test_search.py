"""A visitor without an account searches a phrase said in a lecture and lands on it."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.support import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Said in the audio lecture of module 3, in the cue that starts at 0:31.719, and nowhere else.
PHRASE = "read technical drawings"
CUE_START = 31.719


@pytest.fixture
def demo_site(live_server):
    call_command("seed_demo", stdout=StringIO())
    return live_server.url


def test_a_transcript_phrase_opens_the_lecture_at_the_moment_it_is_said(browser_page, demo_site):
    page = browser_page
    page.goto(demo_site + "/")
    page.fill("#site-search-q", PHRASE)
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=read\+technical\+drawings"))

    results = page.locator(".search-result")
    assert results.count() == 1
    result = results.first
    assert "Audio" in result.locator(".search-result__kind").inner_text()
    assert PHRASE in result.locator(".search-result__moment q").inner_text()

    result.get_by_role("link", name=re.compile(r"Play from 0:31")).click()
    page.wait_for_url(re.compile(r".*\?t=31\.719#lesson-player$"))
    wait_until(page, "document.querySelector('[data-lesson-media]').currentTime > 0", timeout=10000)
    position = page.evaluate("document.querySelector('[data-lesson-media]').currentTime")
    assert position == pytest.approx(CUE_START, abs=0.5)
    assert "The player starts at 0:31" in page.locator(".player__note").inner_text()
    # Playing goes on from there.
    page.evaluate("document.querySelector('[data-lesson-media]').play()")
    wait_until(
        page,
        f"document.querySelector('[data-lesson-media]').currentTime > {CUE_START + 1}",
        timeout=15000,
    )
