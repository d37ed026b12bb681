"""The media pipeline: what happens to a lecture's upload before learners get it.

`media_check_file` decides whether a file is a recording we can use at all (the upload form asks
it too, so that the obvious bad uploads never get saved); `media_process` reads the real
duration and picture size, makes a poster frame, a web-ready H.264/AAC MP4 with fast start when
the upload is not one, and an audio-only version of a video, and records where each stands.

Nothing is half-made: the work happens in a temporary folder, new files reach storage only when
every step has succeeded, files saved before a later failure are deleted again, and a failure
leaves the previous good state (the earlier renditions and poster) where it was.
"""

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from wagtailmedia.models import get_media_model

from . import ffmpeg
from .models import MediaProcessing

logger = logging.getLogger(__name__)

# The first bytes of the containers a lecture comes in: a file that starts like one of these but
# cannot be read is damaged; a file that starts like none of them is not a recording at all.
MEDIA_SIGNATURES = (
    (4, b"ftyp"),  # MP4, M4A, MOV
    (0, b"\x1a\x45\xdf\xa3"),  # WebM, Matroska
    (0, b"OggS"),
    (0, b"RIFF"),  # WAV, AVI
    (0, b"ID3"),  # MP3 with tags
    (0, b"fLaC"),
)


class MediaRefused(Exception):
    """The file cannot be used; `message` says why in words an editor can act on."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Outcome:
    status: str
    reason: str = ""


def max_seconds() -> int:
    return int(getattr(settings, "MEDIA_MAX_SECONDS", 4 * 3600))


def encode_timeout() -> int:
    return int(getattr(settings, "MEDIA_ENCODE_TIMEOUT", 3000))


def _looks_like_media(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(16)
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:  # an MPEG audio frame
        return True
    return any(head[offset : offset + len(magic)] == magic for offset, magic in MEDIA_SIGNATURES)


def _hours_minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    return _("%(hours)d h %(minutes)02d min") % {"hours": minutes // 60, "minutes": minutes % 60}


def media_check_file(path: Path, *, kind: str | None = None) -> ffmpeg.Probe:
    """Read the file with ffprobe; raise MediaRefused when it is empty, not a recording,
    damaged, without a picture when a video is expected, or longer than MEDIA_MAX_SECONDS."""
    if path.stat().st_size == 0:
        raise MediaRefused(
            _("The file is empty (0 bytes). Choose the lecture's file again and upload it.")
        )
    try:
        probe = ffmpeg.probe(path)
    except ffmpeg.ToolError as error:
        logger.info("ffprobe refused %s: %s", path.name, error.detail)
        if _looks_like_media(path):
            raise MediaRefused(
                _(
                    "The file is damaged or incomplete and cannot be read. Export or download "
                    "the recording again and upload the new copy."
                )
            ) from error
        raise MediaRefused(
            _(
                "This file is not a video or audio recording. Check that you chose the "
                "lecture's recording and not another kind of file."
            )
        ) from error
    if not probe.is_media:
        raise MediaRefused(
            _(
                "This file is not a video or audio recording. Check that you chose the "
                "lecture's recording and not another kind of file."
            )
        )
    if not probe.duration:
        raise MediaRefused(
            _(
                "The recording's length cannot be read: the file is damaged or incomplete. "
                "Export or download the recording again and upload the new copy."
            )
        )
    if kind == "video" and probe.video is None:
        raise MediaRefused(
            _("This file has sound but no picture. Add it as audio instead of video.")
        )
    if probe.duration > max_seconds():
        raise MediaRefused(
            _("The recording is %(length)s long; the longest allowed is %(limit)s.")
            % {"length": _hours_minutes(probe.duration), "limit": _hours_minutes(max_seconds())}
        )
    return probe


def needs_web_version(probe: ffmpeg.Probe, path: Path) -> bool:
    """Whether a video must be made into a web-ready MP4: every browser plays H.264 and AAC in
    an MP4, and plays it from the first bytes only when the index comes first."""
    audio_ok = probe.audio is None or probe.audio.codec == "aac"
    return not (
        probe.is_mp4 and probe.video.codec == "h264" and audio_ok and ffmpeg.moov_before_mdat(path)
    )


def _copy_to(field_file, target: Path) -> None:
    with field_file.open("rb") as source, target.open("wb") as copy:
        shutil.copyfileobj(source, copy, length=1024 * 1024)
    field_file.close()


def _fail(processing: MediaProcessing, reason: str, file_name: str) -> Outcome:
    processing.status = MediaProcessing.Status.FAILED
    processing.reason = reason
    processing.source = file_name
    processing.save(update_fields=["status", "reason", "source", "updated_at"])
    return Outcome(processing.status, reason)


def _make(
    probe: ffmpeg.Probe, source: Path, work: Path, *, kind: str, make_poster: bool
) -> dict[str, Path]:
    """Make in `work` what this upload needs; ToolError when ffmpeg cannot. An audio lecture
    is played as it is, even from a file with a picture in it."""
    made = {}
    if probe.video is None or kind != "video":
        return made
    timeout = encode_timeout()
    if make_poster:
        made["poster"] = work / "poster.jpg"
        at = min(5.0, probe.duration * 0.1)
        ffmpeg.poster(source, made["poster"], at=at, timeout=timeout)
    if needs_web_version(probe, source):
        h264_aac = (
            probe.is_mp4
            and probe.video.codec == "h264"
            and (probe.audio is None or probe.audio.codec == "aac")
        )
        made["web"] = work / "web.mp4"
        ffmpeg.web_video(source, made["web"], copy=h264_aac, timeout=timeout)
    if probe.audio is not None:
        made["audio"] = work / "audio.m4a"
        ffmpeg.audio_only(source, made["audio"], copy=probe.audio.codec == "aac", timeout=timeout)
    return made


def already_processed(processing: MediaProcessing | None, file_name: str) -> bool:
    """Whether the pipeline has finished with this very file (ready, or refused)."""
    return (
        processing is not None
        and processing.source == file_name
        and processing.status in (MediaProcessing.Status.READY, MediaProcessing.Status.FAILED)
    )


def media_process(*, media) -> Outcome:
    """Process `media`'s current file and record the result on its MediaProcessing row.

    Refusals and files ffmpeg cannot convert end FAILED with the reason; errors of storage or
    the database propagate (the task retries them) and leave the previous state as it was.
    """
    processing, _created = MediaProcessing.objects.get_or_create(media=media)
    processing.status = MediaProcessing.Status.PROCESSING
    processing.reason = ""
    processing.save(update_fields=["status", "reason", "updated_at"])
    file_name = media.file.name
    stem = PurePosixPath(file_name).stem
    saved = []
    with tempfile.TemporaryDirectory(prefix="mediapipeline-") as folder:
        work = Path(folder)
        source = work / f"source{PurePosixPath(file_name).suffix.lower()}"
        _copy_to(media.file, source)
        try:
            probe = media_check_file(source, kind=media.type)
        except MediaRefused as refusal:
            return _fail(processing, refusal.message, file_name)
        try:
            made = _make(probe, source, work, kind=media.type, make_poster=not media.thumbnail)
        except ffmpeg.ToolError as error:
            logger.warning("ffmpeg could not convert media %s: %s", media.pk, error.detail)
            return _fail(
                processing,
                _(
                    "The recording could not be converted for the web: it may be damaged "
                    "part-way through. Export the recording again and upload the new copy."
                ),
                file_name,
            )
        try:
            names = {}
            storage = processing.web_file.storage
            for key, field, upload_to, suffix in (
                ("web", processing.web_file, "media/web", ".mp4"),
                ("audio", processing.audio_file, "media/audio", ".m4a"),
                ("poster", media.thumbnail, "media_thumbnails", ".jpg"),
            ):
                if key in made:
                    with made[key].open("rb") as handle:
                        names[key] = field.storage.save(f"{upload_to}/{stem}{suffix}", File(handle))
                    saved.append(names[key])
            outcome = _record(media, processing, file_name, probe, names, source)
        except BaseException:
            for name in saved:
                storage.delete(name)
            raise
    return outcome


def _record(media, processing, file_name, probe, names, source) -> Outcome:
    """Write the results in one transaction, unless the file was replaced meanwhile (its own
    run will record that one); old renditions are deleted once nothing points at them."""
    Media = get_media_model()
    storage = processing.web_file.storage
    with transaction.atomic():
        current = Media.objects.select_for_update().filter(pk=media.pk).first()
        if current is None or current.file.name != file_name:
            for name in names.values():
                storage.delete(name)
            return Outcome(MediaProcessing.Status.QUEUED)
        fields = {"duration": round(probe.duration, 2)}
        if probe.video is not None and media.type == "video":
            fields.update(width=probe.video.width, height=probe.video.height)
        if "poster" in names:
            fields["thumbnail"] = names["poster"]
        Media.objects.filter(pk=media.pk).update(**fields)
        for key, value in fields.items():
            setattr(media, key, value)
        old = [f.name for f in (processing.web_file, processing.audio_file) if f]
        processing.web_file = names.get("web", "")
        processing.web_size = storage.size(names["web"]) if "web" in names else None
        processing.audio_file = names.get("audio", "")
        processing.audio_size = storage.size(names["audio"]) if "audio" in names else None
        processing.original_size = source.stat().st_size
        processing.status = MediaProcessing.Status.READY
        processing.reason = ""
        processing.source = file_name
        processing.save()
        keep = set(names.values())
        transaction.on_commit(lambda: [storage.delete(n) for n in old if n not in keep])
    return Outcome(processing.status)
