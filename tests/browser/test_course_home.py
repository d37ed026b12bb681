"""The course home as people see it on a laptop and a phone: short enough to take in (the
demo's eight modules as compact cards, not every lesson), each card leading to its module page,
and a signed-in learner's next lesson and progress in every module on the first screen."""

import re

import pytest
from django.utils import timezone

from courses.services.progress import enrolment_start, lesson_progress_complete
from modules.models import CoursePage, LessonPage, ModulePage
from modules.seed import seed_demo
from tests.factories import make_learner

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-passphrase"
# The whole page, header to footer, in CSS pixels.
LIMITS = {1280: 3000, 390: 6000}


def english(queryset):
    return queryset.live().filter(locale__language_code="en").order_by("path")


@pytest.fixture
def demo_site(live_server):
    seed_demo()
    return live_server.url


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/dashboard/$"))


def height(page) -> int:
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollHeight")


def learner_with_progress():
    """Kaisa has finished module 1 and the first lesson of module 2."""
    learner = make_learner("kaisa@example.org", PASSWORD)
    course = english(CoursePage.objects).first()
    enrolment_start(user=learner, course=course)
    first, second = english(ModulePage.objects)[:2]
    done = [*english(LessonPage.objects).child_of(first)]
    done.append(english(LessonPage.objects).child_of(second).first())
    for lesson in done:
        lesson_progress_complete(user=learner, lesson=lesson, now=timezone.now())
    return learner, first, second


def test_the_home_is_short_at_1280_and_390_px_signed_out_and_in(browser_page, demo_site):
    page = browser_page
    learner_with_progress()
    measured = {}
    for signed_in in (False, True):
        if signed_in:
            sign_in(page, "kaisa@example.org")
        for width, limit in LIMITS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.goto("/")
            measured[(signed_in, width)] = height(page)
            assert measured[(signed_in, width)] < limit, measured
            # All of it reachable: nothing sticks out sideways, and the last section is there.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert page.locator("#experts-heading").is_visible()
            assert page.locator(".module-card").count() == 8


def test_every_module_card_leads_to_its_module_page(browser_page, demo_site):
    page = browser_page
    page.goto("/")
    cards = page.locator(".module-card")
    modules = list(english(ModulePage.objects))
    assert cards.count() == len(modules) == 8
    assert page.locator(".module-card .lesson-item").count() == 0  # lessons: on module pages
    for index, module in enumerate(modules):
        card = cards.nth(index)
        link = card.locator(".module-card__title a")
        assert link.inner_text() == module.title
        assert link.get_attribute("href") == module.url
        assert f"Module {module.number}" in card.text_content()
        assert re.search(r"\d+ lessons? · \d+ min", card.inner_text())
        # A decorative illustration, the module's own.
        image = card.locator("img.module-card__image")
        assert image.get_attribute("alt") == ""
        assert image.get_attribute("src").endswith(f"module-{module.number}.svg")
    # The whole card is the link's target, and the module page lists the lessons.
    second = modules[1]
    cards.nth(1).click()  # in the middle of the card, on its summary
    page.wait_for_url(re.compile(re.escape(second.url) + "$"))
    assert page.locator("h1").inner_text() == second.title
    lessons = english(LessonPage.objects).child_of(second)
    assert page.locator(".lesson-item").count() == lessons.count()
    image = page.locator("img.module-aside__image")
    assert image.get_attribute("src").endswith(f"module-{second.number}.svg")


def test_a_learner_with_progress_sees_where_to_continue_and_each_modules_progress(
    browser_page, demo_site
):
    page = browser_page
    learner, first, second = learner_with_progress()
    next_lesson = english(LessonPage.objects).child_of(second)[1]
    sign_in(page, "kaisa@example.org")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/")

    hero = page.locator(".course-hero")
    total = english(LessonPage.objects).count()
    done = english(LessonPage.objects).child_of(first).count() + 1
    continue_link = hero.get_by_role("link", name=re.compile(r"^Continue"))
    assert continue_link.inner_text() == f"Continue: Module 2 · {next_lesson.title}"
    assert continue_link.get_attribute("href") == next_lesson.url
    assert continue_link.bounding_box()["y"] < 900  # on the first screen, even on a phone
    assert f"{done} of {total} lessons" in hero.inner_text()

    cards = page.locator(".module-card")
    for index, module in enumerate(english(ModulePage.objects)):
        count = english(LessonPage.objects).child_of(module).count()
        expected = {0: count, 1: 1}.get(index, 0)
        bar = cards.nth(index).locator(".progress-bar")
        assert bar.locator("progress").get_attribute("value") == str(expected)
        assert bar.locator("progress").get_attribute("aria-label") == (
            f"Progress in module {module.number}"
        )
        assert f"{expected} of {count} lesson" in bar.inner_text()

    continue_link.click()
    page.wait_for_url(re.compile(re.escape(next_lesson.url) + "$"))


def test_a_visitor_sees_their_browser_kept_progress_and_where_to_continue(browser_page, demo_site):
    page = browser_page
    first = english(ModulePage.objects).first()
    lessons = list(english(LessonPage.objects).child_of(first))
    page.goto(lessons[0].url)
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_selector("text=saved in this browser")

    page.goto("/")
    card = page.locator(".module-card").first
    local = card.locator("[data-local-progress]")
    local.wait_for()
    assert local.inner_text() == f"1 of {len(lessons)} done in this browser"
    assert page.locator(".module-card [data-local-progress]:visible").count() == 1
    start = page.locator("[data-local-continue]")
    assert start.inner_text() == f"Continue: {lessons[1].title}"
    assert start.get_attribute("href") == lessons[1].url
    assert not page.context.cookies()  # the visitor's home stays cookie-free
