from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonProgressQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def completed(self):
        return self.filter(completed_at__isnull=False)

    def within(self, page):
        """Progress on the lessons below an English course or module page."""
        return self.filter(lesson__path__startswith=page.path)

    def of_lesson(self, lesson):
        """Progress on a lesson read in any language: it is recorded on the English lesson,
        found by the translation key the translations share (a join, not another query)."""
        return self.of_translation_keys([lesson.translation_key])

    def of_translation_keys(self, keys):
        """Progress on the English lessons with these translation keys (those of a page's
        lessons in any language); `translation_key` is annotated for mapping rows back."""
        return self.filter(
            lesson__translation_key__in=keys,
            lesson__locale__language_code=settings.LANGUAGE_CODE,
        ).annotate(translation_key=models.F("lesson__translation_key"))


class LessonProgress(models.Model):
    """One learner's progress through one lesson.

    `position` is the furthest point reached in the media, `seconds_played` the time actually
    played (skipping does not add to it), and `completed_at` is set once and never cleared.
    `play_allowance` is how many seconds of play the learner could still claim as of
    `updated_at`, beyond what time since then allows: the player's reports are credited from it
    (see courses.services.progress), so `seconds_played` stays a measure of real playing time.
    """

    # No index of its own: the unique (user, lesson) constraint leads with the user and serves
    # every read by learner (dashboard, course progress, export, deletion).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
        db_index=False,
    )
    lesson = models.ForeignKey(
        "modules.LessonPage", on_delete=models.CASCADE, related_name="progress"
    )
    position = models.FloatField(_("furthest position (seconds)"), default=0)
    seconds_played = models.FloatField(_("seconds played"), default=0)
    play_allowance = models.FloatField(_("seconds of play a report may still claim"), default=0)
    created_at = models.DateTimeField(_("started"))
    updated_at = models.DateTimeField(_("last activity"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = LessonProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="one_progress_per_lesson"),
            models.CheckConstraint(
                condition=models.Q(position__gte=0, seconds_played__gte=0),
                name="progress_not_negative",
            ),
        ]
        # No index on anything a report rewrites (position, seconds played, allowance,
        # updated_at, completed_at): PostgreSQL can then update the row in place (a HOT update,
        # no index entries written), helped by the table's fillfactor (migration 0006). The
        # dashboard's "recent activity" sorts one learner's few rows, found through the unique
        # constraint, and needs no (user, updated_at) index for that.

    def __str__(self):
        return f"{self.user} · {self.lesson_id}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None
