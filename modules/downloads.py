"""What a lesson offers to keep for offline use: its transcript (plain text and tagged PDF),
its captions in each language, its media and the audio-only version, each with its type, size
and a file name that says what it is.

Read when the lesson's cached content is rendered (once per revision and language), never per
request. A size is the size of what is served: the transcript files are the cached bytes the
download views send, captions are their text, media sizes come from the pipeline's record or
else from the storage. A file the storage cannot find is listed without a size rather than
breaking the page.
"""

import logging
import mimetypes
import os
import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from mediapipeline.renditions import audio_version, playable_sources
from modules.models import TrackKind
from modules.transcripts import transcript_file, transcript_filename
from modules.translations import content_language

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Download:
    label: str
    url: str
    filename: str
    file_type: str  # for people: "PDF", "MP4 video"
    size: int | None  # bytes, when known
    language: str = ""  # of the file's words, when it has any


def _extension(name: str, content_type: str) -> str:
    """The file's extension (".mp4"), from its name or else its type; only letters and digits,
    since it is part of the download's address."""
    extension = os.path.splitext(name)[1] or mimetypes.guess_extension(content_type.split(";")[0])
    cleaned = re.sub(r"[^a-z0-9]", "", (extension or "").lower())
    return f".{cleaned or 'bin'}"


def _media_type_label(extension: str, content_type: str) -> str:
    """ "MP4 video", "M4A audio": the format people know the file by, and what it holds."""
    name = extension.lstrip(".").upper()
    family = content_type.split("/")[0]
    if family == "video":
        return _("%(format)s video") % {"format": name}
    if family == "audio":
        return _("%(format)s audio") % {"format": name}
    return name


def stored_size(field_file) -> int | None:
    """The size of a stored file, or None when the storage cannot tell (a missing file, a
    storage that is down): the lesson page must still show."""
    try:
        return field_file.size
    except Exception:  # any storage backend's error; the page shows the link without a size
        logger.warning("Cannot read the size of %s", field_file.name, exc_info=True)
        return None


def _processing(media):
    try:
        return media.processing
    except media.__class__.processing.RelatedObjectDoesNotExist:
        return None


def transcript_downloads(lesson) -> list[Download]:
    language = content_language(lesson)
    found = []
    for fmt, file_type in (("txt", _("Plain text")), ("pdf", "PDF")):
        content = transcript_file(lesson, fmt)
        if content is None:
            return []
        found.append(
            Download(
                label=_("Transcript"),
                url=reverse(f"lesson_transcript_{fmt}", args=[lesson.pk]),
                filename=transcript_filename(lesson, fmt),
                file_type=file_type,
                size=len(content),
                language=language,
            )
        )
    return found


def caption_downloads(lesson, caption_tracks) -> list[Download]:
    """The caption files, from the player's tracks (modules.outline.PlayerTrack)."""
    return [
        Download(
            label=_("Captions (%(label)s)") % {"label": track.display_label},
            url=reverse("lesson_captions", args=[lesson.pk, track.language]),
            filename=f"{lesson.slug}-{track.language}-captions.vtt",
            file_type="WebVTT",
            size=track.size,
            language=track.language,
        )
        for track in caption_tracks
        if track.kind == TrackKind.CAPTIONS
    ]


@dataclass(frozen=True)
class MediaChoice:
    """One of a lesson's media files to download: the upload, or the audio-only version."""

    which: str  # "media" or "audio"
    field_file: object
    filename: str
    extension: str  # ".mp4"
    content_type: str
    recorded_size: int | None  # the pipeline's record, when it has one

    @property
    def size(self) -> int | None:
        if self.recorded_size is not None:
            return self.recorded_size
        return stored_size(self.field_file)


def media_file(lesson, which: str) -> MediaChoice | None:
    """The lesson's upload (`which="media"`) or audio-only version (`"audio"`), if it has it."""
    media = lesson.media
    if media is None:
        return None
    if which == "media":
        source = playable_sources(media)[-1]  # the upload itself, as the editor gave it
        field_file, suffix = media.file, ""
    elif which == "audio":
        source = audio_version(media)
        if source is None:
            return None
        field_file, suffix = _processing(media).audio_file, "-audio"
    else:
        return None
    extension = _extension(field_file.name, source.content_type)
    return MediaChoice(
        which=which,
        field_file=field_file,
        filename=f"{lesson.slug}{suffix}{extension}",
        extension=extension,
        content_type=source.content_type,
        recorded_size=source.size,
    )


def media_downloads(lesson) -> list[Download]:
    labels = {
        "media": _("Video") if lesson.media and lesson.media.type == "video" else _("Audio"),
        "audio": pgettext("download", "Audio only"),
    }
    found = []
    for which in ("media", "audio"):
        choice = media_file(lesson, which)
        if choice is None:
            continue
        found.append(
            Download(
                label=labels[which],
                url=reverse(
                    f"lesson_{which}_download", args=[lesson.pk, choice.extension.lstrip(".")]
                ),
                filename=choice.filename,
                file_type=_media_type_label(choice.extension, choice.content_type),
                size=choice.size,
            )
        )
    return found


def lesson_downloads(lesson, caption_tracks) -> list[Download]:
    """Everything the lesson offers to download, in the order the page lists it."""
    return (
        transcript_downloads(lesson)
        + caption_downloads(lesson, caption_tracks)
        + media_downloads(lesson)
    )
