"""Benchmark the media view's memory: a worker's peak RSS while it serves 1 MB to 1 GB files.

For each size it writes a file of real data (each MiB different, so that a misplaced block shows)
into a throwaway MEDIA_ROOT, starts gunicorn with one sync worker on the production settings
(no proxy, `DJANGO_SERVE_MEDIA=true`), and asks for the file the way a browser does:

* `bytes=0-`, what every browser sends first for a video (a 206 of the whole file);
* a middle range, from a quarter to three quarters of the file;
* no Range at all (a 200, which gunicorn may hand to sendfile).

The client reads every body to the end and checks its SHA-256 against the file's bytes. The
figures are the worker's resident memory after a warm-up request and its high-water mark
(VmHWM in /proc/<pid>/status) after each request; a fresh server per size keeps one size's peak
out of the next one's. Streaming in blocks keeps the peak flat whatever the size; reading a range
into memory would add the range's length. Linux only (it reads /proc). Usage::

    .venv/bin/python scripts/bench_media.py [--sizes 1M,100M,1G] [--sparse]

--sparse makes the files with truncate (holes read as zeros, nothing written to disk): quicker,
and the view still reads every byte, but the content check can no longer catch a misplaced block.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scripts.benchserver import Gunicorn, production_env  # noqa: E402

MIB = 1024 * 1024
UNITS = {"K": 1024, "M": MIB, "G": 1024 * MIB}
READ_BLOCK = MIB


@dataclass
class Measure:
    label: str
    status: int
    received: int
    seconds: float
    peak_kib: int


def parse_size(text: str) -> int:
    text = text.strip().upper().removesuffix("B")
    if text[-1:] in UNITS:
        return int(float(text[:-1]) * UNITS[text[-1]])
    return int(text)


def human(size: int) -> str:
    for unit, factor in (("GB", 1024 * MIB), ("MB", MIB), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} B"


def write_file(path: Path, size: int, *, sparse: bool) -> None:
    with path.open("wb") as handle:
        if sparse:
            handle.truncate(size)
            return
        for index in range(0, size, MIB):
            block = index.to_bytes(8, "big") * (MIB // 8)  # every MiB its own
            handle.write(block[: min(MIB, size - index)])


def file_digest(path: Path, first: int, last: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        handle.seek(first)
        remaining = last - first + 1
        while remaining:
            data = handle.read(min(READ_BLOCK, remaining))
            digest.update(data)
            remaining -= len(data)
    return digest.hexdigest()


def status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for process {pid}")


class Server:
    """gunicorn with one sync worker on the production settings, serving `media_root`."""

    def __init__(self, work: Path, media_root: Path):
        static_root = work / "static"
        static_root.mkdir(exist_ok=True)
        env = production_env(
            database_url=f"sqlite:///{work / 'db.sqlite3'}",  # never touched by the media view
            static_root=static_root,
            media_root=media_root,
        )
        env.update(DJANGO_SERVE_MEDIA="true", CELERY_TASK_ALWAYS_EAGER="true")
        self.gunicorn = Gunicorn(
            env,
            workers=1,
            options=["--worker-class", "sync", "--timeout", "600", "--log-level", "warning"],
        )
        self.port = self.gunicorn.port
        self.worker = self.gunicorn.worker_pids[0]

    def get(self, path: str, range_header: str | None) -> tuple[int, int, str, float]:
        """Status, body length and SHA-256 of a GET read to the end, and the seconds it took."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        headers = {"Range": range_header} if range_header else {}
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        digest, received = hashlib.sha256(), 0
        while data := response.read(READ_BLOCK):
            digest.update(data)
            received += len(data)
        seconds = time.perf_counter() - started
        connection.close()
        return response.status, received, digest.hexdigest(), seconds

    def stop(self) -> None:
        self.gunicorn.stop()


def bench_size(work: Path, size: int, *, sparse: bool) -> tuple[int, list[Measure]]:
    media_root = work / f"media-{size}"
    (media_root / "media").mkdir(parents=True)
    path = media_root / "media" / "lecture.bin"
    write_file(path, size, sparse=sparse)
    cases = [
        ("bytes=0-", "bytes=0-", 0, size - 1),
        ("middle half", f"bytes={size // 4}-{3 * size // 4 - 1}", size // 4, 3 * size // 4 - 1),
        ("no Range", None, 0, size - 1),
    ]
    server = Server(work, media_root)
    try:
        server.get("/media/media/lecture.bin", "bytes=0-0")  # warm up: imports, URLconf
        baseline = status_kib(server.worker, "VmRSS")
        measures = []
        for label, header, first, last in cases:
            status, received, digest, seconds = server.get("/media/media/lecture.bin", header)
            expected = file_digest(path, first, last)
            if received != last - first + 1 or digest != expected:
                raise SystemExit(f"{human(size)} {label}: wrong body ({received} bytes)")
            peak = status_kib(server.worker, "VmHWM")
            measures.append(Measure(label, status, received, seconds, peak))
        return baseline, measures
    finally:
        server.stop()
        shutil.rmtree(media_root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1M,100M,1G", help="file sizes, e.g. 1M,100M,1G")
    parser.add_argument("--sparse", action="store_true", help="sparse files (holes read as 0)")
    args = parser.parse_args()
    sizes = [parse_size(size) for size in args.sizes.split(",")]

    work = Path(tempfile.mkdtemp(prefix="bench-media-"))
    print(f"gunicorn, 1 sync worker, config.settings.production; files in {work}")
    print(
        f"{'file':>8}  {'request':<12} {'status':>6} {'received':>12} {'seconds':>8} "
        f"{'MB/s':>7} {'RSS after warm-up':>18} {'peak RSS':>10} {'growth':>9}"
    )
    peaks = []
    try:
        for size in sizes:
            baseline, measures = bench_size(work, size, sparse=args.sparse)
            for measure in measures:
                rate = measure.received / MIB / measure.seconds if measure.seconds else 0
                print(
                    f"{human(size):>8}  {measure.label:<12} {measure.status:>6} "
                    f"{measure.received:>12} {measure.seconds:>8.2f} {rate:>7.0f} "
                    f"{baseline / 1024:>15.1f} MB {measure.peak_kib / 1024:>7.1f} MB "
                    f"{(measure.peak_kib - baseline) / 1024:>+6.1f} MB"
                )
            peaks.append(measures[-1].peak_kib)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    spread = (max(peaks) - min(peaks)) / 1024
    print(f"peak RSS from {human(sizes[0])} to {human(sizes[-1])}: spread {spread:.1f} MB")


if __name__ == "__main__":
    main()
