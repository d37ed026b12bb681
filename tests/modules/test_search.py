"""Search over modules and lessons, transcripts included, for visitors without an account."""

import pytest

from tests.factories import make_course, make_lesson, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course()
    module = make_module(course, 1, title="Data and democracy")
    make_lesson(
        module,
        "listening-city",
        kind="audio",
        title="The listening city",
        transcript="Residents kept a ledger of every streetlight camera.\n\nIt changed the debate.",
    )
    make_lesson(module, "open-budgets", title="Open budgets")
    make_lesson(
        make_module(course, 2, title="Mobility"),
        "bus-lanes",
        kind="video",
        title="Bus lanes and fairness",
    )
    return course


def test_a_phrase_only_in_a_transcript_finds_its_lesson(client, course):
    response = client.get("/search/", {"q": "streetlight camera ledger"})
    assert response.status_code == 200
    results = response.context["results"]
    assert [page.title for page in results] == ["The listening city"]
    assert "/module-1/listening-city/" in response.content.decode()


def test_results_are_marked_with_their_kind(client, course):
    html = client.get("/search/", {"q": "mobility"}).content.decode()
    assert "Module 2" in html
    html = client.get("/search/", {"q": "bus lanes"}).content.decode()
    assert "</svg>Video</span>" in html


def test_unpublished_lessons_are_not_found(client, course):
    from modules.models import LessonPage

    LessonPage.objects.get(slug="listening-city").unpublish()
    response = client.get("/search/", {"q": "streetlight"})
    assert list(response.context["results"]) == []
    assert "Nothing matched" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["", "   ", "%%% ((( *** ---", "'; DROP TABLE pages; --", "ü" * 5]
)
def test_odd_queries_get_a_normal_page(client, course, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "Search the course" in response.content.decode()


def test_a_very_long_query_is_cut_and_says_so(client, course):
    response = client.get("/search/", {"q": "streetlight " * 100})
    assert response.status_code == 200
    assert "first 200 characters" in response.content.decode()


def test_search_makes_few_queries(client, course, django_assert_max_num_queries):
    client.get("/search/", {"q": "lesson"})
    with django_assert_max_num_queries(10):
        assert client.get("/search/", {"q": "lesson"}).status_code == 200
