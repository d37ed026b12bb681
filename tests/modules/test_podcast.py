"""The podcast feeds of the course and its modules, read as podcast apps read them (feedparser),
their files fetched from a running server, in every language the pages are written in."""

import feedparser
import lxml.html
import pytest
import requests
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from mediapipeline.models import MediaProcessing
from modules.licences import Licence
from tests.factories import (
    ExpertFactory,
    make_course,
    make_lesson,
    make_module,
    sync_language_trees,
    translate_page,
)

AUDIO_BYTES = b"ID3" + b"\x01" * 997
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def give_audio_version(lesson, data=b"\x00\x00\x00\x18ftypM4A " + b"\x02" * 500):
    # Outside a test transaction (the live-server test) the upload's own on-commit hook has
    # already queued the file for the pipeline: its row is then the one the pipeline finishes.
    MediaProcessing.objects.update_or_create(
        media=lesson.media,
        defaults={
            "status": MediaProcessing.Status.READY,
            "audio_file": ContentFile(data, name="talk.m4a"),
            "audio_size": len(data),
        },
    )
    return data


def build_course():
    """Two modules: audio lectures, a video with an audio version, a video without one, a
    written lesson, and an audio lecture in a private module."""
    course = make_course(title="Smart cities")
    first, second = make_module(course, 1), make_module(course, 2)
    expert = ExpertFactory(name="Ada Lund")
    lessons = {
        "listen-one": make_lesson(first, "listen-one", kind="audio", experts=[expert]),
        "watch-and-listen": make_lesson(first, "watch-and-listen", kind="video"),
        "watch-only": make_lesson(first, "watch-only", kind="video"),
        "read-only": make_lesson(first, "read-only"),
        "listen-two": make_lesson(second, "listen-two", kind="audio"),
    }
    give_audio_version(lessons["watch-and-listen"])
    lessons["listen-two"].attribution = "By the course team."
    lessons["listen-two"].licence = Licence.CC_BY_SA
    lessons["listen-two"].save_revision().publish()
    private = make_module(course, 3)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    lessons["hidden"] = make_lesson(private, "hidden", kind="audio")
    return course, first, second, lessons


def parse(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


@pytest.mark.django_db(transaction=True)
def test_the_course_feed_serves_every_audio_lecture_from_the_live_server(
    live_server, live_media_ranges
):
    course, first, second, lessons = build_course()

    response = requests.get(f"{live_server.url}/podcast.rss", timeout=30)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title == "Smart cities"
    assert feed.feed.language == "en"
    assert feed.feed.author == "Smart cities"  # itunes:author
    assert feed.feed.image.href.endswith("/static/img/podcast-cover.png")
    assert channel_text(response.content, "itunes:explicit") == "false"
    assert channel_text(response.content, "itunes:type") == "serial"
    # Every lecture one can listen to, in course order; no written or video-only lesson, and
    # nothing from the private module.
    assert titles(feed) == ["Listen one", "Watch and listen", "Listen two"]

    for entry in feed.entries:
        (enclosure,) = entry.enclosures
        fetched = requests.get(enclosure.href, timeout=30)
        assert fetched.status_code == 200, enclosure.href
        assert fetched.headers["Content-Length"] == enclosure.length
        assert len(fetched.content) == int(enclosure.length)
        assert fetched.headers["Content-Type"] == enclosure.type
        assert enclosure.type.startswith("audio/")
        assert entry.itunes_duration == "1:35"  # the media's 95 seconds
        assert entry.summary.startswith("Introduction to ")
        assert entry.link.startswith(live_server.url)
        assert requests.get(entry.link, timeout=30).status_code == 200

    by_title = {entry.title: entry for entry in feed.entries}
    assert by_title["Listen one"].enclosures[0].type == "audio/mpeg"
    assert by_title["Watch and listen"].enclosures[0].type == "audio/mp4"
    assert by_title["Listen one"].author == "Ada Lund"
    assert by_title["Watch and listen"].author == "Smart cities"
    assert by_title["Listen one"].rights == "CC BY 4.0"
    assert by_title["Listen two"].rights == "CC BY-SA 4.0. By the course team."

    # feedparser knows no Podcasting 2.0 tags: those are read from the XML itself.
    transcripts = feed_transcripts(response.content)
    assert set(transcripts) == {entry.link for entry in feed.entries}
    for link, found in transcripts.items():
        types = [each["type"] for each in found]
        assert types == ["text/vtt", "text/plain", "text/html"], link
        for each in found:
            fetched = requests.get(each["url"], timeout=30)
            assert fetched.status_code == 200, each["url"]
            assert fetched.headers["Content-Type"].split(";")[0] == each["type"]
        assert found[0]["language"] == "en" and found[0]["rel"] == "captions"

    licences = feed_licences(response.content)
    assert licences[by_title["Listen one"].link] == ("cc-by-4.0", CC_BY)
    assert licences[by_title["Listen two"].link] == (
        "cc-by-sa-4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    )


ITUNES = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}


def channel_text(content: bytes, tag: str) -> str:
    from lxml import etree

    return etree.fromstring(content).find("channel").findtext(tag, namespaces=ITUNES)


def feed_transcripts(content: bytes) -> dict[str, list[dict]]:
    """Each item's `podcast:transcript` tags, by the item's link."""
    from lxml import etree

    root = etree.fromstring(content)
    namespace = {"podcast": "https://podcastindex.org/namespace/1.0"}
    return {
        item.findtext("link"): [
            dict(tag.attrib) for tag in item.findall("podcast:transcript", namespace)
        ]
        for item in root.iter("item")
    }


def feed_licences(content: bytes) -> dict[str, tuple[str, str]]:
    from lxml import etree

    root = etree.fromstring(content)
    namespace = {"podcast": "https://podcastindex.org/namespace/1.0"}
    found = {}
    for item in root.iter("item"):
        tag = item.find("podcast:license", namespace)
        found[item.findtext("link")] = (tag.text, tag.get("url"))
    return found


@pytest.mark.django_db
def test_a_module_feed_has_the_module_lectures_only(client):
    course, first, second, lessons = build_course()

    feed = parse(client.get(reverse("module_podcast", args=[first.slug])))

    assert titles(feed) == ["Listen one", "Watch and listen"]
    assert feed.feed.title == "Module 1: Module title 1 · Smart cities"
    assert feed.feed.summary == "Summary of module 1."
    assert [entry.itunes_episode for entry in feed.entries] == ["1", "2"]
    assert parse(client.get(reverse("module_podcast", args=[second.slug]))).entries[0].title == (
        "Listen two"
    )
    private = lessons["hidden"].get_parent()
    assert client.get(reverse("module_podcast", args=[private.slug])).status_code == 404
    assert client.get("/no-such-module/podcast.rss").status_code == 404
    assert client.get(f"/{lessons['listen-one'].slug}/podcast.rss").status_code == 404


@pytest.mark.django_db
def test_course_and_module_pages_advertise_their_feeds(client):
    course, first, second, lessons = build_course()

    for page, feed_url in ((course, "/podcast.rss"), (first, "/module-1/podcast.rss")):
        html = lxml.html.fromstring(client.get(page.url).content)
        (link,) = html.xpath("//head/link[@rel='alternate'][@type='application/rss+xml']")
        assert link.get("href") == feed_url
        assert link.get("title") == f"Podcast: {page.title}"
        assert client.get(link.get("href")).status_code == 200
    lesson_page = lxml.html.fromstring(client.get(lessons["listen-one"].url).content)
    assert lesson_page.xpath("//link[@type='application/rss+xml']") == []


@pytest.mark.django_db
def test_feeds_exist_in_each_language_the_pages_are_written_in(client):
    course, first, second, lessons = build_course()
    translate_page(course, "sv", title="Smarta städer")
    translate_page(first, "sv", title="Vem äger datan")
    translate_page(lessons["listen-one"], "sv", title="Lyssna ett")
    sync_language_trees(("sv", "da"))  # the other pages in Swedish, all of them in Danish

    feed = parse(client.get("/sv/podcast.rss"))
    assert feed.feed.title == "Smarta städer"
    assert feed.feed.language == "sv"
    assert feed.feed.link.endswith("/sv/")
    assert "Lyssna ett" in titles(feed) and "Hidden" not in titles(feed)
    assert all("/sv/" in entry.link for entry in feed.entries)

    module_feed = parse(client.get("/sv/module-1/podcast.rss"))
    assert module_feed.feed.title == "Modul 1: Vem äger datan · Smarta städer"
    html = lxml.html.fromstring(client.get("/sv/module-1/").content)
    assert html.xpath("//link[@type='application/rss+xml']/@href") == ["/sv/module-1/podcast.rss"]

    # Danish shows the English pages: no Danish feed, and none advertised there.
    assert client.get("/da/podcast.rss").status_code == 404
    assert client.get("/da/module-1/podcast.rss").status_code == 404
    danish_home = lxml.html.fromstring(client.get("/da/").content)
    assert danish_home.xpath("//link[@type='application/rss+xml']") == []


@pytest.mark.django_db
def test_feeds_are_public_and_cacheable(client):
    build_course()

    response = client.get("/podcast.rss")

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    again = client.get("/podcast.rss", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.post("/podcast.rss").status_code == 405


def feed_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200  # the site's root paths, the locales
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_lectures(module, count: int, start: int):
    for number in range(start, start + count):
        lesson = make_lesson(
            module, f"more-{number}", kind="audio" if number % 2 else "video", experts=[]
        )
        if number % 2 == 0:
            give_audio_version(lesson)
        lesson.experts = [ExpertFactory()]
        lesson.save_revision().publish()


@pytest.mark.django_db
def test_a_feed_costs_the_same_queries_for_any_number_of_lectures(client):
    course, first, second, lessons = build_course()
    small = {url: feed_queries(client, url) for url in ("/podcast.rss", "/module-1/podcast.rss")}

    add_lectures(first, 12, start=1)
    add_lectures(second, 6, start=100)
    large = {url: feed_queries(client, url) for url in ("/podcast.rss", "/module-1/podcast.rss")}

    assert large == small
    with translation.override("en"):
        feed = parse(client.get("/podcast.rss"))
    assert len(feed.entries) == 3 + 18
    assert max(small.values()) <= 10
