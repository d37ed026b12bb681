"""The learner's journey: enrolment per course, progress per lesson, certificates."""

from .certificates import Certificate
from .enrolment import Enrolment
from .progress import LessonProgress

__all__ = ["Certificate", "Enrolment", "LessonProgress"]
