"""The reminder email: where the learner stands and the next lesson, with a one-click way out.

Rendered in the learner's language and timezone (mailing.language), as HTML and plain text,
with the RFC 8058 headers that let mail clients offer a one-click unsubscribe. Progress is
counted on the English course, which every translation shares; the titles and links are those
of the course and lesson in the learner's language when they are translated (the English ones,
under the learner's language prefix, when not).
"""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import Cadence
from courses.overview import course_progress
from courses.reminders.preferences import reminder_preference_for
from courses.reminders.selection import learner_zone
from courses.reminders.tokens import unsubscribe_token
from mailing.language import (
    absolute_url,
    for_recipient,
    language_headers,
    localized_page,
    localized_page_url,
)
from modules.outline import course_outline


def reminder_context(*, enrolment, claim) -> dict:
    """What the templates need, in the active language (call it inside for_recipient).

    The email says why it comes: reminders are on by default for a learner with a course to
    finish (they never asked), how often they come and how to change or stop them.
    """
    user, course = enrolment.user, enrolment.course
    # The selection annotates the learner's cadence; otherwise read it (or the default).
    cadence = getattr(enrolment, "cadence", None) or reminder_preference_for(user).cadence
    progress = course_progress(user, course, course_outline(course, images=False))
    lesson = progress.continue_lesson
    unsubscribe_url = absolute_url(reverse("reminder_unsubscribe", args=[unsubscribe_token(user)]))
    return {
        "user": user,
        "name": user.get_full_name() or user.email,
        "course": localized_page(course),
        "course_url": localized_page_url(course),
        "progress": progress,
        "lesson": localized_page(lesson),
        "module": localized_page(progress.continue_module),
        "lesson_url": localized_page_url(lesson) if lesson else localized_page_url(course),
        "last_activity_at": claim.last_activity_at,
        "reminder_number": claim.attempts,
        "cadence_days": Cadence(cadence).days,
        "settings_url": absolute_url(reverse("reminder_settings")),
        "unsubscribe_url": unsubscribe_url,
        "timezone": learner_zone(user.timezone),  # an unknown name must not stop the email
    }


def reminder_message(*, enrolment, claim) -> EmailMultiAlternatives:
    with for_recipient(enrolment.user) as language:
        context = reminder_context(enrolment=enrolment, claim=claim)
        context["language"] = language
        lesson = context["lesson"]
        subject = (
            _("Pick up where you left off: %(title)s") % {"title": lesson.title}
            if lesson
            else _("Your course is waiting for you")
        )
        text = render_to_string("email/reminder.txt", context)
        html = render_to_string("email/reminder.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[enrolment.user.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            **language_headers(language),
        },
    )
    message.attach_alternative(html, "text/html")
    return message
