"""The reminder email: where the learner stands and the next lesson, with a one-click way out.

Rendered in the learner's language, as HTML and plain text, with the RFC 8058 headers that let
mail clients offer a one-click unsubscribe.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from courses.overview import course_progress
from courses.reminders.selection import learner_zone
from courses.reminders.tokens import unsubscribe_token
from modules.outline import course_outline


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def reminder_context(*, enrolment, claim) -> dict:
    user, course = enrolment.user, enrolment.course
    progress = course_progress(user, course, course_outline(course, images=False))
    lesson = progress.continue_lesson
    unsubscribe_url = absolute(reverse("reminder_unsubscribe", args=[unsubscribe_token(user)]))
    return {
        "user": user,
        "name": user.get_full_name() or user.email,
        "course": course,
        "course_url": absolute(course.url),
        "progress": progress,
        "lesson": lesson,
        "module": progress.continue_module,
        "lesson_url": absolute(lesson.url) if lesson else absolute(course.url),
        "last_activity_at": claim.last_activity_at,
        "reminder_number": claim.attempts,
        "settings_url": absolute(reverse("reminder_settings")),
        "unsubscribe_url": unsubscribe_url,
        "timezone": learner_zone(user.timezone),  # an unknown name must not stop the email
    }


def reminder_message(*, enrolment, claim) -> EmailMultiAlternatives:
    with translation.override(enrolment.user.language or settings.LANGUAGE_CODE):
        context = reminder_context(enrolment=enrolment, claim=claim)
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
        },
    )
    message.attach_alternative(html, "text/html")
    return message
