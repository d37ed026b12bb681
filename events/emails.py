"""Event emails (confirmation, update, cancellation, 24-hour reminder, a seat freed up), with
calendar files.

Rendered in the learner's language (mailing.language), as HTML and plain text, with the time
where the event happens and, when it differs, in the learner's own timezone. Registrations are
kept on the English event page, which every translation shares; the title and the link are the
event's in the learner's language when it is translated.
"""

from datetime import datetime

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from courses.reminders.selection import learner_zone
from events.calendar import (
    CONTENT_TYPE,
    METHOD_CANCEL,
    METHOD_REQUEST,
    event_calendar,
)
from events.models import EventRegistration, EventState
from mailing.language import for_recipient, language_headers, localized_page, localized_page_url

SUBJECTS = {
    "update": lambda title: _("Changed: %(title)s") % {"title": title},
    "cancelled": lambda title: _("Cancelled: %(title)s") % {"title": title},
    "reminder": lambda title: _("Tomorrow or sooner: %(title)s") % {"title": title},
    "seat": lambda title: _("You have a seat: %(title)s") % {"title": title},
    "confirmation": lambda title: _("You are registered: %(title)s") % {"title": title},
}


def event_message(*, kind: str, registration_id: int, now: datetime) -> EmailMultiAlternatives:
    registration = EventRegistration.objects.select_related("event", "user").get(pk=registration_id)
    user, event = registration.user, registration.event
    state = EventState.objects.filter(event_id=event.pk).first()
    sequence = state.sequence if state else 0
    viewer_zone = learner_zone(user.timezone)
    with for_recipient(user) as language:
        shown = localized_page(event)  # the title in the learner's language, when translated
        context = {
            "user": user,
            "language": language,
            "name": user.get_full_name() or user.email,
            "event": event,
            "title": shown.title,
            "event_url": localized_page_url(event),
            "registration": registration,
            "joining_link": event.online_url if event.is_online and kind != "cancelled" else "",
            "viewer_zone": viewer_zone,
            "show_viewer_time": bool(user.timezone)
            and event.start.astimezone(viewer_zone).utcoffset()
            != event.start.astimezone(event.zone).utcoffset(),
        }
        subject = SUBJECTS[kind](shown.title)
        text = render_to_string(f"email/event_{kind}.txt", context)
        html = render_to_string(f"email/event_{kind}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated", **language_headers(language)},
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
