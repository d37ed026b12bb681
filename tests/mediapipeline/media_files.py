"""Tiny recordings made with the real ffmpeg for the pipeline's tests (lavfi test pictures and
sine tones, two or three seconds each), and ffprobe to check what the pipeline made of them."""

import json
import subprocess
from pathlib import Path

from django.core.files import File
from wagtailmedia.models import get_media_model

PICTURE = ["-f", "lavfi", "-i", "testsrc=duration={seconds}:size=160x120:rate=15"]
TONE = ["-f", "lavfi", "-i", "sine=frequency=440:duration={seconds}"]


def ffmpeg(target: Path, *arguments: str, seconds: float = 2) -> Path:
    filled = [argument.format(seconds=seconds) for argument in arguments]
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", *filled, "-shortest", str(target)],
        check=True,
        timeout=60,
    )
    return target


def webm_vp9_opus(folder: Path, seconds: float = 2) -> Path:
    return ffmpeg(
        folder / "lecture.webm",
        *PICTURE,
        *TONE,
        *["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus"],
        seconds=seconds,
    )


def mp4_h264_aac(folder: Path, *, faststart: bool, seconds: float = 2) -> Path:
    name = "faststart.mp4" if faststart else "lecture.mp4"
    flags = ["-movflags", "+faststart"] if faststart else []
    return ffmpeg(
        folder / name,
        *PICTURE,
        *TONE,
        *["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"],
        *flags,
        seconds=seconds,
    )


def mp3(folder: Path, seconds: float = 3) -> Path:
    return ffmpeg(folder / "talk.mp3", *TONE, "-c:a", "libmp3lame", seconds=seconds)


def text_as_mp4(folder: Path) -> Path:
    path = folder / "notes.mp4"
    path.write_text("Minutes of the mobility working group, not a video.\n" * 20)
    return path


def truncated_mp4(folder: Path, *, faststart: bool = False) -> Path:
    """The first 3 kB of an MP4: without fast start its index is lost (nothing can be read);
    with it, the index survives and the pictures it points at are missing."""
    whole = mp4_h264_aac(folder, faststart=faststart).read_bytes()
    path = folder / "broken.mp4"
    path.write_bytes(whole[:3000])
    return path


def truncated_faststart_mp4(folder: Path) -> Path:
    return truncated_mp4(folder, faststart=True)


def empty(folder: Path, name="empty.mp4") -> Path:
    path = folder / name
    path.write_bytes(b"")
    return path


def probe(path) -> dict:
    completed = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams"]
        + [str(path)],
        capture_output=True,
        check=True,
        timeout=30,
    )
    return json.loads(completed.stdout)


def codecs(path) -> list[tuple[str, str]]:
    return [(s["codec_type"], s["codec_name"]) for s in probe(path)["streams"]]


def seconds(path) -> float:
    return float(probe(path)["format"]["duration"])


def moov_before_mdat(path) -> bool:
    data = Path(path).read_bytes()
    return 0 <= data.find(b"moov") < data.find(b"mdat")


def save_media(path: Path, *, kind: str, title: str = "Lecture"):
    with path.open("rb") as handle:
        media = get_media_model()(title=title, type=kind, file=File(handle, name=path.name))
        media.save()
    return media
