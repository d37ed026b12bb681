"""WebVTT captions: parsing, validation and the cues a transcript search can point at.

Captions are stored as WebVTT text on the lesson (so they are versioned and moderated with the
page), and served as `text/vtt` from our own domain. The kept webvtt-py library reads them and
converts SubRip (.srt) files; it does not say *where* a file is wrong, so a first pass here walks
the blocks with their line numbers and names the line and the cue of the first mistake, the way
an editor would look for it in their text editor.
"""

import io
import math
import re
from dataclasses import dataclass

import webvtt
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from webvtt.errors import MalformedCaptionError, MalformedFileError
from webvtt.models import Timestamp
from webvtt.vtt import WebVTTCueBlock

# The cue timings line exactly as WebVTT writes it (hh:mm:ss.ttt, hours optional), the library's
# own strict pattern: players skip cues whose timing they cannot read, so we refuse them.
STRICT_TIMING = WebVTTCueBlock.STRICT_CUE_TIMINGS_PATTERN
SRT_TIMING = re.compile(
    r"^\s*(\d{1,2}:\d{1,2}:\d{1,2}[,.]\d{1,3})\s*-->\s*(\d{1,2}:\d{1,2}:\d{1,2}[,.]\d{1,3})"
)
NON_CUE_BLOCKS = ("NOTE", "STYLE", "REGION")
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# A captions track has to cover its media: no cue past the end (allowing for rounding of the
# media's measured length), and the last cue ending near the end, within 30 s or 10 % of the
# length, whichever is larger, since a lecture may close with music or silence.
END_TOLERANCE_SECONDS = 1.0
TAIL_SECONDS = 30.0
TAIL_SHARE = 0.10


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Block:
    """Consecutive non-empty lines of a file, with the number of the first one (from 1)."""

    line: int
    lines: list[str]


def timestamp_seconds(value: str) -> float:
    return Timestamp.from_string(value.replace(",", ".")).in_milliseconds() / 1000


def normalise(source: str) -> str:
    return source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def blocks(text: str) -> list[Block]:
    found, current, first = [], [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            found.append(Block(first, current))
            current = []
    if current:
        found.append(Block(first, current))
    return found


def located(line: int, cue: int | None, message: str) -> ValidationError:
    if cue is None:
        where = _("Line %(line)d") % {"line": line}
    else:
        where = _("Line %(line)d, cue %(cue)d") % {"line": line, "cue": cue}
    return ValidationError(f"{where}: {message}", code="invalid-captions")


def check_vtt_blocks(text: str) -> None:
    """Raise a ValidationError naming the line and cue of the first mistake in WebVTT text."""
    all_blocks = blocks(text)
    if not text.startswith("WEBVTT") or not all_blocks:
        raise located(1, None, _("a WebVTT file must start with the line “WEBVTT”."))
    cue_number, previous_start = 0, 0.0
    for block in all_blocks[1:]:
        if block.lines[0].startswith(NON_CUE_BLOCKS):
            continue
        cue_number += 1
        timing_index = 0 if "-->" in block.lines[0] else 1
        if timing_index >= len(block.lines) or "-->" not in block.lines[timing_index]:
            raise located(
                block.line,
                cue_number,
                _("“%(text)s” has no timing line (such as 00:00:01.000 --> 00:00:04.000) above it.")
                % {"text": block.lines[0][:60]},
            )
        line_number = block.line + timing_index
        timing = block.lines[timing_index]
        match = STRICT_TIMING.match(timing)
        if not match:
            raise located(
                line_number,
                cue_number,
                _(
                    "the timing “%(timing)s” is not valid WebVTT; write it as "
                    "00:01:02.500 --> 00:01:05.000."
                )
                % {"timing": timing.strip()[:60]},
            )
        start, end = timestamp_seconds(match[1]), timestamp_seconds(match[2])
        if end < start:
            raise located(
                line_number,
                cue_number,
                _("the end time %(end)s is before the start %(start)s.")
                % {"end": match[2], "start": match[1]},
            )
        if end == start:
            raise located(
                line_number,
                cue_number,
                _("the cue ends at the moment it starts (%(start)s).") % {"start": match[1]},
            )
        if start < previous_start:
            raise located(
                line_number,
                cue_number,
                _(
                    "the cue starts at %(start)s, before the cue above it; cues must be in "
                    "time order."
                )
                % {"start": match[1]},
            )
        previous_start = start
    if cue_number == 0:
        raise ValidationError(_("The captions file has no cues."), code="invalid-captions")


def parse_vtt(source: str) -> list[Cue]:
    """Return the cues of a WebVTT file; raise ValidationError saying what is wrong and where."""
    text = normalise(source)
    check_vtt_blocks(text)
    try:
        captions = webvtt.WebVTT.from_string(text, strict=True).captions
    except (MalformedFileError, MalformedCaptionError) as error:
        raise ValidationError(
            _("The captions are not valid WebVTT: %(reason)s") % {"reason": error},
            code="invalid-captions",
        ) from error
    return [
        Cue(
            start=caption.start_time.in_milliseconds() / 1000,
            end=caption.end_time.in_milliseconds() / 1000,
            text=" ".join(line.strip() for line in caption.text.split("\n") if line.strip()),
        )
        for caption in captions
    ]


def validate_vtt(source: str) -> None:
    parse_vtt(source)


def check_srt_blocks(text: str) -> None:
    """Name the line and cue of the first mistake in a SubRip file (webvtt-py skips them)."""
    cue_number = 0
    for block in blocks(text):
        timing_index = next((i for i, line in enumerate(block.lines[:2]) if "-->" in line), None)
        if timing_index is None:
            continue  # SubRip allows blank lines inside a cue's text
        cue_number += 1
        line_number = block.line + timing_index
        timing = block.lines[timing_index]
        match = SRT_TIMING.match(timing)
        if not match:
            raise located(
                line_number,
                cue_number,
                _(
                    "the timing “%(timing)s” is not valid SubRip; write it as "
                    "00:01:02,500 --> 00:01:05,000."
                )
                % {"timing": timing.strip()[:60]},
            )
        if timestamp_seconds(match[2]) <= timestamp_seconds(match[1]):
            raise located(
                line_number,
                cue_number,
                _("the end time %(end)s is before the start %(start)s.")
                % {"end": match[2], "start": match[1]},
            )
    if cue_number == 0:
        raise ValidationError(_("The captions file has no cues."), code="invalid-captions")


def srt_to_vtt(source: str) -> str:
    """The WebVTT form of a SubRip (.srt) file, converted by webvtt-py."""
    text = normalise(source).strip("\n") + "\n"
    check_srt_blocks(text)
    try:
        converted = webvtt.WebVTT.from_buffer(io.StringIO(text), format="srt")
    except (MalformedFileError, MalformedCaptionError) as error:
        raise located(
            1,
            None,
            _(
                "this is not a SubRip (.srt) file: it must start with a cue number and a "
                "timing line."
            ),
        ) from error
    return converted.content


def decode_upload(data: bytes) -> str:
    """The text of an uploaded captions file, which must be UTF-8 (a byte order mark is fine)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValidationError(
            _(
                "Line %(line)d: the file is not UTF-8 text. Open it in a text editor, save it "
                "with the encoding UTF-8 and upload it again."
            )
            % {"line": line},
            code="encoding",
        ) from error


def vtt_from_upload(name: str, data: bytes) -> str:
    """WebVTT text from an uploaded .vtt or .srt file; ValidationError saying what is wrong."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The captions file is larger than 2 MB."), code="too-large")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ("vtt", "srt"):
        raise ValidationError(_("Upload a WebVTT (.vtt) or SubRip (.srt) file."), code="file-type")
    text = decode_upload(data)
    vtt = srt_to_vtt(text) if extension == "srt" else normalise(text)
    parse_vtt(vtt)
    return vtt


def coverage_problem(cues: list[Cue], duration: float | None, language: str) -> str | None:
    """Why a captions track does not cover media of this length, or None if it does.

    Only checked when the media's length is known; `language` is its name, for the message.
    """
    if not duration or duration <= 0 or not cues:
        return None
    limit = duration + END_TOLERANCE_SECONDS
    for number, cue in enumerate(cues, start=1):
        if cue.end > limit:
            return _(
                "The captions in %(language)s go past the end of the media: cue %(cue)d ends at "
                "%(end)s, and the media is %(length)s long."
            ) % {
                "language": language,
                "cue": number,
                "end": clock(cue.end),
                "length": clock(duration),
            }
    last_end = max(cue.end for cue in cues)
    if last_end < duration - max(TAIL_SECONDS, TAIL_SHARE * duration):
        return _(
            "The captions in %(language)s stop at %(end)s, long before the end of the media "
            "(%(length)s): add the captions of the rest."
        ) % {"language": language, "end": clock(last_end), "length": clock(duration)}
    return None


def clock(seconds: float) -> str:
    """A time as WebVTT writes it (00:01:02.500), for messages that quote a file's times."""
    return str(Timestamp.from_seconds(round(seconds, 3)))


def start_from_query(value: str | None, duration: float | None) -> float | None:
    """The moment a link asks the player to start at (`?t=83.5`), or None for anything else.

    Search results link into a lecture this way; a value that is not a time within the media
    is ignored rather than refused, so the lesson still opens.
    """
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    if not math.isfinite(seconds) or seconds <= 0:
        return None
    if duration and seconds >= duration:
        return None
    return round(seconds, 3)
