"""A Swedish-speaking visitor in a real browser: the site opens in Swedish, the lecture plays with
Swedish captions, and switching to English keeps their place in it."""

import re

import pytest

from modules.kinds import LessonKind
from modules.management.commands.seed_demo import seed_site
from modules.models import LessonPage, ModulePage
from tests.browser.support import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MEDIA = "document.querySelector('[data-lesson-media]')"


@pytest.fixture
def swedish_page(browser, live_server, live_media_ranges):
    """A page in a browser whose language is Swedish (Accept-Language: sv-SE)."""
    seed_site()
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def module_one_video(language: str) -> LessonPage:
    module = ModulePage.objects.get(number=1, locale__language_code=language)
    lessons = LessonPage.objects.child_of(module).live().select_related("media").order_by("path")
    return next(lesson for lesson in lessons if lesson.kind == LessonKind.VIDEO)


def test_a_swedish_visitor_watches_in_swedish_and_keeps_their_place_in_english(swedish_page):
    page = swedish_page
    swedish, english = module_one_video("sv"), module_one_video("en")
    assert swedish.alias_of_id is None, "the demo translates module 1's lessons into Swedish"

    # The first visit follows the browser: the Swedish course home.
    page.goto("/")
    assert re.search(r"/sv/$", page.url)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator(".language-switcher a[aria-current]").text_content() == "Svenska"
    assert "Svenska" in page.locator(".language-switcher summary").text_content()

    # Module 1 and its lecture, in Swedish, with Swedish captions shown by default.
    page.locator(".module-card a", has_text=swedish.get_parent().title).first.click()
    page.locator(".lesson-item a", has_text=swedish.title).first.click()
    page.wait_for_url(re.compile(re.escape(swedish.url) + "$"))
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text() == swedish.title
    default_track = page.locator("video track[default]")
    assert default_track.get_attribute("srclang") == "sv"
    wait_until(page, f"{MEDIA}.readyState >= 1")
    page.evaluate(f"{MEDIA}.play()")
    wait_until(page, f"{MEDIA}.currentTime > 3", timeout=20_000)
    page.evaluate(f"{MEDIA}.pause()")
    swedish_cue = page.evaluate(
        f"""(() => {{
            const track = Array.from({MEDIA}.textTracks).find(t => t.language === 'sv');
            return track.mode + '|' + (track.cues && track.cues.length ? track.cues[0].text : '');
        }})()"""
    )
    mode, first_cue = swedish_cue.split("|", 1)
    assert mode == "showing"
    english_first_cue = english.caption_tracks.get(language="en").vtt.split("\n\n")[1]
    assert first_cue and first_cue not in english_first_cue, "the captions are the Swedish ones"
    reached = page.evaluate(f"{MEDIA}.currentTime")

    # Switch to English: the same lecture, said to be English, resumed where they stopped.
    page.locator(".language-switcher summary").click()  # the header's language menu
    page.locator(".language-switcher a[hreflang=en]").click()
    page.wait_for_url(re.compile(re.escape(english.url) + "$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == english.title
    wait_until(page, f"{MEDIA}.readyState >= 1")
    wait_until(page, f"{MEDIA}.currentTime >= {reached - 1.5}", timeout=10_000)

    # The choice holds: the site's address now opens in English, whatever the browser says.
    page.goto("/")
    assert page.evaluate("location.pathname") == "/"
    assert page.locator("html").get_attribute("lang") == "en"
