"""Events for tests: real pages under a real events index, published like an editor would."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from events.models import EventIndexPage, EventPage, EventPartner

OSLO = ZoneInfo("Europe/Oslo")


def make_event_index(course, *, slug="events"):
    index = EventIndexPage(title="Events", slug=slug, intro="<p>Live events.</p>")
    course.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_event(
    index,
    slug="workshop",
    *,
    start: datetime | None = None,
    hours: float = 2,
    capacity: int | None = None,
    event_format="online",
    speakers=(),
    themes=(),
    modules=(),
    partners=(),
    **fields,
):
    start = start or (timezone.now() + timedelta(days=10)).astimezone(OSLO).replace(
        hour=13, minute=0, second=0, microsecond=0
    )
    defaults = {
        "title": slug.replace("-", " ").capitalize(),
        "kind": "workshop",
        "summary": f"What {slug} is about.",
        "description": "<p>The programme.</p>",
        "timezone": "Europe/Oslo",
        "online_url": "https://meet.example.org/secret-room" if event_format != "in-person" else "",
        "venue": "City Hall, Room 3" if event_format != "online" else "",
        "address": "Rådhusplassen 1\n0037 Oslo" if event_format != "online" else "",
    }
    defaults.update(fields)
    event = EventPage(
        slug=slug,
        start=start,
        end=start + timedelta(hours=hours),
        capacity=capacity,
        event_format=event_format,
        **defaults,
    )
    event.speakers = list(speakers)
    event.themes = list(themes)
    event.related_modules = list(modules)
    event.partners = [EventPartner(name=name) for name in partners]
    index.add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def publish_change(event: EventPage, **changes) -> EventPage:
    """Change an event as an editor would: a new revision, published."""
    page = EventPage.objects.get(pk=event.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)
