"""The sitemap and robots.txt: valid against the sitemap schema, every public page once at its
canonical address with its translations as alternates, nothing private, a fixed query count."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from wagtail.models import PageViewRestriction

from modules.models import LessonPage
from tests.factories import (
    ExpertFactory,
    extend_course,
    make_course,
    make_lesson,
    make_module,
    sync_language_trees,
    translate_page,
)

pytestmark = pytest.mark.django_db

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent.parent / "schemas" / "sitemap.xsd")))
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ORIGIN = "http://testserver"


def read_sitemap(client) -> dict[str, dict[str, str]]:
    """{address: {hreflang: address}} of a sitemap that the schema accepts."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    SCHEMA.assertValid(document)
    entries = {}
    for url in document.iterfind("s:url", NS):
        location = url.findtext("s:loc", namespaces=NS)
        assert location not in entries, f"{location} twice"
        entries[location] = {
            link.get("hreflang"): link.get("href")
            for link in url.iterfind("x:link", NS)
            if link.get("rel") == "alternate"
        }
    return entries


def test_every_public_page_once_and_nothing_private(client):
    course = make_course()
    module = make_module(course, 1)
    public = make_lesson(module, "public-lesson")
    private = make_lesson(module, "members-only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = make_lesson(module, "draft-lesson")
    draft.unpublish()
    expert = ExpertFactory()

    entries = read_sitemap(client)

    for page in (course, module, public):
        assert ORIGIN + page.url in entries
    assert ORIGIN + private.url not in entries
    assert ORIGIN + draft.url not in entries
    # The directory views are listed in every interface language.
    assert f"{ORIGIN}/experts/{expert.slug}/" in entries
    assert f"{ORIGIN}/sv/experts/{expert.slug}/" in entries
    assert f"{ORIGIN}/themes/" in entries
    assert not any(
        re.search(r"/(accounts|dashboard|search|progress|reminders|certificates)/", address)
        for address in entries
    )


def test_translations_are_alternates_and_untranslated_copies_are_left_out(client):
    course = make_course()
    module = make_module(course, 1)
    lesson = make_lesson(module, "lesson-1")
    untranslated = make_lesson(module, "lesson-2")
    swedish = translate_page(lesson, "sv", title="Lektion ett")
    sync_language_trees()

    entries = read_sitemap(client)

    english_url, swedish_url = ORIGIN + lesson.url, ORIGIN + swedish.url
    assert swedish_url.startswith(f"{ORIGIN}/sv/")
    assert entries[english_url]["sv"] == swedish_url
    assert entries[swedish_url]["en"] == english_url
    assert entries[swedish_url]["x-default"] == english_url
    assert set(entries[english_url]) == {"en", "sv", "x-default"}
    # The Swedish tree's copy of the untranslated lesson shows English: only the English address.
    assert ORIGIN + untranslated.url in entries
    swedish_copy = LessonPage.objects.get(
        translation_key=untranslated.translation_key, locale__language_code="sv"
    )
    assert ORIGIN + swedish_copy.url not in entries
    assert entries[ORIGIN + untranslated.url] == {}
    # The hreflang links on the page itself say the same as the sitemap.
    body = client.get(lesson.url).content.decode()
    on_page = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', body))
    assert on_page["sv"] == swedish_url


def sitemap_queries(client) -> int:
    client.get("/sitemap.xml")  # the locales and the site's root paths, read once and kept
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
    return len(queries)


def test_the_sitemap_costs_the_same_at_any_size(client):
    course = make_course()
    experts = [ExpertFactory(), ExpertFactory()]
    extend_course(course, modules=2, lessons_per_module=2, experts=experts)
    small = sitemap_queries(client)
    extend_course(course, modules=6, lessons_per_module=6, start=3, experts=experts)
    large = sitemap_queries(client)
    assert len(read_sitemap(client)) > 40
    assert small == large


def test_robots_txt_keeps_crawlers_out_of_personal_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/accounts/", "/dashboard/", "/sv/accounts/", "/da/search/"):
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    assert not any(line == "Disallow: /" for line in lines)


@pytest.mark.parametrize("path", ["/robots.txt", "/sitemap.xml"])
def test_the_same_for_everyone_and_cacheable(client, path):
    make_course()
    response = client.get(path)
    assert "Set-Cookie" not in response
    assert "Cookie" not in response.get("Vary", "")
    assert "public" in response["Cache-Control"]
