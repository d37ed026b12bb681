"""The site and the Wagtail admin work in a real browser under their Content-Security-Policy.

Each test listens for what the browser reports: `securitypolicyviolation` events (through a
listener added before any page script runs) and console errors, and records every request the
pages make. A policy that blocked a script, a style, a lecture or a caption track would show up
here, and so would a request to any host other than the site's own.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from courses.services.certificates import certificate_issue
from events.models import EventPage
from modules.kinds import LessonKind
from modules.management.commands.seed_demo import seed_site
from modules.models import CoursePage, LessonPage, ModulePage
from tests.browser.support import wait_until
from tests.factories import make_learner

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long and private passphrase"

LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolation([event.violatedDirective, event.blockedURI, event.sourceFile,
                           event.lineNumber, document.location.pathname].join(" "));
});
"""


@dataclass
class Watch:
    """What the browser reported while a test drove it."""

    origin: str
    violations: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests that left the site's origin (data: and blob: URLs never leave the page)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob")
            and f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != self.origin
        ]

    def csp_console_errors(self) -> list[str]:
        return [text for text in self.console_errors if "Content Security Policy" in text]

    def assert_clean(self) -> None:
        assert self.violations == [], "\n".join(self.violations)
        assert self.csp_console_errors() == []
        assert self.foreign_requests() == []


def watch(page, origin: str) -> Watch:
    seen = Watch(origin=origin)
    # A binding and an init script reach every frame and every page the context opens, and run
    # outside the page's policy, so the listener itself is never blocked.
    page.context.expose_binding("__cspViolation", lambda source, text: seen.violations.append(text))
    page.context.add_init_script(LISTEN)
    page.on("console", lambda m: m.type == "error" and seen.console_errors.append(m.text))
    page.context.on("request", lambda request: seen.requests.append(request.url))
    return seen


@pytest.fixture
def demo_site(live_server):
    seed_site()
    return live_server.url


def lesson_of_kind(kind: LessonKind) -> LessonPage:
    lessons = LessonPage.objects.live().select_related("media").order_by("path")
    return next(lesson for lesson in lessons if lesson.kind == kind)


def play(page, seconds: float = 1.0) -> None:
    media = "document.querySelector('[data-lesson-media]')"
    wait_until(page, f"{media}.readyState >= 1")
    page.evaluate(f"{media}.play()")
    wait_until(page, f"{media}.currentTime > {seconds}", timeout=20000)
    page.evaluate(f"{media}.pause()")


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/dashboard/$"))


def test_a_visitor_walks_the_public_site_with_no_violation(browser_page, demo_site):
    page = browser_page
    seen = watch(page, demo_site)

    page.goto("/")
    assert page.locator(".module-card").count() == 8
    page.goto(ModulePage.objects.live().order_by("path").first().url)
    assert page.locator(".lesson-item").count() >= 3

    video = lesson_of_kind(LessonKind.VIDEO)
    page.goto(video.url)
    play(page)
    assert (
        page.evaluate("document.querySelector('video').textTracks.length") >= 1
    )  # the caption track loaded from our origin
    audio = lesson_of_kind(LessonKind.AUDIO)
    page.goto(audio.url)
    play(page)
    written = lesson_of_kind(LessonKind.WRITTEN)
    page.goto(written.url)
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_selector("text=saved in this browser")  # progress.js ran

    page.goto("/")  # browser-kept progress shown on the course home's module card
    page.wait_for_selector(f'[data-module-lessons~="{written.pk}"] [data-local-progress]')
    page.goto(written.get_parent().url)  # and on the module page, with its check mark
    page.wait_for_selector(f'.lesson-item--done[data-lesson-id="{written.pk}"]')

    page.goto("/search/?q=city")
    assert page.locator(".search-result").count() >= 1
    page.goto("/events/")
    page.goto(EventPage.objects.live().first().url)
    for url in ("/library/", "/experts/", "/themes/", "/accounts/login/", "/accounts/signup/"):
        response = page.goto(url)
        assert response.ok, url
    assert page.goto("/no-such-page/").status == 404

    seen.assert_clean()
    assert any(url.endswith(".vtt") for url in seen.requests)
    assert any("/static/js/progress.js" in url for url in seen.requests)


def test_a_learner_journey_under_the_policy(browser_page, demo_site):
    page = browser_page
    learner = make_learner("official@example.org", PASSWORD)
    seen = watch(page, demo_site)

    # Browser-kept progress first, then signing in: the import offer is built by progress.js.
    written = lesson_of_kind(LessonKind.WRITTEN)
    page.goto(written.url)
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_selector("text=saved in this browser")
    sign_in(page, learner.email)
    offer = page.locator(".import-offer")
    offer.wait_for()
    # The page reloads itself after the import: wait for that reload, so that the next
    # navigation does not race it (a goto cut short by the reload is ERR_ABORTED).
    with (
        page.expect_navigation(),
        page.expect_response(lambda r: r.url.endswith("/progress/import/") and r.status == 200),
    ):
        offer.get_by_role("button", name="Add it to my account").click()

    video = lesson_of_kind(LessonKind.VIDEO)
    page.goto(video.url)
    with page.expect_response(lambda r: "/report/" in r.url and r.status == 200):
        play(page, 2.0)  # the pause sends a progress report, with the CSRF token
    audio = lesson_of_kind(LessonKind.AUDIO)
    page.goto(audio.url)
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_selector("text=You have completed this lesson.")

    page.goto("/dashboard/")
    assert page.locator(".dashboard-course").count() >= 1
    page.goto("/reminders/")
    page.goto("/accounts/profile/")

    certificate = certificate_issue(
        user=learner,
        course=CoursePage.objects.live().get(locale__language_code="en"),
        now=timezone.now(),
        learner_name="Ada Lovelace",
    )
    page.goto(f"/certificates/{certificate.code}/")
    # The print button is shown by certificate.js: proof that the nonce'd script ran.
    page.get_by_role("button", name="Print this page").wait_for()
    page.goto(f"/certificates/{certificate.code}/verify/")

    seen.assert_clean()


@pytest.fixture
def editor_page(browser_page, demo_site):
    """The browser page signed in as a superuser (the session set directly, as the login form
    is not what these tests are about)."""
    admin = make_learner("editor@example.org", PASSWORD, is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": demo_site}]
    )
    return browser_page


def test_the_admin_dashboard_and_page_editor_work_and_ask_no_other_host(editor_page, demo_site):
    page = editor_page
    seen = watch(page, demo_site)

    page.goto("/admin/")
    page.wait_for_selector("main")
    assert page.locator("img[src*='gravatar']").count() == 0

    lesson = lesson_of_kind(LessonKind.VIDEO)
    page.goto(f"/admin/pages/{lesson.pk}/edit/")
    title = page.locator("#id_title")
    title.fill("Who decides what a smart city measures?")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_selector(".messages .success, .messages [class*=success]")
    assert LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object().title == (
        "Who decides what a smart city measures?"
    )

    # The live preview: the page as the site renders it, in a same-origin iframe.
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe[src*='/edit/preview/']").last
    preview.locator("h1").filter(has_text="Who decides what a smart city measures?").wait_for()
    preview.locator("video").wait_for(state="attached")

    # Another admin page with rich widgets: the media and image listings.
    page.goto("/admin/media/")
    page.goto("/admin/images/")

    seen.assert_clean()


def test_an_editor_sees_the_userbar_on_a_public_page_with_no_violation(editor_page, demo_site):
    page = editor_page
    seen = watch(page, demo_site)
    page.goto(lesson_of_kind(LessonKind.WRITTEN).url)
    page.locator("wagtail-userbar").wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    seen.assert_clean()
