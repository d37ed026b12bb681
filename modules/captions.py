"""WebVTT captions: parsing, validation and the cues a transcript search can point at.

Captions are stored as text on the lesson (so they are versioned and moderated with the page),
and served as `text/vtt` from our own domain.
"""

import math
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TIMING = re.compile(
    r"^(?P<start>(?:\d{2,}:)?\d{2}:\d{2}\.\d{3})\s+-->\s+(?P<end>(?:\d{2,}:)?\d{2}:\d{2}\.\d{3})"
)


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


def timestamp_seconds(value: str) -> float:
    parts = value.split(":")
    seconds = float(parts[-1])
    minutes = int(parts[-2])
    hours = int(parts[-3]) if len(parts) == 3 else 0
    return hours * 3600 + minutes * 60 + seconds


def parse_vtt(source: str) -> list[Cue]:
    """Return the cues of a WebVTT file; raise ValidationError saying what is wrong."""
    text = source.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.startswith("WEBVTT"):
        raise ValidationError(_("Captions must be WebVTT: the first line has to be “WEBVTT”."))
    cues = []
    for block in re.split(r"\n{2,}", text.strip())[1:]:
        lines = block.split("\n")
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_index = 0 if "-->" in lines[0] else 1
        if timing_index >= len(lines):
            raise ValidationError(_("A caption cue has no timing line: “%s”.") % lines[0][:60])
        match = TIMING.match(lines[timing_index].strip())
        if not match:
            raise ValidationError(
                _("This caption timing is not valid WebVTT: “%s”.") % lines[timing_index][:60]
            )
        start, end = (timestamp_seconds(match[g]) for g in ("start", "end"))
        if end <= start:
            raise ValidationError(
                _("A caption cue ends before it starts: “%s”.") % lines[timing_index][:60]
            )
        body = " ".join(line.strip() for line in lines[timing_index + 1 :] if line.strip())
        cues.append(Cue(start=start, end=end, text=re.sub(r"<[^>]+>", "", body)))
    if not cues:
        raise ValidationError(_("The captions file has no cues."))
    return cues


def validate_vtt(source: str) -> None:
    parse_vtt(source)


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
