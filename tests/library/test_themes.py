"""The themes: a list with counts, and a page per theme listing its lessons, events, resources."""

from datetime import timedelta

import pytest
from django.utils import timezone

from modules.models import LessonPage, ModulePage
from tests.events.factories import make_event, make_event_index
from tests.factories import ThemeFactory, make_lesson
from tests.library.factories import (
    make_private,
    make_resource,
)
from tests.support import page_queries

pytestmark = pytest.mark.django_db


def tag(lesson, *themes):
    lesson.themes = list(themes)
    lesson.save_revision().publish()
    return lesson


@pytest.fixture
def mobility_everywhere(course, library, mobility, inclusion):
    first, second = ModulePage.objects.child_of(course).order_by("path")
    tag(LessonPage.objects.get(slug="lesson-2-0"), mobility)
    tag(LessonPage.objects.get(slug="lesson-1-2"), mobility, inclusion)
    tag(make_lesson(first, "hidden-draft", title="Hidden draft"), mobility).unpublish()
    make_private(tag(make_lesson(first, "hidden-private", title="Hidden private"), mobility))
    events = make_event_index(course)
    now = timezone.now()
    make_event(events, "bus-walk", start=now - timedelta(days=3), themes=[mobility])
    make_event(events, "bike-debate", start=now + timedelta(days=3), themes=[mobility])
    make_event(events, "hidden-event", start=now + timedelta(days=1), themes=[mobility]).unpublish()
    make_resource(library, "bus-toolkit", title="Bus toolkit", themes=[mobility])
    make_resource(library, "hidden-toolkit", title="Hidden toolkit", themes=[mobility], live=False)
    make_resource(library, "ramp-guide", title="Ramp guide", themes=[inclusion])
    return mobility


def test_theme_list_shows_descriptions_and_counts(client, mobility_everywhere):
    ThemeFactory(name="Economy", slug="economy", description="Money and markets.")
    response = client.get("/themes/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Economy") < html.index("Inclusion") < html.index("Mobility")
    assert 'href="/themes/mobility/"' in html and "Moving around the city." in html
    assert "2 lessons · 2 events · 1 resource" in html  # mobility: hidden ones left out
    assert "1 lesson · 0 events · 1 resource" in html  # inclusion
    assert "0 lessons · 0 events · 0 resources" in html  # economy


def test_theme_page_lists_lessons_events_upcoming_first_and_resources(client, mobility_everywhere):
    response = client.get("/themes/mobility/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Mobility</h1>" in html and "Moving around the city." in html
    lessons = html[html.index('id="lessons-heading"') : html.index('id="events-heading"')]
    # In course order, each with its module and kind.
    assert lessons.index("Lesson 1 2") < lessons.index("Lesson 2 0")
    assert "Module 1: Module title 1" in lessons and "Module 2: Module title 2" in lessons
    assert "</svg>Written</span>" in lessons and "</svg>Video</span>" in lessons
    events = html[html.index('id="events-heading"') : html.index('id="resources-heading"')]
    assert events.index("Bike debate") < events.index("<h3>Past</h3>") < events.index("Bus walk")
    resources = html[html.index('id="resources-heading"') :]
    assert "Bus toolkit" in resources and "Ramp guide" not in resources
    for hidden in ("Hidden draft", "Hidden private", "Hidden event", "Hidden toolkit"):
        assert hidden not in html
    assert "2 lessons" in html and "2 events" in html and "1 resource" in html


def test_an_empty_theme_says_so(client, mobility):
    html = client.get("/themes/mobility/").content.decode()
    assert "No lesson carries this theme yet." in html
    assert "No event carries this theme yet." in html
    assert "No resource carries this theme yet." in html


def test_unknown_theme_is_not_found(client, mobility):
    assert client.get("/themes/nowhere/").status_code == 404


def _grow(course, library, events, theme, *, start, count):
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    now = timezone.now()
    for number in range(start, start + count):
        lesson = make_lesson(
            modules[number % 2], f"grown-{number}", kind=["video", "audio", "written"][number % 3]
        )
        tag(lesson, theme)
        make_event(
            events, f"event-{number}", start=now + timedelta(days=number - 3), themes=[theme]
        )
        make_resource(library, f"paper-{number}", themes=[theme, ThemeFactory()])


def test_theme_pages_make_a_fixed_number_of_queries(client, course, library, mobility):
    events = make_event_index(course)
    _grow(course, library, events, mobility, start=0, count=2)
    urls = ["/themes/", "/themes/mobility/"]
    small = {url: page_queries(client, url) for url in urls}

    _grow(course, library, events, mobility, start=2, count=8)
    large = {url: page_queries(client, url) for url in urls}

    assert large == small
    assert small["/themes/"] <= 8
    assert small["/themes/mobility/"] <= 11
