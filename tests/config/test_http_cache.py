"""Anonymous pages are the same for everyone and say so: no cookie, `public` with s-maxage,
validators and 304s; signed-in pages stay private (config/http_cache.py)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.cache import get_max_age

from modules.models import Theme
from tests.factories import ExpertFactory, make_course, make_learner, make_lesson, make_module

pytestmark = pytest.mark.django_db

PASSWORD = "a long and private passphrase"


@pytest.fixture
def lesson():
    course = make_course()
    module = make_module(course, 1)
    expert = ExpertFactory(name="Ada Lund")
    return make_lesson(module, "a-video-lesson", kind="video", experts=[expert])


@pytest.fixture
def learner():
    return make_learner("official@example.org", PASSWORD)


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def public_pages(lesson) -> list[str]:
    module = lesson.get_parent()
    expert = lesson.experts.first()
    return ["/", module.url, lesson.url, reverse("expert_detail", args=[expert.slug])]


def test_anonymous_course_module_and_lesson_pages_set_no_cookie_and_are_public(lesson):
    client = Client(enforce_csrf_checks=True)
    for url in public_pages(lesson):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} sets {list(response.cookies)}"
        assert "Set-Cookie" not in response.headers, url
        assert {"public", "max-age=60", "s-maxage=600"} <= directives(response), url
        assert response["ETag"].startswith('W/"'), url
        assert "Last-Modified" in response, url
    assert not client.cookies


def test_the_anonymous_lesson_offers_sign_in_instead_of_a_form_to_post(client, lesson):
    html = client.get(lesson.url).content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert 'method="post"' not in html
    login = reverse("account_login")
    assert f'action="{login}"' in html
    assert f'name="next" value="{lesson.url}"' in html
    assert "Mark as complete" in html


def test_the_same_page_gets_the_same_etag_though_each_response_has_its_own_nonce(client, lesson):
    first, second = client.get(lesson.url), client.get(lesson.url)
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]
    assert first["ETag"] == second["ETag"]


def test_if_none_match_is_answered_304_without_a_body_or_a_new_nonce(client, lesson):
    etag = client.get(lesson.url)["ETag"]
    response = client.get(lesson.url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in directives(response)
    # A browser merges a 304's headers into its kept copy: a new nonce would block its scripts.
    assert "Content-Security-Policy" not in response


def test_if_modified_since_at_last_modified_is_answered_304(client, lesson):
    last_modified = client.get(lesson.url)["Last-Modified"]
    response = client.get(lesson.url, headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_a_change_to_the_lesson_changes_its_etag_and_its_module_page(client, lesson):
    module = lesson.get_parent()
    lesson_etag = client.get(lesson.url)["ETag"]
    module_etag = client.get(module.url)["ETag"]
    lesson.title = "A retitled lesson"
    lesson.save_revision().publish()
    response = client.get(lesson.url, headers={"if-none-match": lesson_etag})
    assert response.status_code == 200
    assert "A retitled lesson" in response.content.decode()
    assert client.get(module.url, headers={"if-none-match": module_etag}).status_code == 200


def test_last_modified_moves_forward_when_any_page_is_published(client, lesson):
    module = lesson.get_parent()
    before = client.get(module.url)["Last-Modified"]
    make_lesson(module, "a-later-lesson")
    response = client.get(module.url, headers={"if-modified-since": before})
    # Publishing within the same second keeps the date: the ETag still tells them apart.
    assert response.status_code == 200 or response["Last-Modified"] == before
    assert "A later lesson" in client.get(module.url).content.decode()


def test_signed_in_pages_stay_private_and_unstored(lesson, learner):
    client = Client()
    assert client.login(email="official@example.org", password=PASSWORD)
    for url in public_pages(lesson):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= directives(response), url
        assert "public" not in directives(response), url
        assert "s-maxage=600" not in directives(response), url


def test_a_visitor_with_a_session_cookie_is_not_sent_a_public_page(client, lesson):
    client.cookies["sessionid"] = "not-a-session"
    response = client.get(lesson.url)
    assert "public" not in directives(response)


def test_a_response_that_sets_a_cookie_is_never_public(client, lesson):
    """Showing a notice deletes the notice cookie: that answer is this visitor's own."""
    client.post(f"/progress/lessons/{lesson.pk}/complete/")  # leaves "sign in" in a cookie
    assert "messages" in client.cookies
    response = client.get(lesson.url)
    assert "Sign in or create an account" in response.content.decode()
    assert "messages" in response.cookies
    assert "public" not in directives(response)


def test_search_and_account_pages_are_not_public(client, lesson):
    for url in (reverse("search") + "?q=lesson", reverse("account_login"), reverse("privacy")):
        response = client.get(url)
        assert "public" not in directives(response), url


def test_themes_and_experts_lists_are_public(client, lesson):
    Theme.objects.create(name="Mobility", slug="mobility")
    for url in (reverse("expert_list"), reverse("theme_list")):
        response = client.get(url)
        assert response.status_code == 200
        assert get_max_age(response) == 60
        assert not response.cookies


def test_a_page_not_found_is_not_public(client, lesson):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "public" not in directives(response)


def test_cache_lifetimes_come_from_settings(lesson, settings):
    settings.HTTP_CACHE_MAX_AGE = 5
    settings.HTTP_CACHE_S_MAXAGE = 3600
    response = Client().get(lesson.url)
    assert {"public", "max-age=5", "s-maxage=3600"} <= directives(response)
