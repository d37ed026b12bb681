"""A learner in a real browser: sign up, verify, resume a lecture, complete a lesson, import."""

import re

import pytest
from django.core import mail

from courses.models import LessonProgress
from modules.kinds import LessonKind
from modules.models import LessonPage, ModulePage
from modules.seed import seed_demo
from tests.browser.support import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long and private passphrase"


@pytest.fixture
def demo_site(live_server):
    seed_demo()
    return live_server.url


def first_lesson_of_kind(kind: LessonKind) -> LessonPage:
    lessons = LessonPage.objects.live().select_related("media").order_by("path")
    return next(lesson for lesson in lessons if lesson.kind == kind)


def sign_up_and_verify(page, base, email):
    page.goto(base + "/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)[0]
    page.goto(link)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/dashboard/$"))


def play_for(page, seconds: float) -> float:
    wait_until(page, "document.querySelector('[data-lesson-media]').readyState >= 1")
    page.evaluate("document.querySelector('[data-lesson-media]').play()")
    wait_until(
        page,
        f"document.querySelector('[data-lesson-media]').currentTime > {seconds}",
        timeout=20000,
    )
    with page.expect_response(lambda r: "/report/" in r.url and r.status == 200):
        page.evaluate("document.querySelector('[data-lesson-media]').pause()")
    return page.evaluate("document.querySelector('[data-lesson-media]').currentTime")


def test_learner_signs_up_resumes_a_lecture_and_completes_a_lesson(browser_page, demo_site):
    page = browser_page
    sign_up_and_verify(page, demo_site, "official@example.org")

    video = first_lesson_of_kind(LessonKind.VIDEO)
    page.goto(demo_site + video.url)
    stopped_at = play_for(page, 3)
    assert LessonProgress.objects.get(lesson=video).position == pytest.approx(stopped_at, abs=0.5)

    page.reload()
    wait_until(page, "document.querySelector('[data-lesson-media]').currentTime > 2", timeout=10000)
    resumed_at = page.evaluate("document.querySelector('[data-lesson-media]').currentTime")
    assert resumed_at == pytest.approx(stopped_at, abs=1.0)

    written = first_lesson_of_kind(LessonKind.WRITTEN)
    module = ModulePage.objects.ancestor_of(written).get()
    total = LessonPage.objects.child_of(module).live().count()
    page.goto(demo_site + module.url)
    assert page.locator(".page-header .progress-bar__text").inner_text() == f"0 of {total} lessons"

    page.goto(demo_site + written.url)
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_selector("text=You have completed this lesson.")

    page.goto(demo_site + module.url)
    assert page.locator(".page-header .progress-bar__text").inner_text() == f"1 of {total} lessons"
    page.goto(demo_site + "/dashboard/")
    course_bar = page.locator(".dashboard-course .progress-bar__text").first.inner_text()
    assert course_bar.startswith("1 of ")
    assert written.title in page.locator(".recent-activity").inner_text()


def test_progress_made_without_an_account_is_offered_and_merged(browser_page, demo_site):
    page = browser_page
    written = first_lesson_of_kind(LessonKind.WRITTEN)
    page.goto(demo_site + written.url)
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_selector("text=saved in this browser")
    assert not LessonProgress.objects.exists()  # nothing about a visitor reaches the server

    audio = first_lesson_of_kind(LessonKind.AUDIO)
    page.goto(demo_site + audio.url)
    wait_until(page, "document.querySelector('audio').readyState >= 1")
    page.evaluate("document.querySelector('audio').play()")
    wait_until(page, "document.querySelector('audio').currentTime > 2.5", timeout=20000)
    page.evaluate("document.querySelector('audio').pause()")
    page.goto(demo_site + "/")
    card = page.locator(f'.module-card[data-module-lessons~="{written.pk}"]')
    assert "1 of " in card.locator("[data-local-progress]").inner_text()
    page.goto(demo_site + written.get_parent().url)
    assert (
        page.locator(f'.lesson-item[data-lesson-id="{written.pk}"]')
        .get_attribute("class")
        .endswith("lesson-item--done")
    )

    sign_up_and_verify(page, demo_site, "visitor@example.org")
    offer = page.locator(".import-offer")
    offer.wait_for()
    assert "2 lessons" in offer.inner_text()
    # The page reloads itself after the import: wait for that reload, so that the next
    # navigation does not race it (a goto cut short by the reload is ERR_ABORTED).
    with (
        page.expect_navigation(),
        page.expect_response(lambda r: r.url.endswith("/progress/import/") and r.status == 200),
    ):
        offer.get_by_role("button", name="Add it to my account").click()

    rows = {row.lesson_id: row for row in LessonProgress.objects.all()}
    assert rows[written.pk].completed_at is not None
    assert rows[audio.pk].position > 2
    page.goto(demo_site + "/dashboard/")
    assert "1 of " in page.locator(".dashboard-course .progress-bar__text").first.inner_text()
    assert page.locator(".import-offer").count() == 0
