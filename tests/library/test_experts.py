"""The experts' directory and each expert's page: lectures, interviews, events, publications."""

from datetime import timedelta

import pytest
from django.utils import timezone

from modules.models import ModulePage
from tests.events.factories import make_event, make_event_index
from tests.factories import ExpertFactory, make_image, make_lesson
from tests.library.factories import (
    make_private,
    make_resource,
)
from tests.support import page_queries

pytestmark = pytest.mark.django_db


def interview_body(expert):
    return [
        {"type": "paragraph", "value": "<p>Before the interview.</p>"},
        {
            "type": "interview",
            "value": {
                "expert": expert.pk,
                "introduction": "A conversation.",
                "exchanges": [{"question": "Why?", "answer": "Because."}],
            },
        },
    ]


@pytest.fixture
def ada(db):
    return ExpertFactory(
        name="Ada Lund", slug="ada-lund", role="Professor", organisation="Urban Institute"
    )


@pytest.fixture
def ada_everywhere(course, library, ada):
    """Ada lectures in one lesson, is interviewed in another, speaks at an upcoming and a past
    event and wrote one resource; and some of it is hidden."""
    first, second = ModulePage.objects.child_of(course).order_by("path")
    make_lesson(first, "ada-lecture", title="Ada lectures", experts=[ada])
    make_lesson(
        second, "ada-interview", title="Ada interviewed", experts=[ada], body=interview_body(ada)
    )
    make_lesson(first, "ada-draft", title="Ada draft", experts=[ada]).unpublish()
    make_private(make_lesson(first, "ada-private", title="Ada private", experts=[ada]))
    events = make_event_index(course)
    now = timezone.now()
    make_event(events, "future-workshop", start=now + timedelta(days=10), speakers=[ada])
    make_event(
        events, "soon-debate", start=now + timedelta(days=2), speakers=[ada], kind="panel-debate"
    )
    make_event(
        events, "old-webinar", start=now - timedelta(days=30), speakers=[ada], kind="webinar"
    )
    make_event(events, "draft-event", start=now + timedelta(days=5), speakers=[ada]).unpublish()
    make_resource(library, "ada-toolkit", title="Ada's toolkit", authors=[ada])
    make_resource(library, "ada-draft-toolkit", title="Ada's draft", authors=[ada], live=False)
    return ada


def test_directory_lists_every_expert_with_what_they_appear_in(client, ada_everywhere):
    ExpertFactory(name="Bo Berg", slug="bo-berg")
    response = client.get("/experts/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Ada Lund") < html.index("Bo Berg")
    assert 'href="/experts/ada-lund/"' in html
    assert "Professor, Urban Institute" in html
    assert "2 lessons · 3 events · 1 publication" in html  # drafts and private pages left out
    assert "0 lessons" in html  # Bo
    assert 'aria-label="Breadcrumb"' in html


def test_expert_page_splits_lectures_interviews_events_and_publications(client, ada_everywhere):
    response = client.get("/experts/ada-lund/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Ada Lund</h1>" in html and "Studies how cities use data." in html
    lectures = html[html.index('id="lectures-heading"') : html.index('id="interviews-heading"')]
    interviews = html[html.index('id="interviews-heading"') : html.index('id="events-heading"')]
    assert "Ada lectures" in lectures and "Ada interviewed" not in lectures
    assert "Ada interviewed" in interviews and "Module 2: Module title 2" in interviews
    for hidden in ("Ada draft", "Ada private", "Draft event", "Ada&#x27;s draft"):
        assert hidden not in html
    events = html[html.index('id="events-heading"') : html.index('id="publications-heading"')]
    upcoming, past = events.split("<h3>Past</h3>")
    assert upcoming.index("Soon debate") < upcoming.index("Future workshop")
    assert "Old webinar" in past and "Old webinar" not in upcoming
    assert "Panel debate" in upcoming and "(Europe/Oslo)" in upcoming
    assert "Ada&#x27;s toolkit" in html[html.index('id="publications-heading"') :]


def test_an_interview_naming_someone_else_is_not_theirs(client, course, ada):
    other = ExpertFactory(name="Cy Dahl", slug="cy-dahl")
    module = ModulePage.objects.child_of(course).first()
    make_lesson(
        module, "both", title="Both featured", experts=[ada, other], body=interview_body(other)
    )
    html = client.get("/experts/ada-lund/").content.decode()
    assert 'id="interviews-heading"' not in html and "Both featured" in html
    html = client.get("/experts/cy-dahl/").content.decode()
    assert "Both featured" in html[html.index('id="interviews-heading"') :]


def test_an_expert_with_nothing_published_says_so(client, ada):
    html = client.get("/experts/ada-lund/").content.decode()
    assert "Nothing featuring Ada Lund has been published yet." in html


@pytest.mark.parametrize("url", ["/experts/nobody/", "/experts/ada-lund-2/"])
def test_unknown_experts_are_not_found(client, ada, url):
    assert client.get(url).status_code == 404


def test_expert_pages_answer_head_and_refuse_posts(client, ada):
    assert client.head("/experts/ada-lund/").status_code == 200
    assert client.post("/experts/").status_code == 405
    assert client.post("/experts/ada-lund/").status_code == 405


def test_an_expert_without_an_address_is_listed_without_a_link(client, ada):
    from modules.models import Expert

    Expert.objects.filter(pk=ada.pk).update(slug="")
    response = client.get("/experts/")
    assert response.status_code == 200
    assert "Ada Lund" in response.content.decode()


def _grow(course, library, events, experts, *, start):
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    now = timezone.now()
    for number in range(start, start + 6):
        module = modules[number % len(modules)]
        body = interview_body(experts[number % len(experts)]) if number % 2 else None
        make_lesson(module, f"grown-{number}", experts=experts, body=body)
        make_event(
            events, f"event-{number}", start=now + timedelta(days=number - 3), speakers=experts
        )
        make_resource(library, f"paper-{number}", authors=experts, modules=modules)


def _photographed(count):
    return [ExpertFactory(photo=make_image(f"face-{index}")) for index in range(count)]


def test_expert_pages_make_a_fixed_number_of_queries(client, course, library):
    experts = _photographed(2) + [ExpertFactory()]
    events = make_event_index(course)
    _grow(course, library, events, experts, start=0)
    urls = ["/experts/", f"/experts/{experts[0].slug}/"]
    small = {url: page_queries(client, url) for url in urls}

    _grow(course, library, events, experts + _photographed(4), start=6)
    large = {url: page_queries(client, url) for url in urls}

    assert large == small
    assert small["/experts/"] <= 10
    assert small[urls[1]] <= 13
