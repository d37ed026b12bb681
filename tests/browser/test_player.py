"""The lecture player in a real browser: speed kept, the transcript seeks and follows, the
keyboard works, nothing breaks without JavaScript, and axe finds no WCAG 2.1 A/AA violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from modules.kinds import LessonKind
from modules.models import LessonPage
from modules.seed import seed_demo
from tests.browser.support import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MEDIA = "document.querySelector('[data-lesson-media]')"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def demo_site(live_server):
    seed_demo()
    return live_server.url


def first_lesson(kind: LessonKind) -> LessonPage:
    lessons = LessonPage.objects.live().select_related("media").order_by("path")
    return next(
        lesson for lesson in lessons if lesson.kind == kind and lesson.locale.language_code == "en"
    )


def open_lesson(page, base, kind=LessonKind.VIDEO):
    page.goto(base + first_lesson(kind).url)
    wait_until(page, f"{MEDIA}.readyState >= 1")


def sign_in(page, base):
    """Sign a learner in by handing the browser a session made on the server."""
    user = get_user_model().objects.create_user(email="listener@example.org", password="x" * 20)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])
    return user


def choose_speed_and_reload(page, base):
    open_lesson(page, base)
    page.get_by_label("Speed").select_option("1.5")
    assert page.evaluate(f"{MEDIA}.playbackRate") == 1.5
    page.wait_for_timeout(300)  # the signed-in learner's choice is posted
    page.reload()
    wait_until(page, f"{MEDIA}.readyState >= 1")
    wait_until(page, f"{MEDIA}.playbackRate === 1.5")
    assert page.get_by_label("Speed").input_value() == "1.5"


def test_a_visitors_speed_is_kept_in_this_browser(browser_page, demo_site):
    choose_speed_and_reload(browser_page, demo_site)
    stored = browser_page.evaluate("window.localStorage.getItem('smartcities.player.v1')")
    assert stored == '{"rate":1.5}'


def test_a_learners_speed_is_kept_on_their_account(browser_page, demo_site):
    user = sign_in(browser_page, demo_site)
    choose_speed_and_reload(browser_page, demo_site)
    user.refresh_from_db()
    assert user.playback_rate == 1.5
    assert browser_page.evaluate("window.localStorage.getItem('smartcities.player.v1')") is None


def test_clicking_a_transcript_line_seeks_there(browser_page, demo_site):
    page = browser_page
    open_lesson(page, demo_site)
    line = page.locator("[data-transcript-lines]:not([hidden]) a.cue").nth(3)
    start = float(line.get_attribute("data-seek"))
    line.click()
    wait_until(page, f"{MEDIA}.currentTime >= {start - 0.1}")
    assert page.evaluate(f"{MEDIA}.currentTime") == pytest.approx(start, abs=1.0)
    assert "cue--current" in line.get_attribute("class")
    assert page.url.endswith(first_lesson(LessonKind.VIDEO).url)  # seeks in place


def test_tab_to_a_transcript_line_and_press_enter_seeks(browser_page, demo_site):
    page = browser_page
    open_lesson(page, demo_site)
    page.get_by_label("Search the transcript").focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cue')"):
            break
    page.keyboard.press("Tab")  # to the second line
    focused = page.evaluate("document.activeElement.dataset.seek")
    assert focused is not None and float(focused) > 5
    page.keyboard.press("Enter")
    wait_until(page, f"{MEDIA}.currentTime >= {float(focused) - 0.1}")
    assert page.evaluate(f"{MEDIA}.currentTime") == pytest.approx(float(focused), abs=1.0)
    assert page.evaluate("document.activeElement.dataset.seek") == focused  # focus stays


def test_the_current_line_follows_playback(browser_page, demo_site):
    page = browser_page
    open_lesson(page, demo_site)
    current = "document.querySelector('.cue--current')"
    page.evaluate(f"{MEDIA}.muted = true; {MEDIA}.currentTime = 0; {MEDIA}.play()")
    wait_until(page, f"{current} !== null")
    first = page.evaluate(f"{current}.dataset.seek")
    second = page.locator("[data-transcript-lines]:not([hidden]) a.cue").nth(1)
    wait_until(
        page, f"{MEDIA}.currentTime > {second.get_attribute('data-seek')} + 0.5", timeout=20000
    )
    wait_until(page, f"{current}.dataset.seek !== '{first}'")
    now = page.evaluate(f"{MEDIA}.currentTime")
    line = page.evaluate(f"[{current}.dataset.seek, {current}.dataset.end].map(parseFloat)")
    assert line[0] <= now + 0.5 and now <= line[1] + 1.0
    page.evaluate(f"{MEDIA}.pause()")


def test_a_search_filters_the_transcript_and_says_how_many_lines_match(browser_page, demo_site):
    page = browser_page
    open_lesson(page, demo_site)
    page.get_by_label("Search the transcript").fill("city")
    status = page.locator("[data-transcript-count]")
    wait_until(page, "document.querySelector('[data-transcript-count]').textContent !== ''")
    visible = page.locator("[data-transcript-lines]:not([hidden]) li:not([hidden])")
    count = visible.count()
    assert count > 0
    assert status.inner_text() in (f"{count} lines match.", "1 line matches.")
    assert visible.locator("mark").count() >= count


def test_the_audio_lecture_shows_the_current_caption_line(browser_page, demo_site):
    page = browser_page
    open_lesson(page, demo_site, LessonKind.AUDIO)
    line = page.locator("[data-transcript-lines]:not([hidden]) a.cue").nth(1)
    line.click()
    caption = page.locator("[data-player-live-caption]")
    wait_until(page, "document.querySelector('[data-player-live-caption]').textContent !== ''")
    assert caption.inner_text() == line.locator(".cue__text").inner_text()
    page.evaluate(f"{MEDIA}.pause()")


def test_without_javascript_the_native_player_and_transcript_links_work(browser, demo_site):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(demo_site + first_lesson(LessonKind.VIDEO).url)
        assert page.locator("video[controls]").count() == 1
        assert page.locator("[data-player-controls]").is_hidden()
        line = page.locator("[data-transcript-lines]:not([hidden]) a.cue").nth(2)
        start = line.get_attribute("data-seek")
        line.click()
        page.wait_for_url(f"**?t={start}#lesson-player")
        assert page.locator("video").get_attribute("data-start") == start
        assert f"#t={start}" in page.locator("video source").first.get_attribute("src")
    finally:
        context.close()


@pytest.mark.parametrize("kind", [LessonKind.VIDEO, LessonKind.AUDIO])
@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_no_wcag_violation_on_a_lesson(browser_page, demo_site, kind, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    open_lesson(page, demo_site, kind)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
