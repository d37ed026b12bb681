"""The database reads behind the scrape-time metrics: a fixed number of queries per scrape.

They count rows rather than keep counters in memory, so that the figures are the same whichever
process (web or worker, on whichever host) did the work, and survive restarts.
"""

from datetime import datetime

from django.db.models import Count, Min, Q

from courses.models import ReminderSend
from mailing.models import OutboxEmail


def reminder_counts_since(*, since: datetime) -> list[dict]:
    """Reminder and event emails claimed since `since`, by kind and status (one query)."""
    return list(
        ReminderSend.objects.filter(claimed_at__gte=since)
        .values("kind", "status")
        .annotate(count=Count("pk"))
        .order_by("kind", "status")
    )


def outbox_backlog(*, now: datetime) -> dict:
    """Emails waiting in the outbox, those due now, given-up ones, the oldest wait (one query)."""
    return OutboxEmail.objects.aggregate(
        waiting=Count("pk", filter=Q(failed_at__isnull=True)),
        due=Count("pk", filter=Q(failed_at__isnull=True, next_attempt_at__lte=now)),
        failed=Count("pk", filter=Q(failed_at__isnull=False)),
        oldest_waiting=Min("created_at", filter=Q(failed_at__isnull=True)),
    )
