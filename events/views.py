"""Registering and cancelling (POST, then back to the event page), and calendar files.

The views only read the request, call a service and say what happened: the rules live in
events.services.
"""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events.calendar import CONTENT_TYPE, event_calendar, events_feed
from events.models import EventPage, EventState
from events.queries import event_sequences, registrations_of
from events.services import event_register_and_confirm, event_registration_cancel


def live_event(pk: int) -> EventPage:
    event = EventPage.objects.live().public().filter(pk=pk).first()
    if event is None:
        raise Http404(_("No such event."))
    return event


REGISTER_MESSAGES = {
    "registered": (messages.SUCCESS, _("You are registered. See you there!")),
    "waitlisted": (
        messages.INFO,
        _("The event is full, so you are on the waiting list. We will email you if a seat frees."),
    ),
    "already-registered": (messages.INFO, _("You are already registered.")),
    "already-waitlisted": (messages.INFO, _("You are already on the waiting list.")),
}
CANCEL_MESSAGES = {
    "cancelled": (messages.SUCCESS, _("Your registration is cancelled.")),
    "not-registered": (messages.INFO, _("You were not registered for this event.")),
}


def _say(request, result, table) -> None:
    if result.outcome == "closed":
        messages.error(request, result.reason)
        return
    level, text = table[result.outcome]
    messages.add_message(request, level, text)


@require_POST
def register(request, pk: int):
    event = live_event(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    _say(request, event_register_and_confirm(event=event, user=request.user), REGISTER_MESSAGES)
    return redirect(event.url + "#registration")


@require_POST
def cancel_registration(request, pk: int):
    event = live_event(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    _say(request, event_registration_cancel(event=event, user=request.user), CANCEL_MESSAGES)
    return redirect(event.url + "#registration")


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def event_ics(request, pk: int):
    """One event's calendar file; a registered participant's copy carries the joining link."""
    event = live_event(pk)
    if not event.has_dates:
        raise Http404(_("This event has no dates to put in a calendar."))
    # The calendar sequence is the English event's, which every translation shares.
    state = EventState.objects.filter(
        event__translation_key=event.translation_key,
        event__locale__language_code=settings.LANGUAGE_CODE,
    ).first()
    registered = (
        request.user.is_authenticated
        and registrations_of([event]).filter(user=request.user).registered().exists()
    )
    body = event_calendar(event, sequence=state.sequence if state else 0, joining_link=registered)
    return _calendar_response(body, f"{event.slug}.ics")


@require_GET
def upcoming_ics(request):
    """Every upcoming event in one calendar, for subscribing."""
    events = list(EventPage.objects.live().public().upcoming(timezone.now()))
    body = events_feed(
        events, sequences=event_sequences(events), name=_("Smart Cities course events")
    )
    return _calendar_response(body, "smart-cities-events.ics")


@require_GET
def recording_captions(request, pk: int):
    """The captions of a past event's recording, as WebVTT for the player's <track>."""
    event = live_event(pk)
    if not event.recording_captions.strip():
        raise Http404(_("This recording has no captions."))
    return HttpResponse(event.recording_captions, content_type="text/vtt; charset=utf-8")
