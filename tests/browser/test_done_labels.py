"""At a laptop's width, signed in: every lesson's state ("Done") is shown whole on the module
pages, which list the lessons, and each module card's progress on the course home fits its card."""

import pytest
from django.utils import timezone

from courses.services.progress import lesson_progress_complete
from modules.models import LessonPage
from modules.seed import seed_demo
from tests.factories import make_learner

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-passphrase"


def test_done_labels_fit_inside_the_module_cards_at_1280_px(browser_page, live_server):
    seed_demo()
    learner = make_learner("kaisa@example.org", PASSWORD)
    lessons = LessonPage.objects.live().filter(locale__language_code="en").order_by("path")
    for lesson in lessons[:6]:
        lesson_progress_complete(user=learner, lesson=lesson, now=timezone.now())
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "kaisa@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/dashboard/**")

    page.goto("/")
    # The home's cards show progress per module, the text whole inside the card.
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.module-card .progress-bar__text')].map((text) => {
            const card = text.closest('.module-card').getBoundingClientRect();
            const box = text.getBoundingClientRect();
            return [box.left, box.right, card.left, card.right];
        })"""
    )
    assert len(boxes) == 8
    for left, right, card_left, card_right in boxes:
        assert card_left <= left and right <= card_right - 1, (left, right, card_left, card_right)

    modules = {lesson.get_parent().specific.url for lesson in lessons[:6]}
    labels = 0
    for url in sorted(modules):
        page.goto(url)
        boxes = page.evaluate(
            """() => [...document.querySelectorAll(
                '.lesson-item--done .lesson-item__status')].map((label) => {
                const list = label.closest('.lesson-list').getBoundingClientRect();
                const box = label.getBoundingClientRect();
                return [label.textContent.trim(), box.left, box.right, list.left, list.right];
            })"""
        )
        for text, left, right, list_left, list_right in boxes:
            assert text == "Done"
            assert list_left <= left and right <= list_right - 1, (left, right, list_right)
        labels += len(boxes)
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll('.lesson-item')].filter(
                (item) => item.getBoundingClientRect().right
                    > item.parentElement.getBoundingClientRect().right + 0.5).length"""
        )
        assert overflowing == 0
    assert labels == 6
