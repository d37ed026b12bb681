"""The signed-in course home at a laptop's width: every lesson's state ("Done") is shown whole
inside its module card, not cut off at the card's edge."""

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
    done = page.locator(".module-card .lesson-item--done .lesson-item__status")
    assert done.count() >= 6
    # Each label's box against its card's, as drawn: the card clips what overflows it.
    boxes = page.evaluate(
        """() => [...document.querySelectorAll(
            '.module-card .lesson-item--done .lesson-item__status')].map((label) => {
            const card = label.closest('.module-card').getBoundingClientRect();
            const box = label.getBoundingClientRect();
            return [label.textContent.trim(), box.left, box.right, card.left, card.right];
        })"""
    )
    for text, left, right, card_left, card_right in boxes:
        assert text == "Done"
        assert card_left <= left and right <= card_right - 1, (left, right, card_left, card_right)
    # Nor does any lesson row stick out of its list.
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('.module-card .lesson-item')].filter(
            (item) => item.getBoundingClientRect().right
                > item.parentElement.getBoundingClientRect().right + 0.5).length"""
    )
    assert overflowing == 0
