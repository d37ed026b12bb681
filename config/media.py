"""Serve public uploads with HTTP range requests, so that audio and video players can seek.

Django's own `static.serve` always answers with the whole file, and browsers then cannot jump
to a position in a lecture. This view is for the embedded default and small sites; production
serves media from object storage or the reverse proxy (`DJANGO_SERVE_MEDIA=false`), which do the
same job without a Python worker per download.

Three rules keep it safe and cheap:

* Only the public upload folders (`MEDIA_PUBLIC_FOLDERS`) are served. Documents are not among
  them: Wagtail's document view serves those, after its collection privacy check, so a document
  restricted to signed-in users never has a public static address.
* Only types a browser shows passively (raster images, audio, video, plain text) are served
  inline. Anything else, an SVG image with a script inside above all, is an attachment under a
  sandboxing policy, so that it can never run in the site's origin.
* Ranges are streamed in blocks of `BLOCK_SIZE`, whatever their length: a browser asks for
  `bytes=0-` of every video, and reading that range into memory cost a worker the size of the
  file. A header this view does not support (several ranges, another unit, bad syntax) is
  ignored, as RFC 9110 allows, and the whole file is sent; only a valid single range that starts
  at or past the end is answered with 416.
"""

import mimetypes
import os
import stat
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponse
from django.utils._os import safe_join
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

BLOCK_SIZE = 64 * 1024
# A position longer than this many digits is past the end of any file; int() of thousands of
# digits would raise (and take time) instead.
MAX_DIGITS = 18
INLINE_TYPES = frozenset(
    {"image/avif", "image/gif", "image/jpeg", "image/png", "image/webp", "text/plain", "text/vtt"}
)
INLINE_FAMILIES = ("audio/", "video/")
SANDBOX_POLICY = "default-src 'none'; sandbox"

mimetypes.add_type("text/vtt", ".vtt")


class RangeNotSatisfiable(Exception):
    """A valid single byte range that starts at or past the end of the file."""


class MediaFileResponse(FileResponse):
    """A FileResponse that streams in larger blocks than Django's default 4 KiB."""

    block_size = BLOCK_SIZE


class FileSlice:
    """`length` bytes of an open file from its current position, read in the caller's blocks.

    It deliberately has no `fileno()`: a WSGI server's file wrapper would then send the file
    with sendfile from the current position to its end (some servers stop at Content-Length,
    others do not), past the range. Reading the slice block by block is correct everywhere.
    """

    def __init__(self, handle, length: int):
        self._handle = handle
        self._remaining = length

    def read(self, size: int = -1) -> bytes:
        if self._remaining <= 0:
            return b""
        if size is None or size < 0 or size > self._remaining:
            size = self._remaining
        data = self._handle.read(size)
        self._remaining -= len(data)
        return data

    def close(self) -> None:
        self._handle.close()


def _position(digits: str) -> int:
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= MAX_DIGITS else 10**MAX_DIGITS


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) byte of a single-range header, or None when the header is to be ignored.

    Raises RangeNotSatisfiable for a valid single range that no byte of the file satisfies.
    """
    unit, equals, spec = header.strip().partition("=")
    if not equals or unit.strip().lower() != "bytes":
        return None
    ranges = [part.strip() for part in spec.split(",") if part.strip()]
    if len(ranges) != 1:
        return None
    first_digits, dash, last_digits = ranges[0].partition("-")
    if not dash or not (first_digits or last_digits):
        return None
    if not all(part.isascii() and part.isdigit() for part in (first_digits, last_digits) if part):
        return None
    if not first_digits:  # a suffix: the last N bytes
        length = _position(last_digits)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(size - length, 0), size - 1
    first = _position(first_digits)
    last = _position(last_digits) if last_digits else None
    if last is not None and last < first:
        return None  # invalid per RFC 9110, section 14.1.1
    if first >= size:
        raise RangeNotSatisfiable
    return first, size - 1 if last is None else min(last, size - 1)


def _public_file(path: str) -> tuple[Path, os.stat_result]:
    """The file at `path` under MEDIA_ROOT and its status, or 404 unless it is a public upload."""
    root = os.path.abspath(settings.MEDIA_ROOT)
    # SuspiciousFileOperation: the path leaves MEDIA_ROOT; ValueError: a NUL byte in it;
    # OSError: a name longer than the filesystem allows (ENAMETOOLONG), a missing file, and
    # whatever else makes the path unusable. None of them is the server's fault.
    try:
        full = Path(safe_join(root, path))
        folders = full.relative_to(root).parts[:-1]
        if not folders or folders[0] not in settings.MEDIA_PUBLIC_FOLDERS:
            raise Http404
        status = full.stat()
    except (SuspiciousFileOperation, ValueError, OSError) as error:
        raise Http404 from error
    if not stat.S_ISREG(status.st_mode):
        raise Http404
    return full, status


def _content_type(full: Path) -> str:
    content_type, encoding = mimetypes.guess_type(full.name)
    # A compressed file (.svg.gz) is served as the bytes it is, never as what it would unpack to.
    if content_type is None or encoding is not None:
        return "application/octet-stream"
    return content_type


def _is_inline(content_type: str) -> bool:
    return content_type in INLINE_TYPES or content_type.startswith(INLINE_FAMILIES)


def _if_range_matches(request, *, etag: str, last_modified: int) -> bool:
    """Whether a Range applies: no If-Range, or one naming this very version (RFC 9110, 13.1.5)."""
    validator = request.headers.get("If-Range", "").strip()
    if not validator:
        return True
    if validator.startswith(('"', "W/")):
        return validator == etag  # strong comparison: a weak tag never matches
    return parse_http_date_safe(validator) == last_modified


@require_safe
def serve_media(request, path: str):
    """One public upload: whole, or the single byte range asked for, streamed in blocks."""
    full, status = _public_file(path)
    size = status.st_size
    last_modified = int(status.st_mtime)
    etag = f'"{status.st_mtime_ns:x}-{size:x}"'
    content_type = _content_type(full)
    inline = _is_inline(content_type)

    validators = HttpResponse()
    validators["ETag"] = etag
    validators["Last-Modified"] = http_date(last_modified)
    validators["Cache-Control"] = "public, max-age=3600"
    conditional = get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=validators
    )
    if conditional is not validators:
        return conditional  # 304 Not Modified or 412 Precondition Failed

    byte_range = None
    header = request.headers.get("Range")
    if header and _if_range_matches(request, etag=etag, last_modified=last_modified):
        try:
            byte_range = parse_range(header, size)
        except RangeNotSatisfiable:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
    first, last = byte_range or (0, size - 1)
    length = last - first + 1

    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type, status=206 if byte_range else 200)
    else:
        try:
            handle = full.open("rb")
        except OSError as error:  # removed or made unreadable since the check above
            raise Http404 from error
        if byte_range:
            handle.seek(first)
            response = MediaFileResponse(
                FileSlice(handle, length), content_type=content_type, status=206
            )
        else:
            response = MediaFileResponse(handle, content_type=content_type)
    if byte_range:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(length)
    response["Content-Disposition"] = content_disposition_header(not inline, full.name)
    if not inline:
        response["Content-Security-Policy"] = SANDBOX_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Accept-Ranges"] = "bytes"
    for name in ("ETag", "Last-Modified", "Cache-Control"):
        response[name] = validators[name]
    return response
