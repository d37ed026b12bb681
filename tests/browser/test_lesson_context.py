"""A lesson in context, in a real browser: the module's outline beside it (a closed disclosure on
phones) with this lesson marked and the learner's states, "Lesson 2 of 4", one clear next step,
focus on the confirmation after "Mark as complete", a transcript that flows with the page on
phones, and `<time datetime>` values a machine can read on every page that shows times."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from courses.services.progress import lesson_progress_complete
from events.models import EventPage
from modules.kinds import LessonKind
from modules.management.commands.seed_demo import seed_site
from modules.models import LessonPage, ModulePage
from modules.seed import seed_demo
from tests.browser.support import wait_until
from tests.factories import make_learner

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo_site(live_server):
    seed_demo()
    return live_server.url


def english(queryset):
    return queryset.live().filter(locale__language_code="en").order_by("path")


def first_module_lessons() -> list[LessonPage]:
    module = english(ModulePage.objects).first()
    return list(english(LessonPage.objects).child_of(module).select_related("media"))


def sign_in(page, base, user=None):
    """Sign a learner in by handing the browser a session made on the server."""
    user = user or make_learner()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])
    return user


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_outline_marks_this_lesson_and_shows_the_learners_states(browser_page, demo_site):
    page = browser_page
    page.set_viewport_size(WIDE)
    first, second, *rest = first_module_lessons()
    assert len(rest) == 2  # the demo's first module has four lessons
    sign_in(page, demo_site)

    page.goto(demo_site + first.url)
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_load_state()
    # Focus lands on the confirmation, which a screen reader then reads.
    wait_until(page, "document.activeElement && document.activeElement.id === 'completion-status'")
    status = page.locator("#completion-status")
    assert status.inner_text() == "You have completed this lesson."
    assert status.get_attribute("role") == "status"

    page.goto(demo_site + second.url)
    outline = page.get_by_role("complementary", name=re.compile("Module 1"))
    assert outline.is_visible()
    links = outline.get_by_role("link")
    lesson_links = outline.locator(".lesson-outline__link")
    assert lesson_links.count() == 4  # every lesson of the module
    assert links.first.text_content().strip().startswith("Module 1")  # the module's own page
    current = outline.locator("[aria-current=page]")
    assert current.count() == 1
    assert second.title in current.inner_text()
    assert current.get_attribute("href") == second.url
    done, this_one = outline.locator(".lesson-item").nth(0), outline.locator(".lesson-item").nth(1)
    assert "lesson-item--done" in done.get_attribute("class")
    assert "Done" in done.inner_text()
    assert "lesson-item--not-started" in this_one.get_attribute("class")
    assert "Not started" in this_one.locator("[data-lesson-status]").text_content()
    assert outline.locator("progress").get_attribute("value") == "1"  # 1 of 4 done
    assert "1 of 4 lessons" in outline.inner_text()

    # Where the lesson sits, and one clear next step.
    assert "Lesson 2 of 4" in page.locator(".page-header .eyebrow").text_content()
    next_steps = page.get_by_role("link", name=re.compile(r"^Next\b")).or_(
        page.get_by_role("button", name=re.compile(r"^Next\b"))
    )
    assert next_steps.count() == 1
    assert rest[0].title in next_steps.inner_text()
    assert page.get_by_role("link", name=re.compile(r"^Previous lesson")).count() == 1

    # The breadcrumbs start where the lesson's text starts.
    crumbs_left = page.locator(".breadcrumbs li").first.bounding_box()["x"]
    title_left = page.locator("#lesson-title").bounding_box()["x"]
    assert abs(crumbs_left - title_left) < 2, (crumbs_left, title_left)
    # The outline stays in view beside the lesson while the learner scrolls.
    page.mouse.wheel(0, 1500)
    wait_until(page, "window.scrollY > 1000")
    box = outline.bounding_box()
    assert box["y"] >= 0 and box["y"] < 100, box


def test_a_visitor_marking_complete_lands_on_the_confirmation(browser_page, demo_site):
    page = browser_page
    page.set_viewport_size(WIDE)
    first, second, *_ = first_module_lessons()
    page.goto(demo_site + second.url)
    page.get_by_role("button", name="Mark as complete").click()
    wait_until(page, "document.activeElement && document.activeElement.id === 'completion-status'")
    assert "saved in this browser" in page.locator("#completion-status").inner_text()
    # The outline shows it at once, and on the next visit (from the browser's own store).
    item = page.locator(".lesson-outline .lesson-item").nth(1)
    assert "lesson-item--done" in item.get_attribute("class")
    page.goto(demo_site + first.url)
    item = page.locator(".lesson-outline .lesson-item").nth(1)
    wait_until(page, "!!document.querySelectorAll('.lesson-outline .lesson-item--done').length")
    assert "Done" in item.inner_text()
    assert page.context.cookies() == []  # a visitor's page sets no cookie


def test_on_a_phone_the_outline_is_closed_and_opens_by_keyboard(browser_page, demo_site):
    page = browser_page
    page.set_viewport_size(PHONE)
    second = first_module_lessons()[1]
    page.goto(demo_site + second.url)
    details = page.locator(".lesson-outline details")
    assert details.count() == 1
    assert details.get_attribute("open") is None
    assert not page.locator(".lesson-outline__list").is_visible()
    summary = details.locator("summary")
    assert "Lesson 2 of 4" in summary.text_content()
    summary.focus()
    page.keyboard.press("Enter")
    assert details.get_attribute("open") is not None
    assert page.locator(".lesson-outline__list").is_visible()
    assert page.locator(".lesson-outline [aria-current=page]").is_visible()
    # The outline comes before the lesson, and the lesson is not pushed off the first screen
    # while it is closed.
    page.keyboard.press("Enter")
    assert details.get_attribute("open") is None
    assert page.locator("#lesson-title").bounding_box()["y"] < PHONE["height"]


def test_on_a_phone_the_transcript_flows_with_the_page(browser_page, demo_site):
    page = browser_page
    page.set_viewport_size(PHONE)
    lessons = english(LessonPage.objects).select_related("media")
    video = next(lesson for lesson in lessons if lesson.kind == LessonKind.VIDEO)
    page.goto(demo_site + video.url)
    boxes = page.locator(".transcript__text:visible")
    assert boxes.count() >= 1
    for index in range(boxes.count()):
        nested = boxes.nth(index).evaluate(
            "box => box.scrollHeight > box.clientHeight + 1 &&"
            " ['auto', 'scroll'].includes(getComputedStyle(box).overflowY)"
        )
        assert not nested, "the transcript scrolls in a box of its own on a phone"
    # On a wide screen it keeps its own box beside the player.
    page.set_viewport_size(WIDE)
    overflow = boxes.first.evaluate("box => getComputedStyle(box).overflowY")
    assert overflow == "auto"


def test_no_two_regions_share_the_name_transcript(browser_page, demo_site):
    page = browser_page
    lessons = english(LessonPage.objects).select_related("media")
    for lesson in lessons:
        page.goto(demo_site + lesson.url)
        seen = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                'section[aria-labelledby], section[aria-label], [role=region]'
            )).map(element => element.getAttribute('aria-label') ||
                element.getAttribute('aria-labelledby').split(/\\s+/)
                    .map(id => document.getElementById(id).textContent.trim()).join(' '))"""
        )
        assert seen.count("Transcript") <= 1, (lesson.url, seen)
        duplicates = {name for name in seen if seen.count(name) > 1}
        assert not duplicates, (lesson.url, duplicates)


# HTML's machine-readable dates, times and durations (the forms used for <time datetime>).
DATE = r"\d{4}-\d{2}-\d{2}"
TIME = r"\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?"
ZONE = r"(?:Z|[+-]\d{2}:?\d{2})"
VALID_DATETIME = [
    re.compile(rf"^{DATE}$"),
    re.compile(rf"^{DATE}[T ]{TIME}{ZONE}?$"),
    re.compile(r"^P(?=.)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,3})?S)?)?$"),
]


def test_every_time_on_the_pages_that_show_times_is_machine_readable(browser_page, live_server):
    seed_site()  # the course with its events and library
    demo_site = live_server.url
    page = browser_page
    learner = make_learner()
    lessons = list(english(LessonPage.objects).select_related("media"))
    for lesson in lessons[:3]:
        lesson_progress_complete(user=learner, lesson=lesson)
    event = english(EventPage.objects).first()
    pages = {
        "video lesson": next(item for item in lessons if item.kind == LessonKind.VIDEO).url,
        "written lesson": next(item for item in lessons if item.kind == LessonKind.WRITTEN).url,
        "module": english(ModulePage.objects).first().url,
        "event": event.url,
        "events": event.get_parent().url,
        "search": reverse("search") + "?q=city",
        "search (events)": reverse("search") + "?q=" + event.title.split()[0],
    }
    checked = 0
    for signed_in in (False, True):
        if signed_in:
            sign_in(page, demo_site, learner)
            pages["dashboard"] = reverse("dashboard")
        for name, url in pages.items():
            page.goto(demo_site + url)
            values = page.locator("time").evaluate_all(
                "times => times.map(t => t.getAttribute('datetime'))"
            )
            for value in values:
                assert value is not None, (name, "a <time> without datetime")
                valid = any(pattern.match(value) for pattern in VALID_DATETIME)
                assert valid, (name, value)
                checked += 1
    assert checked >= 4  # lesson lengths, event times and the dashboard's activity at least
