"""Course content: the page tree Course → Module → Lesson, and the experts and themes in it."""

from .pages import CoursePage, LessonCaptionTrack, LessonPage, ModulePage, TrackKind
from .snippets import Expert, Theme

__all__ = [
    "CoursePage",
    "Expert",
    "LessonCaptionTrack",
    "LessonPage",
    "ModulePage",
    "Theme",
    "TrackKind",
]
