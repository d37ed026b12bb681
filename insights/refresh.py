"""Rebuilding the rollups: by Celery beat every INSIGHTS_REFRESH_SECONDS, by the management
command `refresh_insights`, and soon after an account deletion (so that it leaves no trace).

`REFRESH MATERIALIZED VIEW CONCURRENTLY` lets the pages keep reading the old figures while the
new ones are computed; inside an open transaction (a test, say) the plain form is used.
"""

import time

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from insights.models import Refresh
from insights.rollup_sql import VIEWS


def rollups_available() -> bool:
    """The views exist only on PostgreSQL (migration 0002)."""
    return connection.vendor == "postgresql"


def rollups_refresh() -> Refresh | None:
    """Recompute every view and record when; None where there are no views."""
    if not rollups_available():
        return None
    started = time.monotonic()
    concurrently = "" if connection.in_atomic_block else " CONCURRENTLY"
    with connection.cursor() as cursor:
        for name in VIEWS:
            cursor.execute(f"REFRESH MATERIALIZED VIEW{concurrently} {name}")
    refresh, _ = Refresh.objects.update_or_create(
        pk=1,
        defaults={"finished_at": timezone.now(), "seconds": time.monotonic() - started},
    )
    return refresh


def last_refresh() -> Refresh | None:
    return Refresh.objects.filter(pk=1).first()


# After a deletion the refresh waits a minute, so that many deletions in a row (the retention
# prune, say) share one refresh; a deletion while one is already waiting asks for none.
AFTER_DELETION_DELAY = 60
QUEUED_KEY = "insights:refresh-queued"


def refresh_after_commit() -> None:
    """Ask the worker for a refresh once the current transaction commits (account deletion)."""
    from insights.tasks import insights_refresh

    def queue():
        # The key lives a little less than the delay: a deletion it turns away committed before
        # the waiting refresh starts, so that refresh covers it.
        if cache.add(QUEUED_KEY, 1, timeout=AFTER_DELETION_DELAY - 10):
            insights_refresh.apply_async(countdown=AFTER_DELETION_DELAY)

    transaction.on_commit(queue)
