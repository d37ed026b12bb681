"""A learner signs in through their municipality in a real browser, against a real OpenID
Connect provider (tests/sso/idp.py), and picks up the lecture where they left it."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_organisation_pages_are_accessible_and_valid(
    browser_page, live_server, scheme, tmp_path
):
    """The login page with organisations, the linked-organisations page, the page before a
    provider and the cancelled page: no WCAG 2.1 A/AA violation, and valid HTML."""
    from tests.browser.test_accessibility import check_pages, html_errors, sign_in

    add_provider("https://login.tampere.example")
    add_provider(
        "https://login.espoo.example", slug="espoo", name="City of Espoo", email_domains=""
    )
    page = browser_page
    page.emulate_media(color_scheme=scheme)
    base = live_server.url
    public = {
        "login": reverse("account_login"),
        "before the provider": reverse("organisation_login", args=["tampere"]),
        "cancelled": reverse("socialaccount_login_cancelled"),
    }
    violations, served = check_pages(page, base, public)
    learner = factories.make_learner()
    SocialAccount.objects.create(user=learner, provider="tampere", uid="abc")
    sign_in(page, base, learner)
    signed_in, served_signed_in = check_pages(
        page, base, {"linked organisations": reverse("socialaccount_connections")}
    )
    violations |= signed_in

    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)
    assert "City of Tampere" in served_signed_in["linked organisations"]
    if scheme == "light":
        errors = html_errors(served | served_signed_in, tmp_path)
        assert not errors, json.dumps(errors, indent=2, ensure_ascii=False)
