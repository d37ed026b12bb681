"""Who is due a reminder now. Pure reads: testable without Celery, shared by beat and the command.

A learner is due when they are enrolled and have not finished, have reminders on, have been
inactive for at least their cadence, got no reminder in the current cadence period, have had
fewer than three reminders since they last studied, and it is morning (09:00 to 12:00) where
they live. The reminder's `period` key names the inactivity streak and the period within it, so
the unique claim on it allows one reminder per period and resets when the learner comes back.
"""

import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, Max, OuterRef, Subquery

from courses.models import Cadence, Enrolment, ReminderSend, ReminderStatus

MORNING_START, MORNING_END = 9, 12
MAX_REMINDERS_WITHOUT_ACTIVITY = 3
BATCH_SIZE = 500
SHORTEST_CADENCE = timedelta(days=min(cadence.days for cadence in Cadence))


@dataclass(frozen=True)
class DueReminder:
    enrolment_id: int
    user_id: int
    period: str
    last_activity_at: datetime
    reminders_in_streak: int


def period_key(enrolment: Enrolment, cadence: Cadence, index: int) -> str:
    # The cadence is part of the key: periods counted in weeks and in months share numbers, and
    # a learner who switches from weekly to monthly must not meet an earlier week's claim.
    activity = enrolment.last_activity_at.strftime("%Y%m%dT%H%M%S.%f")
    return f"course-{enrolment.course_id}:{activity}:{cadence.value}-{index}"


def learner_zone(timezone_name: str) -> zoneinfo.ZoneInfo:
    """The learner's timezone, or UTC when it is not known here."""
    try:
        return zoneinfo.ZoneInfo(timezone_name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def in_local_morning(now: datetime, timezone_name: str) -> bool:
    return MORNING_START <= now.astimezone(learner_zone(timezone_name)).hour < MORNING_END


def candidates(now: datetime):
    """Unfinished enrolments inactive for at least the shortest cadence, with reminders not
    switched off, annotated with this inactivity streak's reminders (one query per batch)."""
    # Every claim in this streak holds its period, whatever became of it; only reminders that
    # went out (or are going out) count towards the three.
    streak = ReminderSend.objects.filter(
        enrolment=OuterRef("pk"), last_activity_at=OuterRef("last_activity_at")
    )
    reminded = streak.filter(status__in=[ReminderStatus.CLAIMED, ReminderStatus.SENT])
    return (
        Enrolment.objects.filter(
            completed_at__isnull=True, last_activity_at__lte=now - SHORTEST_CADENCE
        )
        .exclude(user__reminder_preference__enabled=False)
        .filter(user__is_active=True)
        .annotate(
            cadence=F("user__reminder_preference__cadence"),
            reminders_in_streak=Subquery(
                reminded.values("enrolment").annotate(n=Count("pk")).values("n")[:1]
            ),
            last_reminder_at=Subquery(
                streak.values("enrolment").annotate(last=Max("claimed_at")).values("last")[:1]
            ),
        )
        .select_related("user")
        .order_by("pk")
    )


def due_reminder(enrolment: Enrolment, now: datetime) -> DueReminder | None:
    """The reminder this candidate is due now, or None."""
    chosen = Cadence(enrolment.cadence or Cadence.WEEKLY)
    cadence = timedelta(days=chosen.days)
    inactive = now - enrolment.last_activity_at
    sent_in_streak = enrolment.reminders_in_streak or 0
    if inactive < cadence or sent_in_streak >= MAX_REMINDERS_WITHOUT_ACTIVITY:
        return None
    if enrolment.last_reminder_at and now - enrolment.last_reminder_at < cadence:
        return None
    if not in_local_morning(now, enrolment.user.timezone):
        return None
    return DueReminder(
        enrolment_id=enrolment.pk,
        user_id=enrolment.user_id,
        period=period_key(enrolment, chosen, inactive // cadence),
        last_activity_at=enrolment.last_activity_at,
        reminders_in_streak=sent_in_streak,
    )


def due_reminder_batches(
    now: datetime, batch_size: int = BATCH_SIZE
) -> Iterator[list[DueReminder]]:
    """Everyone due now, in batches: keyset pagination by enrolment id, one query per batch."""
    last_id = 0
    while True:
        batch = list(candidates(now).filter(pk__gt=last_id)[:batch_size])
        if not batch:
            return
        last_id = batch[-1].pk
        due = [reminder for e in batch if (reminder := due_reminder(e, now)) is not None]
        if due:
            yield due
