"""When published course content last changed anywhere on the site: one mark for every cache.

Two caches keep rendered content: the fragment cache (modules.content_cache), whose keys carry
this mark as the site's content generation, and shared HTTP caches, whose `Last-Modified`
(config.http_cache) is never older than it. A course page shows more than itself (a module
lists its lessons, a lesson names its neighbours, experts and themes), so any publish,
unpublish, move or delete, any edit of an expert, theme, image or media item, and any
registration that changes an event's seats moves the mark forward.

The mark moves when the change happens and once more when its transaction commits: a request
that rendered the old content between the two (it could not yet see the change) is then out of
date too. It lives in the default cache (Redis in production, shared by every process); when the
cache is unreachable it reads as now, which is always a safe upper bound.
"""

import math
import time
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction

KEY = "content-changed"


def content_changed_ns(request=None) -> int:
    """The mark, in nanoseconds since the epoch: the site's content generation. Given the
    request, read once for it however many fragments and headers ask."""
    value = getattr(request, "_content_changed_ns", None)
    if value is None:
        value = cache.get_or_set(KEY, time.time_ns, None) or time.time_ns()
        if request is not None:
            request._content_changed_ns = value
    return value


def content_changed_at(request=None) -> datetime:
    """The mark as an aware datetime, rounded up to the second (HTTP dates have no fractions)."""
    return datetime.fromtimestamp(math.ceil(content_changed_ns(request) / 1e9), tz=UTC)


def content_changed_mark(**kwargs) -> None:
    """Content changes now (a signal receiver): move the mark now and again on commit."""
    cache.set(KEY, time.time_ns(), None)
    transaction.on_commit(lambda: cache.set(KEY, time.time_ns(), None))
