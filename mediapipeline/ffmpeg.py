"""Thin wrappers around Debian's ffprobe and ffmpeg: list arguments, no shell, a time limit on
every run, typed results.

Everything that decides *what* to make lives in services.py; this module only knows how to ask
the tools. A tool that fails raises ToolError with the last lines of its own message, which the
service turns into words an editor understands.
"""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

FFPROBE = "ffprobe"
FFMPEG = "ffmpeg"
PROBE_TIMEOUT = 30  # seconds; reading headers never takes long, a hung read does
# The streams ffprobe reports for things that are not sound or pictures.
NON_MEDIA_CODECS = {"ansi", "tty", "bin_data", "text"}


class ToolError(Exception):
    """ffprobe or ffmpeg refused the input or failed; `detail` is the tool's own last words."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class ToolTimeout(ToolError):
    """The tool ran past its time limit (a stuck read, a very slow machine)."""


@dataclass(frozen=True)
class Stream:
    kind: str  # "video" or "audio"
    codec: str
    width: int | None = None
    height: int | None = None
    attached_picture: bool = False  # cover art in an MP3, not a moving picture


@dataclass(frozen=True)
class Probe:
    format_names: tuple[str, ...]
    duration: float | None
    streams: tuple[Stream, ...]

    @property
    def video(self) -> Stream | None:
        return next((s for s in self.streams if s.kind == "video" and not s.attached_picture), None)

    @property
    def audio(self) -> Stream | None:
        return next((s for s in self.streams if s.kind == "audio"), None)

    @property
    def is_media(self) -> bool:
        return self.video is not None or self.audio is not None

    @property
    def is_mp4(self) -> bool:
        return "mp4" in self.format_names or "mov" in self.format_names


def _run(arguments: list[str], *, timeout: float) -> subprocess.CompletedProcess:
    try:
        completed = subprocess.run(
            arguments, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as error:
        raise ToolTimeout(f"{arguments[0]} ran longer than {timeout:.0f} s") from error
    if completed.returncode != 0:
        message = completed.stderr.decode(errors="replace").strip().splitlines()
        raise ToolError("\n".join(message[-3:]) or f"{arguments[0]} exited {completed.returncode}")
    return completed


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _float(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and number >= 0 else None  # not NaN


def probe(path: Path, *, timeout: float = PROBE_TIMEOUT) -> Probe:
    """What ffprobe reads of the file at `path`: its container, duration and streams."""
    completed = _run(
        [
            FFPROBE,
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            "--",
            str(path),
        ],
        timeout=timeout,
    )
    try:
        data = json.loads(completed.stdout or b"{}")
    except json.JSONDecodeError as error:
        raise ToolError("ffprobe gave no readable answer") from error
    streams = []
    for raw in data.get("streams", []):
        kind = raw.get("codec_type")
        codec = raw.get("codec_name", "")
        if kind not in ("video", "audio") or codec in NON_MEDIA_CODECS:
            continue
        streams.append(
            Stream(
                kind=kind,
                codec=codec,
                width=_int(raw.get("width")),
                height=_int(raw.get("height")),
                attached_picture=bool(raw.get("disposition", {}).get("attached_pic")),
            )
        )
    fmt = data.get("format", {})
    return Probe(
        format_names=tuple(fmt.get("format_name", "").split(",")),
        duration=_float(fmt.get("duration")),
        streams=tuple(streams),
    )


def moov_before_mdat(path: Path) -> bool:
    """Whether an MP4's index (moov) comes before its data (mdat): "fast start", so that a
    browser can begin playing, and seek, before the whole file has arrived."""
    with path.open("rb") as handle:
        offset = 0
        while True:
            handle.seek(offset)
            header = handle.read(16)
            if len(header) < 8:
                return False
            size = int.from_bytes(header[:4], "big")
            box = header[4:8]
            if size == 1 and len(header) >= 16:
                size = int.from_bytes(header[8:16], "big")
            if box == b"moov":
                return True
            if box == b"mdat" or size < 8:
                return False
            offset += size


def _ffmpeg(arguments: list[str], *, timeout: float) -> None:
    _run([FFMPEG, "-nostdin", "-hide_banner", "-v", "error", "-y", *arguments], timeout=timeout)


def poster(source: Path, target: Path, *, at: float, timeout: float) -> None:
    """One frame at `at` seconds as a JPEG, no wider than 1280 pixels."""
    _ffmpeg(
        [
            "-ss",
            f"{at:.3f}",
            "-i",
            str(source),
            "-frames:v",
            "1",
            "-vf",
            "scale='min(1280,iw)':-2",
            "-q:v",
            "3",
            "-f",
            "image2",
            str(target),
        ],
        timeout=timeout,
    )


def web_video(source: Path, target: Path, *, copy: bool, timeout: float) -> None:
    """An H.264/AAC MP4 with fast start: encoded anew, or (`copy`) the same streams moved into
    a fast-start file."""
    if copy:
        codecs = ["-c", "copy"]
    else:
        codecs = [
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "23",
            "-pix_fmt",
            "yuv420p",
            # H.264 in 4:2:0 needs even sides.
            "-vf",
            "scale=trunc(iw/2)*2:trunc(ih/2)*2",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
        ]
    _ffmpeg(
        ["-i", str(source), "-map", "0:v:0", "-map", "0:a:0?", *codecs]
        + ["-movflags", "+faststart", "-f", "mp4", str(target)],
        timeout=timeout,
    )


def audio_only(source: Path, target: Path, *, copy: bool, timeout: float) -> None:
    """The sound alone as AAC in an .m4a, copied when it already is AAC."""
    codecs = ["-c:a", "copy"] if copy else ["-c:a", "aac", "-b:a", "128k"]
    _ffmpeg(
        ["-i", str(source), "-map", "0:a:0", "-vn", *codecs]
        + ["-movflags", "+faststart", "-f", "ipod", str(target)],
        timeout=timeout,
    )
