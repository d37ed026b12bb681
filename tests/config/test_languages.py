"""The language in the address, the switcher, hreflang and canonical links, `lang` that tells the
truth, and where an English address sends a reader who prefers another language."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from modules.models import LessonPage, ModulePage
from tests.events.factories import make_event, make_event_index
from tests.factories import (
    extend_course,
    make_course,
    make_learner,
    sync_language_trees,
    translate_page,
)
from tests.library.factories import make_library, make_resource

pytestmark = pytest.mark.django_db

SWEDISH_BROWSER = "sv-SE,sv;q=0.9,en;q=0.5"


@pytest.fixture
def site():
    """A course with a module of lessons, events and a library; the course home, module 1 and
    its first lesson translated into Swedish, everything else aliased in every language."""
    course = make_course()
    extend_course(course, modules=2, lessons_per_module=2)
    module = ModulePage.objects.get(slug="module-1")
    lesson = LessonPage.objects.get(slug="lesson-1-0")
    index = make_event_index(course)
    event = make_event(index, capacity=5)
    library = make_library(course)
    resource = make_resource(library, "open-data-guide")
    sv = {
        "course": translate_page(course, "sv", title="Smarta städer för tjänstepersoner"),
        "module": translate_page(module, "sv", title="Vad är en smart stad till för?"),
        "lesson": translate_page(lesson, "sv", title="Vems smarta stad?", intro="Om makt."),
    }
    sync_language_trees(("sv", "fi"))
    en = {
        "course": course,
        "module": module,
        "lesson": lesson,
        "other lesson": LessonPage.objects.get(slug="lesson-2-1", locale__language_code="en"),
        "event index": index,
        "event": event,
        "library": library,
        "resource": resource,
    }
    return en, sv


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def switcher_links(response) -> dict[str, str]:
    nav = re.search(
        r'<details class="header-disclosure language-switcher">.*?</details>',
        response.content.decode(),
        re.S,
    ).group(0)
    return {
        code: href.replace("&amp;", "&")
        for href, code in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)
    }


def follow_switch(client, url: str):
    """What a click on a switcher link does: remember the choice, then show the page."""
    response = client.get(url)
    assert response.status_code == 302, url
    return client.get(response["Location"])


def test_the_switcher_leads_to_the_same_page_in_each_language(client, site):
    en, sv = site
    for kind in en:
        switch_and_back(client, en[kind], sv.get(kind))


def switch_and_back(client, page, swedish_page):
    response = client.get(page.url)
    assert response.status_code == 200
    links = switcher_links(response)
    assert set(links) == {"en", "sv", "fi", "nb", "da"}

    swedish = follow_switch(client, links["sv"])
    assert swedish.status_code == 200
    assert swedish.wsgi_request.path.startswith("/sv/")
    if swedish_page is not None:
        assert html_lang(swedish) == "sv"
        assert swedish_page.title in swedish.content.decode()
        assert "language-notice" not in swedish.content.decode()
    else:  # not translated: the English page, said to be English, with a Swedish notice
        assert html_lang(swedish) == "en"
        assert page.title in swedish.content.decode()
        assert re.search(r'<p class="wrap language-notice" lang="sv">', swedish.content.decode())

    # and back to English, from the Swedish page's own switcher
    english = follow_switch(client, switcher_links(swedish)["en"])
    assert english.status_code == 200
    assert english.wsgi_request.path == page.url
    assert html_lang(english) == "en"


def test_views_outside_the_page_tree_switch_language_too(client):
    make_course()
    for name in ["search", "expert_list", "theme_list", "account_login", "privacy"]:
        response = client.get(reverse(name))
        links = switcher_links(response)
        finnish = follow_switch(client, links["fi"])
        assert finnish.status_code == 200
        assert finnish.wsgi_request.path.startswith("/fi/"), name
        assert html_lang(finnish) == "fi"
        assert "language-notice" not in finnish.content.decode()


def test_lang_tells_the_truth_on_a_page_in_two_languages(client, site):
    en, sv = site
    body = client.get(sv["module"].url).content.decode()
    assert '<html lang="sv">' in body
    # the translated lesson is listed as Swedish, the one not yet translated as English
    assert re.search(r'lang="sv">Vems smarta stad\?</span>', body)
    assert re.search(r'lang="en">Lesson 1 1</span>', body)
    # an English page shown at a Swedish address: the page is English, the site's words Swedish
    body = client.get("/sv/module-2/").content.decode()
    assert '<html lang="en">' in body
    assert '<header class="site-header" lang="sv">' in body
    assert '<footer class="site-footer" lang="sv">' in body


def test_hreflang_names_only_real_translations_and_the_canonical_is_the_original(client, site):
    en, sv = site
    body = client.get(sv["lesson"].url).content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', body))
    assert alternates == {
        "en": "http://testserver" + en["lesson"].url,
        "x-default": "http://testserver" + en["lesson"].url,
        "sv": "http://testserver" + sv["lesson"].url,
    }
    assert f'<link rel="canonical" href="http://testserver{sv["lesson"].url}">' in body
    # an untranslated page's copies all point at the English original
    body = client.get("/fi" + en["lesson"].url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{en["lesson"].url}">' in body


def test_a_first_visit_follows_the_browser_and_later_the_readers_choice(site):
    client = Client(HTTP_ACCEPT_LANGUAGE=SWEDISH_BROWSER)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/sv/"
    assert "Accept-Language" in response["Vary"]
    assert client.get("/sv/").status_code == 200

    # the reader chooses English with the switcher: English addresses stay English from then on
    english = follow_switch(client, switcher_links(client.get("/sv/"))["en"])
    assert english.wsgi_request.path == "/"
    assert client.cookies["django_language"].value == "en"
    assert client.get("/module-1/").status_code == 200

    # a Swedish address is never redirected, whatever the choice
    assert client.get("/sv/module-1/").status_code == 200


def test_a_learners_profile_language_wins_over_the_browser(db):
    extend_course(make_course(), modules=1, lessons_per_module=1)
    learner = make_learner(language="fi")
    client = Client(HTTP_ACCEPT_LANGUAGE=SWEDISH_BROWSER)
    client.force_login(learner)
    response = client.get("/module-1/")
    assert response.status_code == 302
    assert response["Location"] == "/fi/module-1/"


def test_saving_the_profile_language_switches_the_site(db):
    make_course()
    learner = make_learner(language="en")
    client = Client()
    client.force_login(learner)
    form = {
        "display_name": "Kim",
        "organisation": "",
        "role": "",
        "country": "",
        "timezone": "Europe/Helsinki",
        "language": "fi",
    }
    response = client.post("/accounts/profile/", form)
    assert response.status_code == 302
    assert response["Location"] == "/fi/accounts/profile/"
    assert client.cookies["django_language"].value == "fi"
    assert client.get("/").status_code == 302


def test_a_switch_to_an_unknown_language_changes_nothing(client):
    make_course()
    for junk in ["xx", "", "../../etc", "sv\x00", "e" * 500]:
        response = client.get("/privacy/", {"lang": junk})
        assert response.status_code == 302
        assert response["Location"] == "/privacy/"
        assert "django_language" not in response.cookies


def test_posts_and_addresses_without_a_language_are_never_redirected(db):
    make_course()
    client = Client(HTTP_ACCEPT_LANGUAGE=SWEDISH_BROWSER)
    assert client.get("/healthz").status_code == 200
    assert client.get("/admin/").status_code == 302  # to the sign-in, not to Swedish
    assert not client.get("/admin/")["Location"].startswith("/sv/admin")
    response = client.post("/accounts/login/", {"login": "x@example.org", "password": "x"})
    assert response.status_code == 200


def test_a_page_missing_from_a_language_tree_is_served_from_english(client, db):
    course = make_course()
    extend_course(course, modules=1, lessons_per_module=1)
    translate_page(course, "sv", title="Kursen")
    # module 1 was never synchronised into Swedish: its Swedish address shows the English page
    response = client.get("/sv/module-1/")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "language-notice" in response.content.decode()
    assert client.get("/sv/no-such-page/").status_code == 404


def test_locale_synchronisation_loads_before_its_locales(db):
    """A saved state of the database (a test database's, a fixture) may hold a language's
    "synchronise from English" row before the locales it names: loading it must not try to
    fill the tree then (wagtail-localize would, and fail)."""
    from django.core import serializers
    from django.db import connection
    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization

    others = Locale.objects.exclude(language_code="en")
    saved = serializers.serialize("json", [*LocaleSynchronization.objects.all(), *others])
    LocaleSynchronization.objects.all().delete()
    others.delete()
    with connection.constraint_checks_disabled():
        for row in serializers.deserialize("json", saved):
            row.save()
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == [
        "da",
        "en",
        "fi",
        "nb",
        "sv",
    ]
    assert LocaleSynchronization.objects.filter(sync_from__language_code="en").count() == 4


def test_a_file_at_an_english_address_is_never_redirected(db):
    """A calendar feed is the same file in every language: no redirect, and for a signed-in
    learner it stays cacheable (its answer never asks who they are)."""
    make_course()
    client = Client(HTTP_ACCEPT_LANGUAGE=SWEDISH_BROWSER)
    client.force_login(make_learner(language="fi"))
    response = client.get(reverse("events_calendar"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
