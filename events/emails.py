"""Event emails (update, cancellation, 24-hour reminder, a seat freed up), with calendar files.

Rendered in the learner's language, as HTML and plain text, with the time where the event
happens and, when it differs, in the learner's own timezone.
"""

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from courses.reminders.selection import learner_zone
from events.calendar import (
    CONTENT_TYPE,
    METHOD_CANCEL,
    METHOD_REQUEST,
    absolute_url,
    event_calendar,
)
from events.models import EventRegistration, EventState

SUBJECTS = {
    "update": lambda title: _("Changed: %(title)s") % {"title": title},
    "cancelled": lambda title: _("Cancelled: %(title)s") % {"title": title},
    "reminder": lambda title: _("Tomorrow or sooner: %(title)s") % {"title": title},
    "seat": lambda title: _("You have a seat: %(title)s") % {"title": title},
}


def event_message(*, kind: str, registration_id: int, now: datetime) -> EmailMultiAlternatives:
    registration = EventRegistration.objects.select_related("event", "user").get(pk=registration_id)
    user, event = registration.user, registration.event
    state = EventState.objects.filter(event_id=event.pk).first()
    sequence = state.sequence if state else 0
    viewer_zone = learner_zone(user.timezone)
    context = {
        "user": user,
        "name": user.get_full_name() or user.email,
        "event": event,
        "event_url": absolute_url(event.url or "/"),
        "registration": registration,
        "joining_link": event.online_url if event.is_online and kind != "cancelled" else "",
        "viewer_zone": viewer_zone,
        "show_viewer_time": bool(user.timezone)
        and event.start.astimezone(viewer_zone).utcoffset()
        != event.start.astimezone(event.zone).utcoffset(),
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = SUBJECTS[kind](event.title)
        text = render_to_string(f"email/event_{kind}.txt", context)
        html = render_to_string(f"email/event_{kind}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    method = METHOD_CANCEL if kind == "cancelled" else METHOD_REQUEST
    calendar = event_calendar(
        event,
        sequence=sequence,
        method=method,
        joining_link=kind != "cancelled",
        attendee=user.email,
        now=now,
    )
    message.attach(f"{event.slug}.ics", calendar, f"{CONTENT_TYPE}; method={method}")
    return message
