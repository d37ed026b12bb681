"""When the last lesson of a course is done, the enrolment completes and a certificate is prepared.

Module and course completion are derived from lesson progress whenever they are shown, so a
lesson an editor adds later counts for everyone who has not finished. What is written here is
only the moment of finishing: the enrolment's completion time and the certificate, both once.
The certificate is issued when the learner chooses the name to print on it (see
courses.services.certificates).
"""

from datetime import datetime

from courses.models import Enrolment, LessonProgress
from courses.services.certificates import certificate_prepare
from modules.outline import live_lessons


def course_is_complete(*, user, course) -> bool:
    lesson_ids = list(live_lessons(course).values_list("pk", flat=True))
    if not lesson_ids:
        return False
    done = LessonProgress.objects.for_user(user).completed().filter(lesson_id__in=lesson_ids)
    return done.count() == len(lesson_ids)


def course_completion_check(*, user, course, now: datetime) -> bool:
    """Record the course as finished if every live lesson is complete. Returns whether it is."""
    if not course_is_complete(user=user, course=course):
        return False
    Enrolment.objects.filter(user=user, course=course, completed_at__isnull=True).update(
        completed_at=now
    )
    certificate_prepare(user=user, course=course, now=now)
    return True
