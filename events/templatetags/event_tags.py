"""Template tags that let course pages show related events without new context.

Which events are upcoming changes with the clock, not with a revision, so these panels are
rendered on every request, outside the course pages' cached content.
"""

from django import template
from django.utils import timezone

from events.models import EventPage
from events.queries import module_events
from modules.navigation import section_urls

register = template.Library()

COURSE_UPCOMING = 3


@register.inclusion_tag("events/includes/module_events.html")
def module_events_panel(module) -> dict:
    """ "Live events on this module": `{% module_events_panel page %}` (2 queries)."""
    return {"module_events": module_events(module)}


@register.inclusion_tag("events/includes/course_events.html", takes_context=True)
def course_events_panel(context, course) -> dict:
    """The next few live events of a course: `{% course_events_panel page %}` (2 queries)."""
    upcoming = EventPage.objects.live().public().descendant_of(course).upcoming(timezone.now())
    return {
        "request": context.get("request"),
        "upcoming_events": list(upcoming[:COURSE_UPCOMING]),
        "events_url": section_urls().get("events"),
    }
