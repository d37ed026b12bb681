"""The learner's journey: enrolment per course, progress per lesson, certificates."""

from .certificates import Certificate
from .enrolment import Enrolment
from .progress import LessonProgress
from .reminders import Cadence, ReminderPreference, ReminderSend, ReminderStatus

__all__ = [
    "Cadence",
    "Certificate",
    "Enrolment",
    "LessonProgress",
    "ReminderPreference",
    "ReminderSend",
    "ReminderStatus",
]
