"""A visitor's browser-kept progress is in their hands: they can see it and forget it."""

import pytest

from modules.kinds import LessonKind
from modules.models import LessonPage
from modules.seed import seed_demo
from tests.browser.support import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STORE = "window.localStorage.getItem('smartcities.progress.v1')"


@pytest.fixture
def demo_site(live_server):
    seed_demo()
    return live_server.url


def written_lesson() -> LessonPage:
    lessons = LessonPage.objects.live().select_related("media").order_by("path")
    return next(lesson for lesson in lessons if lesson.kind == LessonKind.WRITTEN)


@pytest.mark.parametrize("where", ["/privacy/", "/"])
def test_a_visitor_forgets_their_progress_on_this_device(browser_page, demo_site, where):
    page = browser_page
    lesson = written_lesson()
    page.goto(demo_site + lesson.url)
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_selector("text=saved in this browser")
    page.evaluate("window.localStorage.setItem('unrelated.key', 'kept')")  # another script's

    page.goto(demo_site + where)
    box = page.locator("[data-forget-progress]")
    assert box.locator("[data-forget-nojs]").is_hidden()
    assert "keeps your progress on one lesson" in box.inner_text()
    if where == "/":  # the lesson's module card counts it
        card = page.locator(f'.module-card[data-module-lessons~="{lesson.pk}"]')
        assert "1 of " in card.locator("[data-local-progress]").inner_text()

    forget = box.get_by_role("button", name="Forget my progress on this device")
    forget.focus()
    page.keyboard.press("Enter")  # a real button: the keyboard works
    confirm = box.get_by_role("button", name="Yes, forget it")
    assert confirm.is_visible()
    assert page.evaluate(STORE) is not None  # nothing is forgotten before they confirm
    confirm.click()
    wait_until(page, f"{STORE} === null")
    assert "Forgotten" in box.locator("[role=status]").inner_text()
    assert forget.is_disabled()

    page.reload()
    assert page.evaluate(STORE) is None
    assert page.evaluate("window.localStorage.getItem('unrelated.key')") == "kept"
    assert "keeps no course progress" in page.locator("[data-forget-progress]").inner_text()
    page.goto(demo_site + lesson.url)
    assert page.get_by_role("button", name="Mark as complete").is_visible()


def test_cancel_keeps_the_progress(browser_page, demo_site):
    page = browser_page
    page.goto(demo_site + written_lesson().url)
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_selector("text=saved in this browser")

    page.goto(demo_site + "/privacy/")
    page.get_by_role("button", name="Forget my progress on this device").click()
    page.get_by_role("button", name="Cancel").click()

    assert page.get_by_role("button", name="Yes, forget it").is_hidden()
    assert page.evaluate(STORE) is not None
    page.screenshot(path="test-results/privacy-top.png")
    page.locator("#privacy-browser").scroll_into_view_if_needed()
    page.screenshot(path="test-results/privacy-browser.png")
    page.goto(demo_site + "/")
    page.screenshot(path="test-results/course-home.png")
