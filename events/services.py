"""Writes for events: registering, cancelling, the waiting list, and what a publish changes.

Every write that counts seats first locks the event's EventState row (SELECT ... FOR UPDATE),
so that concurrent registrations for the last seat are served one after another and the
capacity holds. Registrations are held by the English event, whichever translation the learner
registered from, so that every language shares the same seats. The confirmation of a new
seat goes to the outbox in the registration's own transaction (`event_register_and_confirm`,
through mailing.backends); the other emails are enqueued after the transaction commits, and
their task claims before it sends (courses.reminders.sending.claimed_send).
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.emails import event_message
from events.models import EventPage, EventRegistration, EventState, RegistrationStatus
from events.notifications import (
    cancellation_period,
    event_emails_enqueue,
    seat_period,
    update_period,
)
from modules.translations import source_page

CLOSED_STARTED = _("Registration closed when the event started.")
CLOSED_CANCELLED = _("This event has been cancelled.")
CLOSED_PARTNER = _("This event is organised by a partner: registration is on their site.")


@dataclass(frozen=True)
class RegistrationResult:
    outcome: str  # registered, waitlisted, already-registered, already-waitlisted, closed,
    # cancelled, not-registered
    registration: EventRegistration | None = None
    reason: str = ""


def registration_closed_reason(event: EventPage, now: datetime) -> str:
    """Why nobody can register or cancel now, or "" when they can."""
    if event.cancelled:
        return str(CLOSED_CANCELLED)
    if event.is_hosted_by_partner:
        return str(CLOSED_PARTNER)
    if event.has_started(now):
        return str(CLOSED_STARTED)
    return ""


def event_state_lock(event_id: int) -> EventState:
    """The event's state row, locked until the end of the transaction (created if missing)."""
    EventState.objects.get_or_create(event_id=event_id)
    return EventState.objects.select_for_update().get(event_id=event_id)


def _fresh(event_id: int) -> EventPage:
    # Read again under the lock: an editor may have changed the capacity or the time since.
    return EventPage.objects.only("pk", "start", "end", "capacity", "cancelled", "host_name").get(
        pk=event_id
    )


def seats_taken(event_id: int) -> int:
    return EventRegistration.objects.filter(event_id=event_id).registered().count()


def event_register(*, event: EventPage, user, now: datetime | None = None) -> RegistrationResult:
    """Give the learner a seat, or a place on the waiting list when the event is full."""
    now = now or timezone.now()
    event = source_page(event)
    with transaction.atomic():
        event_state_lock(event.pk)
        current = _fresh(event.pk)
        reason = registration_closed_reason(current, now)
        if reason:
            return RegistrationResult("closed", reason=reason)
        registration = (
            EventRegistration.objects.select_for_update().filter(event=event, user=user).first()
        )
        if registration is not None and registration.is_registered:
            return RegistrationResult("already-registered", registration)
        if registration is not None and registration.is_waitlisted:
            return RegistrationResult("already-waitlisted", registration)
        has_seat = current.capacity is None or seats_taken(event.pk) < current.capacity
        status = RegistrationStatus.REGISTERED if has_seat else RegistrationStatus.WAITLISTED
        if registration is None:
            registration = EventRegistration(event=event, user=user, created_at=now)
        registration.status = status
        registration.updated_at = now
        registration.waitlisted_at = None if has_seat else now
        registration.promoted_at = None
        registration.cancelled_at = None
        registration.save()
    return RegistrationResult(status.value, registration)


def event_register_and_confirm(
    *, event: EventPage, user, now: datetime | None = None
) -> RegistrationResult:
    """Register as `event_register` does, and confirm a new seat by email with the calendar
    file, in the learner's language: what the register button does.

    The email goes through the outbox (mailing.backends), its row written in the same
    transaction as the seat: a registration that rolls back sends nothing, and a second click
    finds the seat taken ("already-registered") and sends nothing twice. A place on the waiting
    list is confirmed on the page; the seat email follows if a seat frees up.
    """
    now = now or timezone.now()
    with transaction.atomic():
        result = event_register(event=event, user=user, now=now)
        if result.outcome == RegistrationStatus.REGISTERED.value:
            event_message(
                kind="confirmation", registration_id=result.registration.pk, now=now
            ).send()
    return result


def event_registration_cancel(
    *, event: EventPage, user, now: datetime | None = None
) -> RegistrationResult:
    """Give up a seat or a place on the waiting list; a freed seat goes to the first waiting."""
    now = now or timezone.now()
    event = source_page(event)
    with transaction.atomic():
        event_state_lock(event.pk)
        current = _fresh(event.pk)
        registration = (
            EventRegistration.objects.select_for_update().filter(event=event, user=user).first()
        )
        if registration is None or registration.status == RegistrationStatus.CANCELLED:
            return RegistrationResult("not-registered")
        reason = registration_closed_reason(current, now)
        if reason:
            return RegistrationResult("closed", registration, reason=reason)
        registration.status = RegistrationStatus.CANCELLED
        registration.updated_at = now
        registration.cancelled_at = now
        registration.waitlisted_at = None
        registration.save()
        waitlist_promote(event=current, now=now)
    return RegistrationResult("cancelled", registration)


def waitlist_promote(*, event: EventPage, now: datetime) -> list[EventRegistration]:
    """Move people up from the waiting list into free seats, first come first served, and
    email each of them. The caller holds the event's lock."""
    if event.cancelled or event.has_started(now):
        return []
    waiting = EventRegistration.objects.filter(event_id=event.pk).waitlisted()
    if event.capacity is not None:
        free = event.capacity - seats_taken(event.pk)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting.select_for_update())
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        registration.updated_at = now
        registration.waitlisted_at = None
        registration.save(update_fields=["status", "promoted_at", "updated_at", "waitlisted_at"])
        event_emails_enqueue(
            kind="seat", periods={registration.pk: seat_period(event.pk, registration)}
        )
    return promoted


def schedule_fingerprint(event: EventPage) -> str:
    """What, if it changes, makes calendars need an update: the time and the place."""
    parts = [
        event.start.isoformat() if event.start else "",
        event.end.isoformat() if event.end else "",
        event.timezone,
        event.event_format,
        event.venue,
        " ".join(event.address.split()),
        event.online_url,
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def event_publish_record(*, event: EventPage, now: datetime | None = None) -> EventState:
    """Called when an editor publishes an event: compare the time and place with what was last
    published; when they changed, raise SEQUENCE and email everyone registered the new calendar
    file; when the event was cancelled, email everyone registered or waiting, once; when seats
    were added, move people up from the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        state = event_state_lock(event.pk)
        fingerprint = schedule_fingerprint(event)
        first_publish = not state.fingerprint
        moved = not first_publish and state.fingerprint != fingerprint
        registrations = EventRegistration.objects.filter(event_id=event.pk)
        if event.cancelled and state.cancelled_at is None:
            state.cancelled_at = now
            state.sequence += 1
            active = registrations.active().values_list("pk", flat=True)
            period = cancellation_period(event.pk, state.sequence)
            event_emails_enqueue(kind="cancelled", periods=dict.fromkeys(active, period))
        elif (moved or state.cancelled_at is not None) and not event.cancelled:
            # Moved in time or place, or brought back after a cancellation. `changed_at` tells
            # the sweep who held a seat then (events.notifications.missed_event_emails).
            state.cancelled_at = None
            state.sequence += 1
            state.changed_at = now
            ids = registrations.registered().values_list("pk", flat=True)
            period = update_period(event.pk, state.sequence)
            event_emails_enqueue(kind="update", periods=dict.fromkeys(ids, period))
        if first_publish or moved:
            state.fingerprint = fingerprint
            state.changed_at = now
        state.save()
        waitlist_promote(event=event, now=now)
    return state
