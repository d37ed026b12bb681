"""How the API writes a page's fields that are more than a column: URLs made absolute, the
lesson's media, caption tracks and transcript, experts and themes, licences, rich text as HTML.

Each field reads only what the endpoint's queryset selected or prefetched
(contentapi.endpoints.PREFETCH), so that a listing costs the same queries for 5 lessons or 500.
"""

import re
from pathlib import PurePosixPath

from django.urls import reverse
from rest_framework.fields import Field
from wagtail.api.v2.utils import get_full_url
from wagtail.rich_text import expand_db_html

from modules.models import TrackKind


def absolute(request, url: str | None) -> str | None:
    return get_full_url(request, url) if url else None


class ReadOnlyField(Field):
    """A field the API only reads: nothing is ever written through it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class WholeObjectField(ReadOnlyField):
    """A read-only field computed from the whole object rather than one attribute."""

    def get_attribute(self, instance):
        return instance

    @property
    def request(self):
        return self.context["request"]


class RichTextHtmlField(ReadOnlyField):
    """Rich text as the HTML a reader's page shows (internal links resolved)."""

    def to_representation(self, value):
        return expand_db_html(value) if value else ""


class TextListField(ReadOnlyField):
    """A StreamField of plain text items (questions, learning outcomes) as a list of strings."""

    def to_representation(self, value):
        return [str(block.value) for block in value]


class LessonKindField(WholeObjectField):
    def to_representation(self, lesson):
        return lesson.kind.value


def media_summary(request, media, *, duration=None, download_url=None):
    if media is None:
        return None
    return {
        "type": media.type,
        "title": media.title,
        "url": absolute(request, media.url),
        "duration_seconds": duration if duration is not None else _seconds(media.duration),
        "width": media.width or None,
        "height": media.height or None,
        "download_url": download_url,
    }


def _seconds(value) -> int | None:
    return round(value) if value else None


class LessonMediaField(WholeObjectField):
    """The lesson's video or audio: where to play it and where to download it."""

    def to_representation(self, lesson):
        media = lesson.media
        if media is None:
            return None
        # The download's address carries the upload's extension (modules.downloads), letters
        # and digits only; an upload named without one has no address known without a query.
        extension = re.sub(r"[^a-z0-9]", "", PurePosixPath(media.file.name).suffix.lower())
        download = None
        if extension:
            download = absolute(
                self.request, reverse("lesson_media_download", args=[lesson.pk, extension])
            )
        return media_summary(self.request, media, download_url=download)


class RecordingField(WholeObjectField):
    """An event's recording, when it has one."""

    def to_representation(self, event):
        return media_summary(self.request, event.recording)


class CaptionTracksField(WholeObjectField):
    """The lesson's WebVTT tracks: kind, language, label and the address of the file."""

    def to_representation(self, lesson):
        tracks = []
        for track in lesson.caption_tracks.all():
            if track.kind == TrackKind.CAPTIONS:
                url = reverse("lesson_captions", args=[lesson.pk, track.language])
            else:
                url = reverse("lesson_track", args=[lesson.pk, track.kind, track.language])
            tracks.append(
                {
                    "kind": track.kind,
                    "language": track.language,
                    "label": str(track.display_label),
                    "url": absolute(self.request, url),
                }
            )
        return tracks


class TranscriptField(WholeObjectField):
    """The transcript's text and its downloads, or null when the lesson has none."""

    def to_representation(self, lesson):
        if not lesson.transcript.strip():
            return None
        return {
            "text": lesson.transcript,
            "txt_url": absolute(self.request, reverse("lesson_transcript_txt", args=[lesson.pk])),
            "pdf_url": absolute(self.request, reverse("lesson_transcript_pdf", args=[lesson.pk])),
        }


class ExpertsField(ReadOnlyField):
    """Experts (from a prefetched many-to-many) with their page on the site."""

    def to_representation(self, manager):
        request = self.context["request"]
        return [
            {
                "id": expert.pk,
                "name": expert.name,
                "role": expert.role,
                "organisation": expert.organisation,
                "html_url": absolute(request, reverse("expert_detail", args=[expert.slug]))
                if expert.slug
                else None,
            }
            for expert in manager.all()
        ]


class ThemesField(ReadOnlyField):
    """Themes (from a prefetched many-to-many); the slug is what the `theme` filter takes."""

    def to_representation(self, manager):
        request = self.context["request"]
        return [
            {
                "id": theme.pk,
                "slug": theme.slug,
                "name": theme.name,
                "html_url": absolute(request, reverse("theme_detail", args=[theme.slug])),
            }
            for theme in manager.all()
        ]


class PageIdsField(ReadOnlyField):
    """Pages of a prefetched many-to-many (related modules) as their ids."""

    def to_representation(self, manager):
        return sorted(page.pk for page in manager.all() if page.live)


class LicenceField(WholeObjectField):
    """The licence a page's content is under (modules.licences: its code, name, canonical page
    and whom to credit), or null when it states none."""

    def to_representation(self, page):
        if not page.licence:
            return None
        return {
            "code": page.licence,
            "name": page.licence_label,
            "url": page.licence_url,
            "attribution": page.attribution,
        }


class DocumentFileField(WholeObjectField):
    """A resource's file: its title and download address (Wagtail's document view)."""

    def to_representation(self, resource):
        document = resource.document
        if document is None:
            return None
        return {
            "id": document.pk,
            "title": document.title,
            "download_url": absolute(self.request, document.url),
        }


class ImageField(ReadOnlyField):
    """An image: id, title and the address of the original file."""

    def to_representation(self, image):
        if image is None:
            return None
        return {
            "id": image.pk,
            "title": image.title,
            "url": absolute(self.context["request"], image.file.url),
        }

    def get_attribute(self, instance):
        # A null foreign key must reach to_representation as None, not be skipped.
        return getattr(instance, self.source)
