"""The main navigation finds the events and the library wherever editors put them."""

import pytest

from events.models import EventIndexPage
from library.models import ResourceIndexPage
from tests.factories import make_course, make_module

pytestmark = pytest.mark.django_db


def nav(client, url):
    return [
        (item.label, item.url, item.current) for item in client.get(url).context["site_navigation"]
    ]


@pytest.fixture
def course():
    course = make_course()
    make_module(course, 1).save_revision().publish()
    for model, title, slug in (
        (EventIndexPage, "Events", "events"),
        (ResourceIndexPage, "Library", "library"),
    ):
        index = model(title=title, slug=slug)
        course.add_child(instance=index)
        index.save_revision().publish()
    return course


def test_every_section_is_listed_and_the_current_one_marked(client, course):
    assert nav(client, "/") == [
        ("Course", "/", True),
        ("Events", "/events/", False),
        ("Library", "/library/", False),
        ("Experts", "/experts/", False),
        ("Themes", "/themes/", False),
    ]
    assert [current for *_, current in nav(client, "/module-1/")][0] is True
    assert [label for label, _, current in nav(client, "/events/") if current] == ["Events"]
    assert [label for label, _, current in nav(client, "/themes/") if current] == ["Themes"]
    assert not any(current for *_, current in nav(client, "/search/?q=x"))
    html = client.get("/library/").content.decode()
    assert '<a href="/library/" aria-current="page">Library</a>' in html


def test_a_renamed_or_unpublished_section_is_followed(client, course):
    nav(client, "/")  # cached
    library = ResourceIndexPage.objects.get()
    library.slug = "reading"
    library.save_revision().publish()
    assert ("Library", "/reading/", False) in nav(client, "/")
    EventIndexPage.objects.get().unpublish()
    assert "Events" not in [label for label, *_ in nav(client, "/")]
