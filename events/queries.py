"""Reads for event pages and lists, each in a fixed number of queries whatever the content.

Registrations are held by the English event (events.services): an event page in any language
reads them through the translation key its translations share, at no extra query.
"""

import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from events.models import EventPage, EventRegistration, EventState, RegistrationStatus
from modules.models import Expert, ModulePage
from modules.models.snippets import translated_snippets

PAST_PER_PAGE = 10


def viewer_zone(request) -> zoneinfo.ZoneInfo | None:
    """The signed-in learner's own timezone, or None (anonymous, not set, or unknown here)."""
    user = getattr(request, "user", None)
    name = getattr(user, "timezone", "") if user and user.is_authenticated else ""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def differs(event: EventPage, zone: zoneinfo.ZoneInfo | None) -> bool:
    """Whether the viewer's clock reads differently from the event's at its start."""
    if zone is None or event.start is None:
        return False
    offset = event.start.astimezone(zone).utcoffset()
    return offset != event.start.astimezone(event.zone).utcoffset()


def registrations_of(events):
    """Registrations for these events read in any language: those of their English sources."""
    return EventRegistration.objects.filter(
        event__translation_key__in=[event.translation_key for event in events],
        event__locale__language_code=settings.LANGUAGE_CODE,
    )


def listed_events():
    """Live, public events with what a list shows: speakers and themes (2 prefetch queries)."""
    return (
        EventPage.objects.live()
        .public()
        .prefetch_related(
            Prefetch("speakers", Expert.objects.only("pk", "name", "slug")),
            "themes",
        )
    )


def event_index_context(index, request, now: datetime | None = None) -> dict:
    """Upcoming events, then a page of past ones, and the viewer's registrations (at most 7
    queries whatever the number of events)."""
    now = now or timezone.now()
    events = listed_events().child_of(index)
    upcoming = list(events.upcoming(now))
    past_page = Paginator(events.past(now).select_related("recording"), PAST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    mine = {}
    if request.user.is_authenticated and upcoming:
        mine = dict(
            registrations_of(upcoming)
            .filter(user=request.user)
            .active()
            .values_list("event__translation_key", "status")
        )
    zone = viewer_zone(request)
    for event in upcoming:
        event.viewer_status = mine.get(event.translation_key, "")
        event.show_viewer_time = differs(event, zone)
    return {
        "upcoming": upcoming,
        "past_page": past_page,
        "past": list(past_page.object_list),
        "viewer_zone": zone,
        "now": now,
    }


def event_page_context(event: EventPage, request, now: datetime | None = None) -> dict:
    """Everything an event page shows, in a fixed number of queries."""
    from events.services import registration_closed_reason

    now = now or timezone.now()
    seats = registrations_of([event]).aggregate(
        registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
    )
    registration = None
    waiting_position = None
    if request.user.is_authenticated:
        registration = registrations_of([event]).filter(user=request.user).active().first()
        if registration is not None and registration.is_waitlisted:
            waiting_position = (
                EventRegistration.objects.filter(event_id=registration.event_id)
                .waitlisted()
                .filter(
                    Q(waitlisted_at__lt=registration.waitlisted_at)
                    | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
                )
                .count()
                + 1
            )
    zone = viewer_zone(request)
    photos = get_image_model().objects.prefetch_renditions()
    seats_left = None if event.capacity is None else max(event.capacity - seats["registered"], 0)
    return {
        "breadcrumbs": list(event.get_ancestors().filter(depth__gte=2)),
        "speakers": translated_snippets(
            event.speakers.prefetch_related(Prefetch("photo", photos)),
            queryset=Expert.objects.prefetch_related(Prefetch("photo", photos)),
        ),
        "partners": list(event.partners.all()),
        "themes": translated_snippets(event.themes.all()),
        "modules": list(ModulePage.objects.live().public().filter(events=event).order_by("number")),
        "recording": event.recording if event.recording_id else None,
        "registration": registration,
        "is_registered": bool(registration and registration.is_registered),
        "waiting_position": waiting_position,
        "seats_registered": seats["registered"],
        "seats_waiting": seats["waiting"],
        "seats_left": seats_left,
        "closed_reason": registration_closed_reason(event, now),
        "has_ended": event.has_ended(now),
        "viewer_zone": zone,
        "show_viewer_time": differs(event, zone),
        "now": now,
    }


@dataclass
class ModuleEvents:
    upcoming: list[EventPage] = field(default_factory=list)
    past: list[EventPage] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.upcoming or self.past)


def module_events(module, now: datetime | None = None) -> ModuleEvents:
    """The live events related to a module, upcoming (soonest first) and past (latest first),
    with their recordings: one query whatever the number of events. Only the events in the
    module's own language, related to it or to another language's version of it."""
    now = now or timezone.now()
    result = ModuleEvents()
    # Subqueries on the module rather than its attributes, which a deferred page would fetch.
    same = Page.objects.filter(pk=module.pk)
    events = (
        EventPage.objects.live()
        .public()
        .filter(
            locale__in=same.values("locale"),
            related_modules__translation_key__in=same.values("translation_key"),
        )
        .select_related("recording")
        .order_by("start", "pk")
    )
    for event in events:
        (result.past if event.has_ended(now) else result.upcoming).append(event)
    result.past.reverse()
    return result


def event_sequences(events) -> dict[int, int]:
    return dict(
        EventState.objects.filter(event__in=[e.pk for e in events]).values_list(
            "event_id", "sequence"
        )
    )
