"""Serve uploaded media with HTTP range requests, so that audio and video players can seek.

Django's own `static.serve` always answers with the whole file, and browsers then cannot jump
to a position in a lecture. In production a web server or object store can take this over
(`DJANGO_SERVE_MEDIA=false`); until then this view answers ranges itself.
"""

import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponse
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
mimetypes.add_type("text/vtt", ".vtt")


def _open(path: str) -> Path:
    try:
        full = Path(safe_join(settings.MEDIA_ROOT, path))
    except (SuspiciousFileOperation, ValueError) as error:  # a path that leaves MEDIA_ROOT
        raise Http404 from error
    if not full.is_file():
        raise Http404
    return full


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) byte of a single-range header, or None when it cannot be satisfied."""
    match = RANGE.match(header.strip())
    if not match or (not match[1] and not match[2]):
        return None
    if match[1]:
        first = int(match[1])
        last = min(int(match[2]), size - 1) if match[2] else size - 1
    else:
        first, last = max(size - int(match[2]), 0), size - 1
    if first > last or first >= size:
        return None
    return first, last


@require_safe
def serve_media(request, path: str):
    full = _open(path)
    stat = full.stat()
    content_type = mimetypes.guess_type(full.name)[0] or "application/octet-stream"
    header = request.headers.get("Range")
    if not header:
        response = FileResponse(full.open("rb"), content_type=content_type)
    else:
        byte_range = parse_range(header, stat.st_size)
        if byte_range is None:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{stat.st_size}"
            return response
        first, last = byte_range
        with full.open("rb") as handle:
            handle.seek(first)
            response = HttpResponse(
                handle.read(last - first + 1), content_type=content_type, status=206
            )
        response["Content-Range"] = f"bytes {first}-{last}/{stat.st_size}"
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = "public, max-age=3600"
    return response
