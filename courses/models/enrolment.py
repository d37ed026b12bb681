from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrolmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def active(self):
        return self.filter(completed_at__isnull=True)

    def of_course(self, course):
        """Enrolment in a course read in any language: it is in the English course, found by
        the translation key the translations share (a join, not another query)."""
        return self.filter(
            course__translation_key=course.translation_key,
            course__locale__language_code=settings.LANGUAGE_CODE,
        )


class Enrolment(models.Model):
    """A learner taking a course: when they started, were last active, and finished."""

    # Indexed through the unique (user, course) constraint, which leads with the user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        db_index=False,
    )
    course = models.ForeignKey(
        "modules.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    started_at = models.DateTimeField(_("started"))
    last_activity_at = models.DateTimeField(_("last activity"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course"),
        ]
        # `last_activity_at` is left unindexed so that a progress report's touch of it can be a
        # HOT update: a learner's dashboard reads their one or few enrolments through the unique
        # constraint and sorts them. The reminder sweep (every 15 minutes) filters unfinished
        # enrolments by last activity across all learners; the old (user, last activity) index
        # never served it, and a scan of one narrow row per learner is cheap at that rate.

    def __str__(self):
        return f"{self.user} in {self.course}"
