"""A learner signs in through their municipality in a real browser, against a real OpenID
Connect provider (tests/sso/idp.py), and picks up the lecture where they left it."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from courses.services.progress import ProgressReport, enrolment_start, lesson_progress_record
from modules.kinds import LessonKind
from modules.models import CoursePage, LessonPage
from modules.seed import seed_demo
from tests import factories
from tests.browser.support import wait_until
from tests.sso.conftest import ACCOUNTS, add_provider, start_idp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MEDIA = "document.querySelector('[data-lesson-media]')"


@pytest.fixture
def demo_site(live_server):
    seed_demo()
    return live_server.url


@pytest.fixture
def idp(live_server):
    provider = start_idp([live_server.url])
    yield provider
    provider.stop()


def test_a_learner_signs_in_through_their_municipality_and_resumes_a_lecture(
    browser_page, demo_site, idp
):
    add_provider(idp.issuer)
    add_provider(idp.issuer, slug="mfa-city", name="City of Espoo", email_domains="espoo.example")
    # Anna signed in through Tampere before and stopped a lecture 4 seconds in.
    email = ACCOUNTS["anna"]["claims"]["email"]
    anna = factories.make_learner(email)
    SocialAccount.objects.create(user=anna, provider="tampere", uid="anna")
    lessons = LessonPage.objects.live().filter(locale__language_code="en").order_by("path")
    video = next(lesson for lesson in lessons if lesson.kind == LessonKind.VIDEO)
    enrolment_start(user=anna, course=CoursePage.objects.ancestor_of(video).get())
    lesson_progress_record(user=anna, lesson=video, report=ProgressReport(position=4, played=4))
    page = browser_page

    page.goto(demo_site + video.url)
    page.get_by_role("link", name="Log in").click()
    page.get_by_role("button", name="City of Tampere").click()

    page.wait_for_url(f"{idp.issuer}/**")
    page.fill("input[name=login]", "anna")
    page.fill("input[name=password]", "any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()  # the provider's consent

    page.wait_for_url(re.compile(r".*/dashboard/$"))
    assert page.get_by_role("button", name="Log out").is_visible()
    page.get_by_role("link", name=re.compile(rf"Continue: .*{re.escape(video.title)}")).click()
    page.wait_for_url(f"**{video.url}")
    wait_until(page, f"{MEDIA}.readyState >= 1 && {MEDIA}.currentTime > 3", timeout=10000)
    assert page.evaluate(f"{MEDIA}.currentTime") == pytest.approx(4, abs=1)
    assert EmailAddress.objects.filter(user=anna).count() == 1
    assert SocialAccount.objects.get().user == anna
