"""Calendar files (RFC 5545) for events: one event to download or attach, or the feed of all.

Times are written in UTC (the `Z` form), so no VTIMEZONE is needed and every client agrees on
the instant. The UID is stable for the life of the event, and SEQUENCE is the event's own
counter (EventState), raised whenever a published change moves it in time or place, so that a
calendar updates the entry it already has instead of adding a second one.

Downloads use METHOD:PUBLISH. Emailed files follow iTIP (RFC 5546): METHOD:REQUEST for a new or
changed event, METHOD:CANCEL for a cancelled one, each with ORGANIZER and the learner as
ATTENDEE.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from events.models import EventPage

PRODID = "-//Smart Cities for City Officials//Events//EN"
METHOD_PUBLISH, METHOD_REQUEST, METHOD_CANCEL = "PUBLISH", "REQUEST", "CANCEL"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid_domain() -> str:
    return settings.EVENT_UID_DOMAIN or urlsplit(settings.SITE_URL).hostname or "localhost"


def event_uid(event: EventPage) -> str:
    """Stable and globally unique: the page id never changes, and the domain names the site."""
    return f"event-{event.pk}@{uid_domain()}"


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def event_location(event: EventPage, *, joining_link: bool) -> str:
    parts = [event.venue, " ".join(event.address.split())] if event.is_in_person else []
    if event.is_online and joining_link and event.online_url:
        parts.append(event.online_url)
    return ", ".join(part for part in parts if part)


def event_description(event: EventPage, *, joining_link: bool) -> str:
    lines = [event.summary.strip()]
    if event.is_online and joining_link and event.online_url:
        lines.append(f"Join online: {event.online_url}")
    lines.append(absolute_url(event.url or "/"))
    return "\n\n".join(line for line in lines if line)


def event_component(
    event: EventPage,
    *,
    sequence: int,
    stamp: datetime,
    cancelled: bool = False,
    joining_link: bool = False,
    attendee: str | None = None,
) -> Event:
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp.astimezone(UTC))
    component.add("dtstart", event.start.astimezone(UTC))
    component.add("dtend", event.end.astimezone(UTC))
    component.add("sequence", sequence)
    component.add("summary", event.title)
    component.add("description", event_description(event, joining_link=joining_link))
    location = event_location(event, joining_link=joining_link)
    if location:
        component.add("location", location)
    component.add("url", absolute_url(event.url or "/"))
    component.add("status", "CANCELLED" if cancelled or event.cancelled else "CONFIRMED")
    component.add("transp", "OPAQUE")
    if event.last_published_at:
        component.add("last-modified", event.last_published_at.astimezone(UTC))
    if attendee:
        name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        organizer = vCalAddress(f"mailto:{address}")
        if name:
            organizer.params["cn"] = vText(name)
        component.add("organizer", organizer)
        guest = vCalAddress(f"mailto:{attendee}")
        guest.params["role"] = vText("REQ-PARTICIPANT")
        guest.params["partstat"] = vText("ACCEPTED")
        component.add("attendee", guest)
    return component


def new_calendar(method: str, name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def event_calendar(
    event: EventPage,
    *,
    sequence: int,
    method: str = METHOD_PUBLISH,
    joining_link: bool = False,
    attendee: str | None = None,
    now: datetime | None = None,
) -> bytes:
    """The .ics file of one event."""
    calendar = new_calendar(method)
    calendar.add_component(
        event_component(
            event,
            sequence=sequence,
            stamp=now or timezone.now(),
            cancelled=method == METHOD_CANCEL,
            joining_link=joining_link,
            attendee=attendee,
        )
    )
    return calendar.to_ical()


def events_feed(
    events: Iterable[EventPage], *, sequences: dict[int, int], name: str, now=None
) -> bytes:
    """One VCALENDAR holding every event given, for calendar subscriptions."""
    stamp = now or timezone.now()
    calendar = new_calendar(METHOD_PUBLISH, name)
    for event in events:
        calendar.add_component(
            event_component(event, sequence=sequences.get(event.pk, 0), stamp=stamp)
        )
    return calendar.to_ical()
