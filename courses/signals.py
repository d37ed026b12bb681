"""Signals the learner's journey sends for other apps."""

from django.dispatch import Signal

# Sent by courses.services.progress.progress_upsert after every write of a learner's progress on
# a lesson (a player's report, "mark as complete", an import from the browser) as
# `lesson_progress_changed.send(sender=LessonProgress, user_id=..., lesson_id=...)`, inside the
# caller's transaction if there is one. Receivers must cost no query: it is sent on every report.
lesson_progress_changed = Signal()
