"""Structured data and sharing metadata: every kind of public page carries one JSON-LD document
that a JSON-LD processor (pyld) reads as the schema.org things a search engine looks for, Open
Graph tags with absolute addresses, and its canonical address, in every language.

The documents are expanded against schema.org offline: the document loader below answers for
https://schema.org with a minimal context (`@vocab`), and refuses every other address.
"""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html as lxml_html
from pyld import jsonld

from events.models import EventPage
from library.models import ResourcePage
from modules.models import LessonPage, ModulePage
from tests.events.factories import OSLO, make_event, make_event_index, publish_change
from tests.factories import (
    ExpertFactory,
    ThemeFactory,
    extend_course,
    make_course,
    make_image,
    make_lesson,
    make_module,
    translate_page,
)
from tests.library.factories import make_library, make_resource

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
SCHEMA = "https://schema.org/"
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA}}


def offline_loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": SCHEMA_CONTEXT,
        }
    raise AssertionError(f"the test asked for {url}: no network here")


class Graph:
    """The page's JSON-LD flattened by pyld: every node by id, found by type."""

    def __init__(self, document: dict):
        flat = jsonld.flatten(document, SCHEMA_CONTEXT, {"documentLoader": offline_loader})
        self.nodes = {node["@id"]: node for node in flat["@graph"]}

    def of_type(self, kind: str) -> list[dict]:
        return [node for node in self.nodes.values() if kind in many(node.get("@type"))]

    def one(self, kind: str) -> dict:
        (node,) = self.of_type(kind)
        return node

    def at(self, kind: str, url: str) -> dict:
        """The node of that type that is about the thing at `url`."""
        (node,) = [node for node in self.of_type(kind) if node.get("url") == url]
        return node

    def get(self, node: dict, name: str) -> list:
        """The values of a property, references resolved to their nodes."""
        return [
            self.nodes.get(value["@id"], value)
            if isinstance(value, dict) and "@id" in value
            else value
            for value in many(node.get(name))
        ]

    def first(self, node: dict, name: str):
        values = self.get(node, name)
        assert values, f"{node.get('@type')} has no {name}"
        return values[0]


def many(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class Head:
    def __init__(self, response):
        assert response.status_code == 200
        self.tree = lxml_html.fromstring(response.content)
        scripts = self.tree.xpath('//script[@type="application/ld+json"]')
        assert len(scripts) == 1, "one JSON-LD document per page"
        self.script = scripts[0]
        self.document = json.loads(self.script.text)
        self.graph = Graph(self.document)
        self.csp = response["Content-Security-Policy"]

    def og(self, name: str) -> list[str]:
        return self.tree.xpath(f'//head/meta[@property="{name}"]/@content')

    def link(self, rel: str) -> list[tuple[str | None, str]]:
        return [
            (link.get("hreflang"), link.get("href"))
            for link in self.tree.xpath(f'//head/link[@rel="{rel}"]')
        ]


def read(client, url) -> Head:
    head = Head(client.get(url))
    nonce = head.script.get("nonce")
    assert nonce and f"'nonce-{nonce}'" in head.csp  # the page's own nonce
    for name in ("og:title", "og:type", "og:url", "og:locale"):
        assert head.og(name), name
    for address in head.og("og:url") + head.og("og:image"):
        assert address.startswith(ORIGIN + "/"), address
    assert head.og("og:url") == [head.link("canonical")[0][1]]
    return head


def breadcrumb_names(head: Head) -> list[str]:
    crumbs = head.graph.one("BreadcrumbList")
    items = sorted(head.graph.get(crumbs, "itemListElement"), key=lambda item: item["position"])
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return [item["name"] for item in items]


@pytest.fixture
def course():
    course = make_course(title="Smart cities")
    expert = ExpertFactory(name="Ada Example", role="Professor", organisation="A University")
    extend_course(course, modules=2, lessons_per_module=3, experts=[expert])
    return course


def lesson(slug) -> LessonPage:
    return LessonPage.objects.get(slug=slug, locale__language_code="en")


def test_the_course_is_a_free_online_self_paced_course_with_its_modules(client, course):
    head = read(client, "/")
    graph = head.graph
    found = graph.one("Course")
    assert found["name"] == "Smart cities"
    assert found["url"] == ORIGIN + "/"
    assert found["inLanguage"] == "en"
    assert graph.first(found, "provider")["@type"] == "Organization"
    offer = graph.first(found, "offers")
    assert offer["price"] == 0 and offer["availability"] == SCHEMA + "InStock"
    instance = graph.first(found, "hasCourseInstance")
    assert instance["@type"] == "CourseInstance"
    assert instance["courseMode"] == "online"
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?(\d+S)?", instance["courseWorkload"])
    modules = sorted(graph.get(found, "hasPart"), key=lambda module: module["position"])
    assert [module["name"] for module in modules] == ["Module title 1", "Module title 2"]
    assert all(module["@type"] == "LearningResource" for module in modules)
    assert modules[0]["url"] == ORIGIN + ModulePage.objects.get(slug="module-1").url
    assert head.og("og:type") == ["website"]
    assert head.og("og:image")[0].startswith(ORIGIN + "/media/")  # the first module's image


def test_a_module_is_part_of_the_course_with_its_lessons(client, course):
    module = ModulePage.objects.get(slug="module-1")
    head = read(client, module.url)
    graph = head.graph
    (found,) = [
        node
        for node in graph.of_type("LearningResource")
        if node.get("position") == 1 and node.get("hasPart")
    ]
    assert found["name"] == "Module title 1"
    assert found["timeRequired"].startswith("PT")
    assert graph.first(found, "isPartOf")["@type"] == "Course"
    lessons = sorted(graph.get(found, "hasPart"), key=lambda part: part["position"])
    assert [part["name"] for part in lessons] == ["Lesson 1 0", "Lesson 1 1", "Lesson 1 2"]
    assert breadcrumb_names(head) == ["Smart cities", "Module title 1"]


def test_a_video_lesson_carries_its_lecture_captions_transcript_and_experts(client, course):
    page = lesson("lesson-1-0")  # a video
    head = read(client, page.url)
    graph = head.graph
    found = next(node for node in graph.of_type("LearningResource") if node.get("video"))
    assert found["url"] == ORIGIN + page.url
    assert found["inLanguage"] == "en"
    assert found["position"] == 1
    assert found["timeRequired"] == "PT1M35S"
    module = graph.first(found, "isPartOf")
    assert module["name"] == "Module title 1"
    assert graph.first(module, "isPartOf")["@type"] == "Course"
    video = graph.first(found, "video")
    assert video["@type"] == "VideoObject"
    assert video["contentUrl"].startswith(ORIGIN + "/media/")
    assert video["duration"] == "PT1M35S"
    assert video["transcript"].startswith("Welcome to the lesson.")
    assert video["inLanguage"] == "en"
    assert "uploadDate" in video
    caption = graph.first(video, "caption")
    assert caption["encodingFormat"] == "text/vtt"
    assert caption["inLanguage"] == "en"
    assert client.get(caption["contentUrl"].removeprefix(ORIGIN)).status_code == 200
    (expert,) = graph.get(found, "contributor")
    assert expert["@type"] == "Person"
    assert expert["name"] == "Ada Example" and expert["jobTitle"] == "Professor"
    assert graph.first(expert, "affiliation")["name"] == "A University"
    assert "email" not in expert
    assert breadcrumb_names(head) == ["Smart cities", "Module title 1", page.title]
    assert head.og("og:type") == ["video.other"]


def test_an_audio_lesson_is_an_audio_object_and_a_written_one_has_no_media(client, course):
    audio = Head(client.get(lesson("lesson-1-1").url)).graph
    found = next(node for node in audio.of_type("LearningResource") if node.get("audio"))
    assert audio.first(found, "audio")["@type"] == "AudioObject"
    assert audio.first(audio.first(found, "audio"), "caption")["encodingFormat"] == "text/vtt"
    page = lesson("lesson-1-2")
    written = Head(client.get(page.url)).graph
    assert not written.of_type("VideoObject") and not written.of_type("AudioObject")
    found = written.at("LearningResource", ORIGIN + page.url)
    assert found["learningResourceType"] == "Written"
    assert found["timeRequired"] == "PT6M"


def test_a_lessons_licence_is_given_when_the_lesson_has_one(client, course, monkeypatch):
    monkeypatch.setattr(
        LessonPage, "licence_url", "https://creativecommons.org/licenses/by/4.0/", raising=False
    )
    graph = read(client, lesson("lesson-2-0").url).graph
    found = next(node for node in graph.of_type("LearningResource") if node.get("video"))
    assert found["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert graph.first(found, "video")["license"] == found["license"]


def test_text_that_would_end_the_script_is_escaped(client):
    course = make_course(title="Cities </script><script>alert(1)</script>")
    extend_course(course, modules=1, lessons_per_module=1)
    response = client.get("/")
    assert b"</script><script>alert(1)" not in response.content
    assert Head(response).graph.one("Course")["name"].endswith("<script>alert(1)</script>")


def event_head(client, event) -> Head:
    return read(client, EventPage.objects.get(pk=event.pk).url)


def test_events_say_how_where_when_and_that_they_are_free(client, course):
    speaker = ExpertFactory(name="Bo Speaker", role="Planner", organisation="City of Oslo")
    index = make_event_index(course)
    online = make_event(index, "online-talk", speakers=[speaker])
    in_person = make_event(index, "in-person", event_format="in-person")
    hybrid = make_event(index, "hybrid-day", event_format="hybrid", capacity=1)

    graph = event_head(client, online).graph
    found = graph.one("Event")
    assert found["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert found["eventStatus"] == SCHEMA + "EventScheduled"
    assert found["startDate"] == online.start.astimezone(OSLO).isoformat()
    assert found["startDate"].endswith(("+01:00", "+02:00"))
    assert found["endDate"] == online.end.astimezone(OSLO).isoformat()
    (place,) = graph.get(found, "location")
    assert place["@type"] == "VirtualLocation"
    assert "secret-room" not in json.dumps(graph.nodes)  # the joining link stays private
    assert graph.first(found, "organizer")["@type"] == "Organization"
    offer = graph.first(found, "offers")
    assert offer["price"] == 0 and offer["availability"] == SCHEMA + "InStock"
    assert offer["url"] == found["url"]
    (performer,) = graph.get(found, "performer")
    assert performer["@type"] == "Person" and performer["name"] == "Bo Speaker"
    assert breadcrumb_names(event_head(client, online)) == ["Smart cities", "Events", "Online talk"]

    graph = event_head(client, in_person).graph
    found = graph.one("Event")
    assert found["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    (place,) = graph.get(found, "location")
    assert place["@type"] == "Place" and place["name"] == "City Hall, Room 3"
    assert "Oslo" in place["address"]

    graph = event_head(client, hybrid).graph
    found = graph.one("Event")
    assert found["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"
    assert {place["@type"] for place in graph.get(found, "location")} == {
        "Place",
        "VirtualLocation",
    }


def test_a_cancelled_event_and_a_partners_event(client, course):
    index = make_event_index(course)
    event = make_event(index, "cancelled-one")
    publish_change(event, cancelled=True)
    found = event_head(client, event).graph
    event_node = found.one("Event")
    assert event_node["eventStatus"] == SCHEMA + "EventCancelled"
    assert found.first(event_node, "offers")["availability"] == SCHEMA + "Discontinued"

    partner = make_event(
        index,
        "partner-session",
        capacity=None,
        host_name="Nordic Cities Network",
        host_url="https://partner.example.org/event",
        host_registration_url="https://partner.example.org/register",
        online_url="",
    )
    graph = event_head(client, partner).graph
    found = graph.one("Event")
    organizer = graph.first(found, "organizer")
    assert organizer["name"] == "Nordic Cities Network"
    assert organizer["url"] == "https://partner.example.org/event"
    assert graph.first(found, "offers")["url"] == "https://partner.example.org/register"

    past = make_event(index, "past-one", start=timezone.now() - timedelta(days=3))
    graph = event_head(client, past).graph
    assert graph.first(graph.one("Event"), "offers")["availability"] == SCHEMA + "Discontinued"


def test_library_resources_are_creative_works_with_licence_and_publisher(client, course):
    author = ExpertFactory(name="Cy Author")
    library = make_library(course)
    report = make_resource(
        library, "a-report", resource_type="technical-report", authors=[author], year=2023
    )
    toolkit = make_resource(library, "a-toolkit", licence="cc0", language="sv")
    graph = read(client, ResourcePage.objects.get(pk=report.pk).url).graph
    found = graph.one("Report")
    assert found["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert graph.first(found, "publisher") == {
        "@id": graph.first(found, "publisher")["@id"],
        "@type": "Organization",
        "name": "City of Testing",
    }
    assert found["datePublished"] == "2023"
    assert graph.first(found, "author")["name"] == "Cy Author"
    media = graph.first(found, "associatedMedia")
    assert media["encodingFormat"] == "application/pdf"
    assert media["contentUrl"].startswith(ORIGIN + "/")
    head = read(client, ResourcePage.objects.get(pk=toolkit.pk).url)
    found = head.graph.one("DigitalDocument")
    assert found["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert found["inLanguage"] == "sv"
    assert breadcrumb_names(head) == ["Smart cities", "Resource library", "A toolkit"]
    library_head = read(client, library.url)
    assert library_head.graph.one("CollectionPage")["name"] == "Resource library"
    assert breadcrumb_names(library_head) == ["Smart cities", "Resource library"]


def test_an_expert_is_a_person_without_contact_details(client, course):
    expert = ExpertFactory(
        name="Di Expert", role="Researcher", organisation="Institute", photo=make_image("di")
    )
    head = read(client, f"/experts/{expert.slug}/")
    graph = head.graph
    page = graph.one("ProfilePage")
    person = graph.first(page, "mainEntity")
    assert person["@type"] == "Person"
    assert person["name"] == "Di Expert" and person["jobTitle"] == "Researcher"
    assert graph.first(person, "affiliation")["name"] == "Institute"
    assert not any(key.lower().endswith(("email", "telephone")) for key in person)
    assert head.og("og:type") == ["profile"]
    assert head.og("og:image")
    assert breadcrumb_names(head) == ["Smart cities", "Experts", "Di Expert"]
    for url in ("/experts/", "/themes/", "/privacy/"):
        assert read(client, url).graph.one("WebPage")
    theme = ThemeFactory(name="Mobility")
    assert breadcrumb_names(read(client, f"/themes/{theme.slug}/")) == [
        "Smart cities",
        "Themes",
        "Mobility",
    ]


def test_a_translated_page_is_canonical_at_its_own_address_with_its_alternates(client, course):
    page = lesson("lesson-1-2")
    swedish = translate_page(page, "sv", title="Lektionen")
    head = read(client, swedish.url)
    assert swedish.url.startswith("/sv/")
    assert head.link("canonical") == [(None, ORIGIN + swedish.url)]
    alternates = dict(head.link("alternate"))
    assert alternates["sv"] == ORIGIN + swedish.url
    assert alternates["en"] == alternates["x-default"] == ORIGIN + page.url
    assert head.og("og:url") == [ORIGIN + swedish.url]
    assert head.og("og:locale") == ["sv_SE"]
    assert head.og("og:locale:alternate") == ["en_GB"]
    found = head.graph.at("LearningResource", ORIGIN + swedish.url)
    assert found["inLanguage"] == "sv" and found["name"] == "Lektionen"
    english = read(client, page.url)
    assert english.og("og:locale") == ["en_GB"]
    assert english.og("og:locale:alternate") == ["sv_SE"]


def test_the_metadata_adds_no_query_as_the_module_grows():
    """A warm module page costs the same with 2 lessons as with 8, and its metadata lists all
    of them (tests/modules/test_query_counts.py holds the pages' own targets)."""
    client = Client()
    course = make_course()
    module = make_module(course, 1)
    url = ModulePage.objects.get(pk=module.pk).url

    def warm(lessons: int) -> tuple[int, int]:
        for index in range(len(LessonPage.objects.child_of(module)), lessons):
            make_lesson(module, f"extra-{index}", kind="video")
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            head = read(client, url)
        found = next(node for node in head.graph.of_type("LearningResource") if node.get("hasPart"))
        return len(queries), len(head.graph.get(found, "hasPart"))

    small, large = warm(2), warm(8)
    assert small[1] == 2 and large[1] == 8
    assert small[0] == large[0], (small, large)


def test_every_address_in_the_sitemap_has_its_metadata(client, course):
    """Whatever the sitemap lists (pages and views, in every language) has one JSON-LD document
    the processor reads, Open Graph tags with absolute addresses and a canonical link."""
    index = make_event_index(course)
    make_event(index, "a-workshop", speakers=[ExpertFactory(name="Ed Speaker")])
    make_resource(make_library(course), "a-report", themes=[ThemeFactory(name="Inclusion")])
    translate_page(lesson("lesson-1-0"), "sv", title="Lektionen")
    sitemap = lxml_html.fromstring(client.get("/sitemap.xml").content)
    addresses = set(sitemap.xpath("//loc/text()"))
    assert len(addresses) > 15
    for address in sorted(addresses):
        head = read(client, address.removeprefix(ORIGIN))
        assert head.graph.nodes, address
        assert head.link("canonical"), address
