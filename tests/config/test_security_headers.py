"""Security headers: the CSP with its per-request nonce, the admin's own policy, and the rest.

What the HTTP Observatory checks, asserted on the responses themselves: a Content-Security-Policy
without 'unsafe-inline' or 'unsafe-eval' for scripts and with frame-ancestors, Permissions-Policy,
Cross-Origin-Resource-Policy and -Opener-Policy, Referrer-Policy, nosniff, HttpOnly and SameSite
cookies, and nothing personal kept in a cache once a signed-in user has seen it.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from courses.services.certificates import certificate_issue
from tests.factories import make_course, make_learner, make_lesson, make_module

pytestmark = pytest.mark.django_db

PASSWORD = "a long and private passphrase"
SCRIPT_NONCE = re.compile(r'<script\b[^>]*\bnonce="([^"]*)"')


def policy(response, header="Content-Security-Policy") -> dict[str, list[str]]:
    """The response's CSP as {directive: [sources]}."""
    assert header in response.headers, f"no {header} on {response.wsgi_request.path}"
    directives = {}
    for part in response.headers[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def nonce_of(response) -> str:
    [nonce] = [
        source[len("'nonce-") : -1]
        for source in policy(response)["script-src"]
        if source.startswith("'nonce-")
    ]
    return nonce


@pytest.fixture
def lesson():
    course = make_course()
    module = make_module(course, 1)
    return make_lesson(module, "a-written-lesson")


@pytest.fixture
def learner():
    return make_learner("official@example.org", PASSWORD)


# --- the site's policy ----------------------------------------------------------------------------


def test_site_policy_allows_only_our_origin_and_no_inline_script_or_style(client, lesson):
    csp = policy(client.get(lesson.url))
    assert csp["default-src"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    for directive in ("style-src", "img-src", "media-src", "connect-src", "font-src"):
        assert csp[directive] == ["'self'"], directive
    assert csp["script-src"][0] == "'self'"
    assert len(csp["script-src"]) == 2 and csp["script-src"][1].startswith("'nonce-")
    for sources in csp.values():
        assert "'unsafe-inline'" not in sources
        assert "'unsafe-eval'" not in sources
        assert "data:" not in sources and "*" not in sources


def test_each_request_gets_its_own_nonce_and_every_script_carries_it(client, lesson):
    first, second = client.get(lesson.url), client.get(lesson.url)
    assert nonce_of(first) != nonce_of(second)
    for response in (first, second):
        html = response.content.decode()
        scripts = re.findall(r"<script\b", html)
        assert scripts, "the lesson page loads progress.js"
        assert SCRIPT_NONCE.findall(html) == [nonce_of(response)] * len(scripts)
        assert len(nonce_of(response)) >= 22  # 128 random bits, base64


@pytest.mark.parametrize(
    "url",
    ["/", "/search/?q=city", "/accounts/login/", "/accounts/signup/", "/no-such-page/"],
)
def test_every_public_page_has_the_strict_policy(client, lesson, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert policy(response)["default-src"] == ["'none'"]


def test_learner_pages_have_the_strict_policy_with_a_nonce_on_their_scripts(client, learner):
    course = make_course()
    certificate = certificate_issue(
        user=learner, course=course, now=timezone.now(), learner_name="Ada Lovelace"
    )
    client.force_login(learner)
    for url in (reverse("dashboard"), reverse("certificate_detail", args=[certificate.code])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
        html = response.content.decode()
        assert SCRIPT_NONCE.findall(html) == [nonce_of(response)] * html.count("<script")


def test_no_template_has_inline_script_style_or_event_handler():
    """The policy has no 'unsafe-inline', so any of these would be blocked in the browser.

    A JSON data block (`<script type="application/ld+json">`) is never run as script; it is
    allowed, and carries the nonce all the same."""
    from django.conf import settings

    inline = re.compile(
        r'<script(?![^>]*\b(?:src=|type="application/(?:ld\+)?json"))[^>]*>'
        r"|<style\b|\sstyle=|\son[a-z]+\s*=",
        re.IGNORECASE,
    )
    templates = settings.BASE_DIR / "templates"
    offenders = [
        f"{path.relative_to(templates)}: {match.group(0)}"
        for path in templates.rglob("*.html")
        if path.parent.name != "email"  # emails are read in mail clients, not under our CSP
        for match in inline.finditer(path.read_text())
    ]
    assert offenders == []


def test_the_error_page_is_styled_by_a_stylesheet_not_inline():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "style=" not in html and "<style" not in html
    assert 'rel="stylesheet"' in html


# --- the admin's policy ---------------------------------------------------------------------------


def test_admin_has_its_own_policy_that_keeps_everything_on_our_origin(client):
    admin = get_user_model().objects.create_superuser(email="editor@example.org", password=PASSWORD)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = policy(response)
    # Wagtail's editor writes inline scripts and styles, but never needs eval.
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["frame-src"] == ["'self'"]  # the live preview
    # A nonce would make the browser ignore 'unsafe-inline', and break the editor.
    assert not any(source.startswith("'nonce-") for sources in csp.values() for source in sources)


def test_admin_login_page_is_under_the_admin_policy_and_the_site_is_not(client, lesson):
    admin_csp = policy(client.get("/admin/login/"))
    site_csp = policy(client.get(lesson.url))
    assert "'unsafe-inline'" in admin_csp["style-src"]
    assert "'unsafe-inline'" not in site_csp["style-src"]


# --- the other headers ----------------------------------------------------------------------------


def test_permissions_policy_denies_powerful_features_and_keeps_fullscreen_for_players(
    client, lesson
):
    header = client.get(lesson.url).headers["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in header.split(","))
    for denied in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[denied] == "()", denied
    assert features["fullscreen"] == "(self)"
    assert features["autoplay"] == "(self)"


def test_cross_origin_isolation_headers_and_the_classics(client, lesson):
    response = client.get(lesson.url)
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_session_and_csrf_cookies_are_samesite_and_the_session_cookie_httponly(client, learner):
    client.get("/accounts/login/")
    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["samesite"] == "Lax"


# --- nothing personal in a cache ------------------------------------------------------------------


def no_store(response) -> bool:
    directives = {d.strip() for d in response.headers.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_signed_in_pages_are_private_and_not_stored(client, learner, lesson):
    course = lesson.get_parent().get_parent()
    certificate = certificate_issue(
        user=learner, course=course.specific, now=timezone.now(), learner_name="Ada Lovelace"
    )
    client.force_login(learner)
    for url in (
        "/",
        lesson.url,
        reverse("dashboard"),
        reverse("reminder_settings"),
        reverse("certificate_detail", args=[certificate.code]),
        "/search/?q=city",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url


def test_signed_in_downloads_are_not_stored_and_still_download(client, learner, lesson):
    course = lesson.get_parent().get_parent().specific
    certificate = certificate_issue(
        user=learner, course=course, now=timezone.now(), learner_name="Ada Lovelace"
    )
    client.force_login(learner)
    response = client.get(reverse("certificate_pdf", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content if response.streaming else [response.content])[
        :5
    ] == (b"%PDF-")
    assert no_store(response)


def test_the_login_answer_itself_is_not_stored(client, learner):
    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert no_store(response)


def test_anonymous_pages_stay_cacheable(client, lesson):
    for url in ("/", lesson.url, "/search/?q=city"):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" not in response.headers.get("Cache-Control", ""), url
        assert "private" not in response.headers.get("Cache-Control", ""), url


@override_settings(DEBUG=False)
def test_static_and_media_files_stay_cacheable_for_a_signed_in_learner(client, learner, lesson):
    video = make_lesson(lesson.get_parent(), "a-video-lesson", kind="video")
    client.force_login(learner)
    response = client.get(video.media.file.url)
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"


# --- the admin asks nothing of other hosts --------------------------------------------------------


def test_admin_shows_no_gravatar_and_no_release_check(client):
    admin = get_user_model().objects.create_superuser(email="editor@example.org", password=PASSWORD)
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    assert 'data-controller="w-upgrade' not in html
    assert "w-whats-new" not in html


def test_a_public_file_that_does_not_depend_on_the_user_stays_cacheable_when_signed_in(
    client, learner
):
    """The upcoming-events calendar is the same for everyone: no reason to forbid caching."""
    client.force_login(learner)
    response = client.get(reverse("events_calendar"))
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "Cookie" not in response.headers.get("Vary", "")
