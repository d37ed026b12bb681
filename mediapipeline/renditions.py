"""What the pages offer of a lecture's media: the sources a player tries, and the audio-only
version for listening, each read from the upload and what the pipeline made of it."""

import mimetypes
from dataclasses import dataclass


@dataclass(frozen=True)
class MediaFile:
    url: str
    content_type: str
    size: int | None  # bytes, when known


def _processing(media):
    try:
        return media.processing
    except media.__class__.processing.RelatedObjectDoesNotExist:
        return None


def _content_type(name: str, default: str) -> str:
    return mimetypes.guess_type(name)[0] or default


def playable_sources(media) -> list[MediaFile]:
    """The files a `<video>` or `<audio>` lists as its sources, the web-ready rendition first."""
    sources = []
    processing = _processing(media)
    if processing is not None and processing.web_file:
        sources.append(MediaFile(processing.web_file.url, "video/mp4", processing.web_size))
    original_type = _content_type(media.file.name, f"{media.type}/mp4")
    size = processing.original_size if processing is not None else None
    sources.append(MediaFile(media.file.url, original_type, size))
    return sources


def audio_version(media) -> MediaFile | None:
    """The audio-only version of a video lecture, once the pipeline has made it."""
    processing = _processing(media)
    if processing is None or not processing.audio_file:
        return None
    name = processing.audio_file.name
    return MediaFile(
        processing.audio_file.url, _content_type(name, "audio/mp4"), processing.audio_size
    )
