"""Event emails: which ones are due, their claim keys, and sending each exactly once.

Four emails, each claimed in courses' ReminderSend table before it is sent, through the same
claim → lock → send → mark path as the course reminders (courses.reminders.sending):

- an update, when a published change moves the event in time or place
  (period "event-<id>:seq-<sequence>"), to everyone with a seat;
- a cancellation ("event-<id>:cancelled:seq-<sequence>"), to everyone with a seat or waiting;
- a reminder 24 hours before the start ("event-<id>:24h:<start in UTC>"), so that an event
  moved to another time gets a new one, to everyone with a seat;
- a seat, when someone moves up from the waiting list ("event-<id>:seat-<registration>:<when>").

Updates, cancellations and seats are enqueued by web requests; when the broker was down then,
the event sweep finds them in the database (`missed_event_emails`) and sends them late, once.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from config.enqueue import enqueue
from courses.models import ReminderSend
from courses.reminders.sending import claim_mark_failed, claimed_send
from events.models import EventRegistration, EventState, RegistrationStatus

REMINDER_AHEAD = timedelta(hours=24)
BATCH_SIZE = 500

KINDS = {
    "update": ReminderSend.KIND_EVENT_UPDATE,
    "cancelled": ReminderSend.KIND_EVENT_CANCELLED,
    "reminder": ReminderSend.KIND_EVENT_REMINDER,
    "seat": ReminderSend.KIND_EVENT_SEAT,
}


def update_period(event_id: int, sequence: int) -> str:
    return f"event-{event_id}:seq-{sequence}"


def cancellation_period(event_id: int, sequence: int) -> str:
    return f"event-{event_id}:cancelled:seq-{sequence}"


def reminder_period(event_id: int, start: datetime) -> str:
    return f"event-{event_id}:24h:{start.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}"


def seat_period(event_id: int, registration: EventRegistration) -> str:
    return f"event-{event_id}:seat-{registration.pk}:{registration.promoted_at:%Y%m%dT%H%M%S.%f}"


def event_emails_enqueue(*, kind: str, periods: dict[int, str]) -> None:
    """After the current transaction commits, enqueue one send task per registration.

    Called from web requests (a cancellation frees a seat, an editor publishes a change): with
    the broker down the request still succeeds, and the event sweep sends what was not enqueued
    (`due_event_emails`)."""
    from events.tasks import event_email_task

    for registration_id, period in periods.items():
        transaction.on_commit(
            lambda rid=registration_id, p=period: enqueue(event_email_task, rid, kind, p)
        )


def email_still_due(kind: str, period: str, registration_id: int, now: datetime) -> bool:
    """Asked under the claim's lock, from fresh rows: is this email still worth sending?"""
    registration = (
        EventRegistration.objects.select_related("event", "user").filter(pk=registration_id).first()
    )
    if registration is None or not registration.user.is_active:
        return False
    event = registration.event
    if kind == "cancelled":
        return event.cancelled and registration.status != RegistrationStatus.CANCELLED
    if not event.live or event.cancelled or not registration.is_registered:
        return False
    if kind == "update":
        # A later change supersedes this one: its own email carries the newest file.
        state = EventState.objects.filter(event_id=event.pk).first()
        return state is not None and period == update_period(event.pk, state.sequence)
    if event.has_started(now):  # also an event whose dates were cleared
        return False
    if kind == "reminder":
        return period == reminder_period(event.pk, event.start)
    return True  # seat


def event_email_send(
    *, registration_id: int, kind: str, period: str, now: datetime | None = None
) -> str:
    """Send one event email at most once; same outcomes as courses' reminder_send."""
    from events.emails import event_message

    now = now or timezone.now()
    registration = (
        EventRegistration.objects.select_related("event", "user").filter(pk=registration_id).first()
    )
    if registration is None or kind not in KINDS:
        return "skipped"
    return claimed_send(
        user_id=registration.user_id,
        kind=KINDS[kind],
        period=period,
        about={"event_id": registration.event_id},
        still_due=lambda: email_still_due(kind, period, registration_id, now),
        message=lambda claim: event_message(kind=kind, registration_id=registration_id, now=now),
        now=now,
    )


def event_email_mark_failed(*, registration_id: int, kind: str, period: str, reason: str) -> None:
    registration = EventRegistration.objects.filter(pk=registration_id).first()
    if registration is None or kind not in KINDS:
        return
    claim_mark_failed(
        user_id=registration.user_id,
        kind=KINDS[kind],
        period=period,
        about={"event_id": registration.event_id},
        reason=reason,
    )


@dataclass(frozen=True)
class DueEventReminder:
    registration_id: int
    period: str


def due_event_reminders(now: datetime, batch_size: int = BATCH_SIZE) -> Iterator[list]:
    """Seats at live, not cancelled events starting within 24 hours whose reminder has no claim
    yet, in batches: keyset pagination by registration id, two queries per batch."""
    candidates = (
        EventRegistration.objects.registered()
        .filter(
            event__live=True,
            event__cancelled=False,
            event__start__gt=now,
            event__start__lte=now + REMINDER_AHEAD,
        )
        .select_related("event")
        .only("pk", "user_id", "event_id", "event__start")
        .order_by("pk")
    )
    last_id = 0
    while True:
        batch = list(candidates.filter(pk__gt=last_id)[:batch_size])
        if not batch:
            return
        last_id = batch[-1].pk
        periods = {r.pk: reminder_period(r.event_id, r.event.start) for r in batch}
        claimed = set(
            ReminderSend.objects.filter(
                kind=ReminderSend.KIND_EVENT_REMINDER,
                user_id__in={r.user_id for r in batch},
                period__in=set(periods.values()),
            ).values_list("user_id", "period")
        )
        due = [
            DueEventReminder(r.pk, periods[r.pk])
            for r in batch
            if (r.user_id, periods[r.pk]) not in claimed
        ]
        if due:
            yield due


@dataclass(frozen=True)
class MissedEventEmail:
    registration_id: int
    user_id: int
    kind: str
    period: str


def missed_event_emails(now: datetime) -> list[MissedEventEmail]:
    """Seat, update and cancellation emails for events still to come that have no claim at
    all: a web request decided on them but could not enqueue them (the broker was down), so no
    task ever ran. A task still waiting in the queue finds its claim taken and sends nothing
    twice.

    An update goes to whoever held a seat when it was published: registered since no later than
    the state's `changed_at` (a registration's `updated_at` is when it became a seat)."""
    registrations = (
        EventRegistration.objects.filter(event__start__gt=now)
        .select_related("event__state")
        .only(
            "pk",
            "user_id",
            "event_id",
            "promoted_at",
            "event__state__sequence",
            "event__state__changed_at",
        )
        .order_by("pk")
    )
    upcoming = registrations.filter(event__live=True, event__cancelled=False)
    seats = upcoming.registered().filter(promoted_at__isnull=False)
    updates = upcoming.registered().filter(
        event__state__sequence__gt=0, updated_at__lte=F("event__state__changed_at")
    )
    cancelled = registrations.active().filter(
        event__cancelled=True, event__state__cancelled_at__isnull=False
    )
    due = [MissedEventEmail(r.pk, r.user_id, "seat", seat_period(r.event_id, r)) for r in seats]
    due += [
        MissedEventEmail(
            r.pk, r.user_id, "update", update_period(r.event_id, r.event.state.sequence)
        )
        for r in updates
    ]
    due += [
        MissedEventEmail(
            r.pk, r.user_id, "cancelled", cancellation_period(r.event_id, r.event.state.sequence)
        )
        for r in cancelled
    ]
    if not due:
        return []
    claimed = set(
        ReminderSend.objects.filter(
            kind__in=[KINDS["seat"], KINDS["update"], KINDS["cancelled"]],
            user_id__in={d.user_id for d in due},
            period__in={d.period for d in due},
        ).values_list("user_id", "period")
    )
    return [d for d in due if (d.user_id, d.period) not in claimed]
