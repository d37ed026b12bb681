"""The content API as a client sees it: the lesson's fields with absolute addresses, only public
live content and never anything about a person, the filters, 400s with a reason, CORS for
reading, shared-cacheable answers, and a fixed number of queries per listing."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from events.services import event_register
from modules.models import LessonPage
from tests.events.factories import make_event, make_event_index
from tests.factories import (
    ExpertFactory,
    ThemeFactory,
    extend_course,
    make_course,
    make_learner,
    make_lesson,
    make_module,
)
from tests.library.factories import make_library, make_private, make_resource

pytestmark = pytest.mark.django_db

# Absolute addresses are made with the site's own root URL, as Wagtail's API does.
ORIGIN = "http://localhost"


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def listed(client, query) -> dict[str, dict]:
    body = get_json(client, f"/api/v2/pages/?limit=100&{query}")
    return {item["title"]: item for item in body["items"]}


@pytest.fixture
def course():
    return make_course()


def test_a_lesson_gives_its_kind_duration_media_captions_transcript_experts_and_themes(
    client, course
):
    module = make_module(course, 1)
    expert = ExpertFactory(name="Ada Ek", role="Researcher", organisation="A university")
    theme = ThemeFactory(name="Mobility", slug="mobility")
    video = make_lesson(module, "video-lesson", kind="video", experts=[expert], themes=[theme])
    make_lesson(module, "written-lesson")

    lessons = listed(client, "type=modules.LessonPage&fields=*")
    item = lessons["Video lesson"]
    assert item["kind"] == "video"
    assert item["duration_seconds"] == 95
    assert item["media"]["type"] == "video"
    assert item["media"]["url"].startswith(ORIGIN + "/")
    assert item["media"]["download_url"] == f"{ORIGIN}/lessons/{video.pk}/media.mp4"
    assert client.get(item["media"]["download_url"]).status_code == 200
    assert item["caption_tracks"] == [
        {
            "kind": "captions",
            "language": "en",
            "label": "English",
            "url": f"{ORIGIN}/lessons/{video.pk}/captions/en.vtt",
        }
    ]
    assert client.get(item["caption_tracks"][0]["url"]).content.startswith(b"WEBVTT")
    assert item["transcript"]["text"].startswith("Welcome to the lesson.")
    assert item["transcript"]["txt_url"] == f"{ORIGIN}/lessons/{video.pk}/transcript.txt"
    assert [expert["name"] for expert in item["experts"]] == ["Ada Ek"]
    assert item["experts"][0]["html_url"] == f"{ORIGIN}/experts/{expert.slug}/"
    assert [(theme["slug"], theme["name"]) for theme in item["themes"]] == [
        ("mobility", "Mobility")
    ]
    assert item["licence"] == {  # a lesson is CC BY 4.0 unless its editor chooses otherwise
        "code": "cc-by-4.0",
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "attribution": "",
    }
    assert item["meta"]["html_url"] == ORIGIN + video.url

    written = lessons["Written lesson"]
    assert written["kind"] == "written"
    assert written["duration_seconds"] == 360
    assert written["media"] is None
    assert written["caption_tracks"] == []
    assert written["transcript"] is None

    detail = get_json(client, f"/api/v2/pages/{video.pk}/")
    assert detail["meta"]["parent"]["id"] == module.pk
    assert detail["body"][0]["type"] == "paragraph"


def test_a_resource_gives_its_licence_and_file(client, course):
    library = make_library(course)
    make_resource(
        library, "open-report", licence="cc-by-sa-4.0", attribution="© Open Cities Network"
    )
    make_resource(library, "own-terms", licence="other", licence_other="Open Government Licence")

    resources = listed(client, "type=library.ResourcePage&fields=licence,document")
    assert resources["Open report"]["licence"] == {
        "code": "cc-by-sa-4.0",
        "name": "CC BY-SA 4.0",
        "url": "https://creativecommons.org/licenses/by-sa/4.0/",
        "attribution": "© Open Cities Network",
    }
    assert resources["Own terms"]["licence"]["name"] == "Open Government Licence"
    assert resources["Open report"]["document"]["download_url"].startswith(ORIGIN + "/documents/")


def test_only_public_live_pages_and_nothing_about_a_person(client, course):
    module = make_module(course, 1)
    make_lesson(module, "public-lesson")
    private = make_lesson(module, "members-only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = make_lesson(module, "draft-lesson")
    draft.unpublish()
    library = make_library(course)
    secret_resource = make_resource(library, "behind-a-password")
    make_private(secret_resource)
    event = make_event(make_event_index(course), "workshop")
    learner = make_learner(email="someone.private@example.org", first_name="Unique-Learnername")
    event_register(event=event, user=learner)

    titles = set(listed(client, "fields=title"))
    assert "Public lesson" in titles
    assert not titles & {"Members only", "Draft lesson", "Behind a password"}
    for hidden in (private, draft, secret_resource):
        assert get_json(client, f"/api/v2/pages/{hidden.pk}/", status=404)["message"]

    every_answer = [
        client.get(f"/api/v2/pages/?limit=100&type={kind}&fields=*").content
        for kind in ("modules.LessonPage", "events.EventPage", "library.ResourcePage")
    ] + [client.get(f"/api/v2/pages/{event.pk}/").content]
    for body in every_answer:
        text = body.decode()
        assert "someone.private@example.org" not in text
        assert "Unique-Learnername" not in text
        assert "meet.example.org" not in text  # the joining link is for registered people only
        assert '"online_url"' not in text and '"status"' not in text


def test_filters_by_type_module_theme_and_kind(client, course):
    first, second = make_module(course, 1), make_module(course, 2)
    mobility = ThemeFactory(name="Mobility", slug="mobility")
    make_lesson(first, "bikes", kind="video", themes=[mobility])
    make_lesson(first, "reading")
    make_lesson(second, "audio-walk", kind="audio", themes=[mobility])
    library = make_library(course)
    make_resource(library, "bike-plan", themes=[mobility], modules=[second])
    make_event(make_event_index(course), "ride-along", modules=[first])

    assert set(listed(client, "type=modules.ModulePage")) == {"Module title 1", "Module title 2"}
    assert set(listed(client, f"module={first.pk}")) == {"Bikes", "Reading", "Ride along"}
    assert set(listed(client, f"module={second.pk}")) == {"Audio walk", "Bike plan"}
    assert set(listed(client, f"type=modules.LessonPage&module={second.pk}")) == {"Audio walk"}
    assert set(listed(client, f"child_of={first.pk}")) == {"Bikes", "Reading"}
    assert set(listed(client, "theme=mobility")) == {"Bikes", "Audio walk", "Bike plan"}
    assert set(listed(client, "type=modules.LessonPage&kind=written")) == {"Reading"}
    assert set(listed(client, "type=modules.LessonPage&kind=audio")) == {"Audio walk"}
    page = get_json(client, "/api/v2/pages/?type=modules.LessonPage&limit=2&offset=2")
    assert page["meta"]["total_count"] == 3 and len(page["items"]) == 1


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("type=wagtailcore.Page", "type"),
        ("type=accounts.User", "type"),
        ("limit=101", "limit cannot be higher than 100"),
        ("limit=many", "limit"),
        ("offset=-1", "offset"),
        ("offset=99999999999999999999", "offset"),
        ("module=999999", "module"),
        ("module=abc", "module"),
        ("theme=no-such-theme", "theme"),
        ("kind=video", "kind"),
        ("type=modules.LessonPage&kind=podcast", "kind"),
        ("type=library.ResourcePage&resource_type=novel", "resource_type"),
        ("type=library.ResourcePage&year=soon", "year"),
        ("type=events.EventPage&cancelled=perhaps", "cancelled"),
        ("first_published_at=yesterday", "first_published_at"),
        ("locale=xx", "locale"),
        ("slug=a%00b", "null characters"),
        ("search=bikes", "search"),
        ("fields=body", "body"),
        ("type=modules.LessonPage&themes=1", "themes"),
        ("order=themes", "themes"),
    ],
)
def test_bad_parameters_are_a_400_with_the_reason(client, course, query, reason):
    make_module(course, 1)
    body = get_json(client, f"/api/v2/pages/?{query}", status=400)
    assert reason in body["message"]


def test_any_site_may_read_it_and_shared_caches_may_keep_it(client, course):
    make_module(course, 1)
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://other.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
    assert client.get("/api/v2/pages/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304

    preflight = client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN="https://other.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"

    written = client.post("/api/v2/pages/", {}, HTTP_ORIGIN="https://other.example")
    assert written.status_code == 405
    assert "Access-Control-Allow-Origin" not in written

    # A signed-in learner gets the same public answer: the API never reads who asks.
    client.force_login(make_learner())
    again = client.get("/api/v2/pages/")
    assert again.content == response.content


def test_listing_lessons_costs_the_same_queries_for_few_or_many(client, course):
    experts = [ExpertFactory(), ExpertFactory()]

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), len(response.json()["items"])

    url = "/api/v2/pages/?type=modules.LessonPage&fields=*&limit=100"
    extend_course(course, modules=1, lessons_per_module=3, experts=experts)
    count(url)  # the first request also fills the site's caches (its root paths, types)
    few, few_items = count(url)
    extend_course(course, modules=3, lessons_per_module=6, start=2, experts=experts)
    many, many_items = count(url)
    assert (few_items, many_items) == (3, 21)
    assert many == few

    every_page = "/api/v2/pages/?limit=100"
    assert count(every_page)[0] <= few
    assert LessonPage.objects.count() == 21


def test_images_documents_and_media_are_listed_with_absolute_addresses(client, course):
    module = make_module(course, 1)
    make_lesson(module, "audio-lesson", kind="audio")
    make_resource(make_library(course), "report")

    media = get_json(client, "/api/v2/media/")["items"]
    assert [item["media_type"] for item in media] == ["audio"]
    assert media[0]["meta"]["download_url"].startswith(ORIGIN + "/media/")
    documents = get_json(client, "/api/v2/documents/")["items"]
    assert documents[0]["meta"]["download_url"].startswith(ORIGIN + "/documents/")
    assert get_json(client, "/api/v2/media/not-a-number/", status=404)["message"]
    assert json.loads(client.get("/api/v2/images/").content)["meta"]["total_count"] == 0
