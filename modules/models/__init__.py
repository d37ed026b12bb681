"""Course content: the page tree Course → Module → Lesson, and the experts featured in it."""

from .pages import CoursePage, LessonCaptionTrack, LessonPage, ModulePage
from .snippets import Expert

__all__ = ["CoursePage", "Expert", "LessonCaptionTrack", "LessonPage", "ModulePage"]
