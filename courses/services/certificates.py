"""Issuing certificates: once per learner and course, with the name and date fixed at issue."""

from datetime import datetime

from django.db import IntegrityError, transaction

from courses.models import Certificate


def certificate_issue(*, user, course, now: datetime) -> Certificate:
    """The learner's certificate for the course, issued now if they have none yet."""
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                user=user,
                course=course,
                learner_name=user.get_full_name() or user.email,
                course_title=course.title,
                issued_at=now,
            )
    except IntegrityError:  # issued by a concurrent request a moment ago
        return Certificate.objects.get(user=user, course=course)
