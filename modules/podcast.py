"""The audio lectures as podcasts: one RSS 2.0 feed for the course and one for each module.

An episode is a live, public lesson one can listen to: an audio lecture, or a video lecture
whose audio-only version the media pipeline has made (mediapipeline.renditions.audio_version).
Its enclosure is the file the player itself plays, at its public storage address (which serves
byte ranges, so podcast apps can resume), with the size and type the lesson's downloads list.

The XML is written by Django's feed generator (django.utils.feedgenerator), extended with the
tags podcast apps read: Apple's `itunes:` namespace (author, duration, image, summary, explicit)
and the Podcasting 2.0 `podcast:` namespace (a transcript in WebVTT, plain text and HTML, and
the lesson's licence as its SPDX identifier). The lesson's licence and attribution are also
given in words in `dc:rights`.

A feed is read in a fixed number of queries whatever the number of lessons: the lessons with
their media and its processing record in one, their caption tracks and their experts in one
each (`podcast_episodes`).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, Q
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from modules.downloads import media_file
from modules.kinds import LessonKind
from modules.licences import licence_spdx
from modules.models import CoursePage, LessonCaptionTrack, ModulePage, TrackKind
from modules.outline import live_lessons
from modules.transcripts import caption_paragraphs
from modules.translations import content_language

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
COVER_IMAGE = "img/podcast-cover.png"  # 1400 × 1400 pixels, as podcast directories ask
CATEGORY = "Education"
VTT_TYPE = "text/vtt"


@dataclass(frozen=True)
class Transcript:
    url: str
    type: str
    language: str = ""
    rel: str = ""


@dataclass(frozen=True)
class Episode:
    """One lesson as a podcast episode, every address absolute."""

    title: str
    link: str
    summary: str
    enclosure: Enclosure
    seconds: int | None
    authors: list[str]
    published: datetime | None
    updated: datetime | None
    licence_label: str
    licence_url: str | None
    licence_spdx: str | None
    attribution: str
    transcripts: list[Transcript] = field(default_factory=list)


def itunes_duration(seconds: int) -> str:
    """ "1:02:05", "12:40": the form podcast apps show."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


class PodcastFeed(Rss201rev2Feed):
    """RSS 2.0 with the iTunes and Podcasting 2.0 namespaces.

    Channel extras (keyword arguments of the constructor): `author`, `image`, `summary`.
    Item extras (of `add_item`): `episode` (an Episode) and `number` (its place in the series).
    """

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:itunes": ITUNES,
            "xmlns:podcast": PODCAST,
            "xmlns:dc": DUBLIN_CORE,
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed["author"])
        handler.addQuickElement("itunes:summary", self.feed["summary"])
        handler.addQuickElement("itunes:image", None, {"href": self.feed["image"]})
        handler.addQuickElement("itunes:category", None, {"text": CATEGORY})
        handler.addQuickElement("itunes:explicit", "false")
        # The lessons are meant in order: apps list a serial podcast from its first episode.
        handler.addQuickElement("itunes:type", "serial")
        handler.startElement("image", {})
        handler.addQuickElement("url", self.feed["image"])
        handler.addQuickElement("title", self.feed["title"])
        handler.addQuickElement("link", self.feed["link"])
        handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        episode: Episode = item["episode"]
        handler.addQuickElement("itunes:title", episode.title)
        handler.addQuickElement("itunes:episode", str(item["number"]))
        handler.addQuickElement("itunes:author", ", ".join(episode.authors) or self.feed["author"])
        handler.addQuickElement("itunes:summary", episode.summary)
        if episode.seconds:
            handler.addQuickElement("itunes:duration", itunes_duration(episode.seconds))
        handler.addQuickElement("itunes:image", None, {"href": self.feed["image"]})
        handler.addQuickElement("itunes:explicit", "false")
        for transcript in episode.transcripts:
            attributes = {"url": transcript.url, "type": transcript.type}
            if transcript.language:
                attributes["language"] = transcript.language
            if transcript.rel:
                attributes["rel"] = transcript.rel
            handler.addQuickElement("podcast:transcript", None, attributes)
        if episode.licence_spdx:
            attributes = {"url": episode.licence_url} if episode.licence_url else {}
            handler.addQuickElement("podcast:license", episode.licence_spdx, attributes)
        rights = episode.licence_label
        if episode.attribution:
            rights = f"{rights}. {episode.attribution}"
        handler.addQuickElement("dc:rights", rights)

    def latest_post_date(self):
        """The latest change of an episode, or of the page the feed is about: never "now", so
        that the same content is the same feed to the byte (and its ETag holds)."""
        dates = [item["updateddate"] for item in self.items if item["updateddate"]]
        return max(dates, default=None) or self.feed["updated"] or super().latest_post_date()


def podcast_lessons(parent):
    """The live, public lessons below `parent` one can listen to, in course order, with what
    an episode needs (3 queries)."""
    captions = LessonCaptionTrack.objects.filter(kind=TrackKind.CAPTIONS).order_by("sort_order")
    listenable = Q(media__type="audio") | (
        Q(media__type="video") & Q(media__processing__audio_file__gt="")
    )
    return (
        live_lessons(parent)
        .filter(listenable)
        .select_related("media__processing")
        .defer_streamfields()
        .prefetch_related(Prefetch("caption_tracks", captions), "experts")
    )


def episode_transcripts(lesson, link: str, absolute) -> list[Transcript]:
    """The lesson's captions (WebVTT, one per language, its own language first), and, when it
    has a transcript, the transcript as plain text and on the lesson page (HTML)."""
    language = content_language(lesson)
    tracks = sorted(lesson.caption_tracks.all(), key=lambda track: track.language != language)
    found = [
        Transcript(
            absolute(reverse("lesson_captions", args=[lesson.pk, track.language])),
            VTT_TYPE,
            track.language,
            "captions",
        )
        for track in tracks
    ]
    if lesson.transcript_paragraphs or caption_paragraphs(tracks, language):
        text_url = absolute(reverse("lesson_transcript_txt", args=[lesson.pk]))
        found.append(Transcript(text_url, "text/plain", language))
        found.append(Transcript(f"{link}#transcript-heading", "text/html", language))
    return found


def lesson_episode(lesson, request) -> Episode | None:
    """The lesson as an episode, or None when its file cannot be found. Addresses are made
    absolute against the request, so that the feed names the host it was fetched from."""
    which = "media" if lesson.kind == LessonKind.AUDIO else "audio"
    found = media_file(lesson, which)
    if found is None:
        return None
    size = found.size
    if size is None:  # the storage cannot find the file: an episode without it would fail
        return None
    absolute = request.build_absolute_uri
    link = absolute(lesson.get_url(request))
    return Episode(
        title=lesson.title,
        link=link,
        summary=lesson.intro or lesson.search_description or lesson.title,
        enclosure=Enclosure(absolute(found.field_file.url), str(size), found.content_type),
        seconds=lesson.duration_seconds,
        authors=[expert.name for expert in lesson.experts.all()],
        published=lesson.first_published_at,
        updated=lesson.last_published_at,
        licence_label=lesson.licence_label,
        licence_url=lesson.licence_url,
        licence_spdx=licence_spdx(lesson.licence),
        attribution=lesson.attribution,
        transcripts=episode_transcripts(lesson, link, absolute),
    )


def podcast_episodes(parent, request) -> list[Episode]:
    return [
        episode
        for lesson in podcast_lessons(parent)
        if (episode := lesson_episode(lesson, request)) is not None
    ]


def page_text(page) -> str:
    if isinstance(page, ModulePage):
        return page.summary
    return page.search_description or page.tagline or strip_tags(page.introduction)


def podcast_title(page, course) -> str:
    if isinstance(page, ModulePage):
        module = _("Module %(number)s: %(title)s") % {"number": page.number, "title": page.title}
        return f"{module} · {course.title}"
    return page.title


def podcast_feed(page, course: CoursePage, request, feed_url: str) -> PodcastFeed:
    """The podcast of a course or module page (`page`), in the language of its content."""
    language = content_language(page)
    with translation.override(language):
        title = podcast_title(page, course)
    summary = page_text(page) or title
    feed = PodcastFeed(
        title=title,
        link=request.build_absolute_uri(page.get_url(request)),
        description=summary,
        language=language,
        feed_url=feed_url,
        author=course.title,
        summary=summary,
        image=request.build_absolute_uri(static(COVER_IMAGE)),
        updated=page.last_published_at or page.first_published_at,
    )
    for number, episode in enumerate(podcast_episodes(page, request), start=1):
        feed.add_item(
            title=episode.title,
            link=episode.link,
            description=episode.summary,
            unique_id=episode.link,
            unique_id_is_permalink=True,
            pubdate=episode.published,
            updateddate=episode.updated,
            enclosures=[episode.enclosure],
            episode=episode,
            number=number,
        )
    return feed
