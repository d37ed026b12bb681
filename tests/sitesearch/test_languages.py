"""Search in each language: a reader finds the pages of their language, matched with that
language's own dictionary (PostgreSQL's stemming), and the English page where their language has
none; never a page twice."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from modules.models import Expert
from sitesearch.languages import is_translatable
from tests.factories import ExpertFactory, ThemeFactory, make_course, make_lesson, make_module
from tests.sitesearch.test_search import titles

pytestmark = pytest.mark.django_db

stemming = pytest.mark.usefixtures("require_postgres")


def paragraph(text):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}])


def translate(page, language, *, publish=True, **fields):
    """The page copied into the language as an editor would, with its own text, published."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translation, name, value)
    revision = translation.save_revision()
    if publish:
        revision.publish()
    return translation


@pytest.fixture
def course():
    """A lesson in English, Swedish and Finnish, and a lesson in English only."""
    course = make_course()
    module = make_module(course, 1, title="Local democracy")
    lesson = make_lesson(
        module,
        "budgets",
        title="Budgets of municipalities",
        body=[
            {
                "type": "paragraph",
                "value": "<p>Anna Lindqvist shows how municipalities share budgets.</p>",
            }
        ],
    )
    make_lesson(
        module,
        "cycle-lanes",
        title="Cycle lanes",
        body=[{"type": "paragraph", "value": "<p>Painted lanes for cycles and scooters.</p>"}],
    )
    for language, module_title in (("sv", "Lokal demokrati"), ("fi", "Paikallinen demokratia")):
        translate(course, language, title=course.title)
        translate(module, language, title=module_title)
    translate(
        lesson,
        "sv",
        title="Kommunernas budgetar",
        intro="Hur kommunerna visar budgeten för invånarna i staden.",
        body=paragraph("Anna Lindqvist berättar om öppna budgetar."),
    )
    translate(
        lesson,
        "fi",
        title="Kuntien budjetit",
        intro="Miten kunnat kertovat budjetit asukkaiden ymmärtämällä tavalla.",
        body=paragraph("Anna Lindqvist kertoo avoimista budjeteista."),
    )
    return course


def search(client, prefix="", **params):
    response = client.get(f"{prefix}/search/", params)
    assert response.status_code == 200
    return response


def urls(response):
    return [hit.url for hit in response.context["results"]]


@stemming
@pytest.mark.parametrize("query", ["kommun", "stad", "invånare", "kommun stad"])
def test_a_swedish_query_finds_the_swedish_lesson_by_an_inflected_word(client, course, query):
    response = search(client, "/sv", q=query)
    assert titles(response) == ["Kommunernas budgetar"]
    assert urls(response) == ["/sv/module-1/budgets/"]


@stemming
def test_the_swedish_lesson_is_not_found_in_english(client, course):
    assert titles(search(client, q="kommun")) == []
    assert titles(search(client, q="kommunerna")) == []
    # An English reader gets English pages only, though the translations share the word.
    assert titles(search(client, q="Lindqvist")) == ["Budgets of municipalities"]
    assert urls(search(client, q="Lindqvist")) == ["/module-1/budgets/"]


@stemming
@pytest.mark.parametrize("query", ["budjetti", "asukkaat", "kunnissa"])
def test_a_finnish_query_finds_the_finnish_lesson_by_an_inflected_word(client, course, query):
    response = search(client, "/fi", q=query)
    assert titles(response) == ["Kuntien budjetit"]
    assert urls(response) == ["/fi/module-1/budgets/"]
    assert titles(search(client, "/sv", q=query)) == []


def test_a_lesson_not_translated_is_found_in_english_from_another_language(client, course):
    response = search(client, "/sv", q="scooters")
    assert titles(response) == ["Cycle lanes"]
    assert urls(response) == ["/module-1/cycle-lanes/"]


def test_a_translated_lesson_is_found_once_in_the_readers_language(client, course):
    for prefix, title in (("/sv", "Kommunernas budgetar"), ("/fi", "Kuntien budjetit")):
        assert titles(search(client, prefix, q="Lindqvist")) == [title]
    # The English text of a translated lesson is not searched from another language.
    assert titles(search(client, "/sv", q="municipalities share")) == []


@stemming
def test_an_alias_is_found_in_its_english_words_at_its_own_address(client, course):
    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="sv"))
    # "cycle" finds "cycles" through English stemming: an alias shows English content.
    response = search(client, "/sv", q="cycle scooter")
    assert titles(response) == ["Cycle lanes"]
    assert urls(response) == ["/sv/module-1/cycle-lanes/"]
    assert titles(search(client, "/sv", q="Lindqvist")) == ["Kommunernas budgetar"]


def test_a_translation_not_yet_published_leaves_the_english_page_found(client, course):
    cycle_lanes = course.get_descendants().get(slug="cycle-lanes").specific
    translate(cycle_lanes, "sv", publish=False, title="Cykelbanor")
    response = search(client, "/sv", q="scooters")
    assert urls(response) == ["/module-1/cycle-lanes/"]


@stemming
def test_the_index_rebuilt_keeps_each_language_s_dictionary(client, course):
    call_command("update_index", verbosity=0)
    assert titles(search(client, "/sv", q="kommun")) == ["Kommunernas budgetar"]
    assert titles(search(client, "/fi", q="budjetti")) == ["Kuntien budjetit"]
    assert titles(search(client, "/sv", q="scooters")) == ["Cycle lanes"]


def test_experts_are_found_from_every_language(client, course):
    ExpertFactory(name="Anna Lindqvist", slug="anna-lindqvist")
    response = search(client, "/sv", q="Lindqvist", kind="expert")
    assert titles(response) == ["Anna Lindqvist"]


@stemming
def test_every_site_language_has_a_postgresql_dictionary(settings):
    from sitesearch.languages import DICTIONARIES

    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        installed = {name for (name,) in cursor.fetchall()}
    for code, _name in settings.LANGUAGES:
        assert DICTIONARIES[code] in installed


def test_a_swedish_search_makes_the_same_number_of_queries_whatever_the_content(client, course):
    def count():
        search(client, "/sv", q="Lindqvist")  # warm caches
        with CaptureQueriesContext(connection) as queries:
            search(client, "/sv", q="Lindqvist")
        return len(queries)

    small = count()
    module = course.get_children().get(slug="module-1").specific
    for number in range(8):
        lesson = make_lesson(
            module,
            f"story-{number}",
            kind=["video", "audio", "written"][number % 3],
            title=f"Lindqvist's story {number}",
        )
        if number % 2:
            translate(lesson, "sv", title=f"Berättelse {number}, av Lindqvist")
    large = count()
    assert len(titles(search(client, "/sv", q="Lindqvist"))) == 9
    assert large == small, f"{small} queries with 1 result, {large} with 9"


def test_a_theme_filters_the_search_in_another_language(client, course):
    governance = ThemeFactory(name="Governance", slug="governance")
    cycle_lanes = course.get_descendants().get(slug="cycle-lanes").specific
    cycle_lanes.themes = [governance]
    cycle_lanes.save_revision().publish()
    response = search(client, "/sv", q="scooters", theme="governance")
    assert titles(response) == ["Cycle lanes"]
    assert response.context["outcome"].theme == governance
    assert titles(search(client, "/sv", q="Lindqvist", theme="governance")) == []


@pytest.mark.skipif(not is_translatable(Expert), reason="experts have no languages yet")
def test_an_expert_is_found_in_the_readers_language_only(client, course):
    expert = ExpertFactory(name="Anna Lindqvist", slug="anna-lindqvist", biography="Budgets.")
    swedish = expert.copy_for_translation(Locale.objects.get(language_code="sv"))
    swedish.role = "Forskare"
    swedish.biography = "Forskar om kommunernas budgetar."
    swedish.save()
    lesson = course.get_descendants().get(slug="cycle-lanes").specific
    governance = ThemeFactory(name="Governance", slug="governance")
    lesson.themes = [governance]
    lesson.experts = [expert]
    lesson.save_revision().publish()

    response = search(client, "/sv", q="Lindqvist", kind="expert")
    assert [hit.summary for hit in response.context["results"]] == [swedish.affiliation]
    assert response.context["results"][0].url.startswith("/sv/")
    # Her Swedish biography is matched with Swedish stemming.
    assert titles(search(client, "/sv", q="kommun", kind="expert")) == ["Anna Lindqvist"]
    response = search(client, "/sv", q="Lindqvist", kind="expert", theme="governance")
    assert titles(response) == ["Anna Lindqvist"]
    assert titles(search(client, q="Lindqvist", kind="expert")) == ["Anna Lindqvist"]
    assert titles(search(client, "/fi", q="Lindqvist", kind="expert")) == ["Anna Lindqvist"]
