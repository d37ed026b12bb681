"""A visitor in a real browser: from the course home to a playing lecture, and a search."""

import pytest

from modules.kinds import LessonKind
from modules.models import LessonPage
from modules.seed import seed_demo
from tests.browser.support import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def lessons_in_order():
    return (
        LessonPage.objects.live()
        .filter(locale__language_code="en")
        .select_related("media")
        .order_by("path")
    )


@pytest.fixture
def demo_site(live_server):
    seed_demo()
    return live_server.url


def play_and_measure(page, selector: str) -> float:
    """Start the lesson's player and return how far it got after a moment of playing."""
    wait_until(page, f"document.querySelector('{selector}').readyState >= 1")
    page.evaluate(f"document.querySelector('{selector}').play()")
    wait_until(page, f"document.querySelector('{selector}').currentTime > 1.0", timeout=15000)
    return page.evaluate(f"document.querySelector('{selector}').currentTime")


def test_visitor_plays_a_video_lesson_with_captions_and_an_audio_lesson(browser_page, demo_site):
    page = browser_page
    page.goto(demo_site + "/")
    assert page.locator("h1").inner_text() == "Smart Cities for City Officials"
    assert page.locator(".module-card").count() == 8

    page.locator(".module-card").first.locator(".module-card__title a").click()
    page.wait_for_selector(".lesson-list")  # the module page lists its lessons
    page.locator(".lesson-item", has=page.locator(".kind--video")).first.locator("a").click()
    page.wait_for_selector("video")
    assert page.locator('video track[kind="captions"]').count() >= 1
    assert play_and_measure(page, "video") > 1.0
    cue_count = page.evaluate(
        """() => new Promise((resolve) => {
            const track = document.querySelector('video').textTracks[0];
            track.mode = 'hidden';
            const check = () => track.cues && track.cues.length ? resolve(track.cues.length)
                                                               : setTimeout(check, 100);
            check();
        })"""
    )
    assert cue_count > 0

    audio_module = next(
        lesson.get_parent() for lesson in lessons_in_order() if lesson.kind == LessonKind.AUDIO
    )
    page.goto(demo_site + "/")
    page.locator(".module-card__title a", has_text=audio_module.title).click()
    page.locator(".lesson-item", has=page.locator(".kind--audio")).first.locator("a").click()
    page.wait_for_selector("audio")
    assert page.locator("#transcript-heading").is_visible()
    assert play_and_measure(page, "audio") > 1.0


def test_visitor_finds_a_lesson_by_a_phrase_said_only_in_its_transcript(browser_page, demo_site):
    page = browser_page
    page.goto(demo_site + "/")
    page.get_by_label("Search the course").fill("participatory budgeting with mixed reality")
    page.get_by_label("Search the course").press("Enter")
    page.wait_for_selector(".search-summary")
    results = page.locator(".search-result__title a")
    assert results.count() >= 1
    results.first.click()
    page.wait_for_selector("#transcript-heading")
    lesson = LessonPage.objects.get(
        transcript__contains="participatory budgeting with mixed reality"
    )
    assert page.url == demo_site + lesson.url
    assert "participatory budgeting with mixed reality" in page.locator(".transcript").inner_text()
    assert page.locator("audio").count() == 1
