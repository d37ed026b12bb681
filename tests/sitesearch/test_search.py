"""One search across the site for visitors without an account: lessons (transcripts and
captions included), modules, events, resources and experts, by kind and by theme."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventPage
from library.models import ResourcePage
from tests.events.factories import make_event, make_event_index
from tests.factories import ExpertFactory, ThemeFactory, make_course, make_lesson, make_module
from tests.library.factories import make_library, make_private, make_resource

pytestmark = pytest.mark.django_db

LEDGER_VTT = (
    "WEBVTT\n\n"
    "00:00:00.000 --> 00:00:04.000\nWelcome to this lecture about listening.\n\n"
    "00:00:04.000 --> 00:00:09.500\nThe council installed sensors on every corner.\n\n"
    "00:00:09.500 --> 00:00:15.000\nResidents kept a streetlight camera ledger of their own.\n\n"
    "00:00:15.000 --> 00:00:21.000\nIt changed the debate in the council.\n"
)


@pytest.fixture
def site():
    """A small site with one thing of every kind, two of them about participatory budgets."""
    course = make_course()
    governance = ThemeFactory(name="Governance and participation", slug="governance")
    privacy = ThemeFactory(name="Data and privacy", slug="data-and-privacy")
    data_module = make_module(course, 1, title="Data and democracy")
    make_lesson(
        data_module,
        "listening-city",
        kind="audio",
        title="The listening city",
        transcript=(
            "Welcome to this lecture about listening.\n\nResidents kept a streetlight camera "
            "ledger of their own. It changed the debate in the council."
        ),
        vtt=LEDGER_VTT,
        themes=[privacy],
    )
    make_lesson(data_module, "open-budgets", title="Participatory budgets", themes=[governance])
    make_lesson(make_module(course, 2, title="Mobility"), "bus-lanes", kind="video")
    expert = ExpertFactory(
        name="Sofia Lindqvist",
        slug="sofia-lindqvist",
        biography="Studies participatory budgets in Nordic towns.",
    )
    events = make_event_index(course)
    make_event(
        events,
        "budget-workshop",
        title="Workshop: budgets with residents",
        summary="A hands-on workshop on participatory budgets.",
        themes=[governance],
        speakers=[expert],
    )
    library = make_library(course)
    make_resource(
        library,
        "budget-toolkit",
        title="A toolkit for participatory budgets",
        summary="Steps, templates and pitfalls for participatory budgets.",
        themes=[governance],
    )
    return {"course": course, "events": events, "library": library, "expert": expert}


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return [hit.title for hit in response.context["results"]]


def test_a_phrase_only_in_a_transcript_finds_its_lesson_at_the_moment_it_is_said(client, site):
    response = search(client, q="streetlight camera ledger")
    hits = list(response.context["results"])
    assert [hit.title for hit in hits] == ["The listening city"]
    assert hits[0].moment.start == 9.5
    html = response.content.decode()
    assert 'href="/module-1/listening-city/?t=9.5#lesson-player"' in html
    assert "Play from 0:09" in html
    assert "Residents kept a streetlight camera ledger of their own." in html


def test_the_lesson_holding_the_phrase_ranks_above_one_that_only_mentions_a_word(client, site):
    make_lesson(
        make_module(site["course"], 3, title="Lighting"),
        "streetlights",
        title="Streetlights",
        body=[{"type": "paragraph", "value": "<p>Streetlight replacement programmes.</p>"}],
    )
    response = search(client, q="streetlight")
    assert titles(response)[0] == "Streetlights"
    assert "The listening city" in titles(response)
    response = search(client, q="streetlight camera ledger")
    assert titles(response) == ["The listening city"]


def test_every_kind_is_found_and_marked(client, site):
    response = search(client, q="participatory budgets")
    outcome = response.context["outcome"]
    assert {kind.value: count for kind, count in outcome.counts.items() if count} == {
        "lesson": 1,
        "event": 1,
        "resource": 1,
        "expert": 1,
    }
    assert sorted(titles(response)) == [
        "A toolkit for participatory budgets",
        "Participatory budgets",
        "Workshop: budgets with residents",
    ]
    assert [hit.title for hit in outcome.experts] == ["Sofia Lindqvist"]
    html = response.content.decode()
    for label in ("Written</span>", "Event</span>", "Resource</span>", "Sofia Lindqvist"):
        assert label in html
    assert 'href="/experts/sofia-lindqvist/"' in html


def test_modules_are_found_by_their_own_words(client, site):
    response = search(client, q="mobility")
    assert titles(response) == ["Mobility"]
    assert "Module 2" in response.content.decode()


def test_a_kind_filter_keeps_that_kind_and_still_counts_the_others(client, site):
    response = search(client, q="participatory budgets", kind="event")
    assert titles(response) == ["Workshop: budgets with residents"]
    outcome = response.context["outcome"]
    assert outcome.counts[outcome.kind] == 1
    assert outcome.total == 4
    assert outcome.experts == []

    response = search(client, q="participatory budgets", kind="expert")
    assert titles(response) == ["Sofia Lindqvist"]


def test_a_theme_filter_keeps_what_carries_the_theme(client, site):
    response = search(client, q="council", theme="data-and-privacy")
    assert titles(response) == ["The listening city"]
    response = search(client, q="council", theme="governance")
    assert titles(response) == []
    assert "Nothing matched" in response.content.decode()
    # A module counts as part of a theme when one of its lessons carries it.
    assert titles(search(client, q="democracy", theme="data-and-privacy")) == ["Data and democracy"]
    # An expert counts when they speak at an event of the theme.
    response = search(client, q="Lindqvist", theme="governance", kind="expert")
    assert titles(response) == ["Sofia Lindqvist"]
    response = search(client, q="Lindqvist", theme="data-and-privacy", kind="expert")
    assert titles(response) == []


@pytest.mark.parametrize("params", [{"kind": "podcast"}, {"theme": "no-such-theme"}])
def test_unknown_filters_are_dropped_not_refused(client, site, params):
    response = search(client, q="participatory budgets", **params)
    assert response.context["outcome"].total == 4


def test_drafts_and_private_pages_are_not_found(client, site):
    EventPage.objects.get(slug="budget-workshop").unpublish()
    make_private(ResourcePage.objects.get(slug="budget-toolkit"))
    response = search(client, q="participatory budgets")
    assert titles(response) == ["Participatory budgets"]


@pytest.mark.parametrize(
    "query", ["", "   ", "%%% ((( *** ---", "'; DROP TABLE pages; --", "ü" * 5, "a" * 5000]
)
def test_odd_queries_get_a_normal_page(client, site, query):
    response = search(client, q=query)
    assert "Search the course" in response.content.decode()


def test_a_very_long_query_is_cut_and_says_so(client, site):
    response = search(client, q="streetlight " * 100)
    assert "first 200 characters" in response.content.decode()
    assert titles(response)[0] == "The listening city"


def test_results_are_paged_and_pages_keep_the_filters(client, site):
    module = make_module(site["course"], 4, title="Budgets everywhere")
    for number in range(25):
        make_lesson(module, f"budget-{number}", title=f"Budget story {number}")
    response = search(client, q="budget story", kind="lesson")
    assert len(titles(response)) == 20
    html = response.content.decode()
    assert 'href="?q=budget+story&amp;kind=lesson&amp;page=2"' in html
    assert len(titles(search(client, q="budget story", kind="lesson", page=2))) == 5
    assert len(titles(search(client, q="budget story", kind="lesson", page="x"))) == 20


def test_search_makes_the_same_number_of_queries_whatever_the_amount_of_content(client, site):
    def count():
        search(client, q="participatory budgets", theme="governance")  # warm caches
        with CaptureQueriesContext(connection) as queries:
            search(client, q="participatory budgets", theme="governance")
        return len(queries)

    small = count()
    governance = ThemeFactory(slug="governance")
    module = make_module(site["course"], 5, title="More budgets")
    for number in range(12):
        make_lesson(
            module,
            f"more-{number}",
            kind=["video", "audio", "written"][number % 3],
            title=f"Participatory budgets, part {number}",
            themes=[governance],
        )
        make_event(
            site["events"],
            f"event-{number}",
            title=f"Budget evening {number}",
            summary="On participatory budgets.",
            themes=[governance],
            speakers=[ExpertFactory(biography="Writes on participatory budgets.")],
        )
        make_resource(
            site["library"],
            f"guide-{number}",
            title=f"Guide {number}",
            summary="Participatory budgets, step by step.",
            themes=[governance],
        )
    large = count()
    assert large == small, f"{small} queries with 4 results, {large} with 52"
