"""Recording a learner's progress through lessons.

A progress report from the player is one upsert: on PostgreSQL a single statement that writes
the lesson's progress row and touches the enrolment, safe under concurrent reports. The row keeps
the furthest position, adds up seconds actually played, and sets `completed_at` once: a media
lesson completes when at least 90% of its length has been played and its last 5% reached.
Nothing ever clears a completion.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from courses.models import Enrolment, LessonProgress
from courses.services.completion import course_completion_check
from modules.models import CoursePage, LessonPage

PLAYED_SHARE_TO_COMPLETE = 0.9
END_SHARE = 0.95
MAX_MEDIA_SECONDS = 24 * 3600
MAX_PLAYED_PER_REPORT = 120  # reports come at most every 15 s, even at double speed
DURATION_TOLERANCE = 5  # players may report a little past the known length


class InvalidReport(ValueError):
    """The report cannot be stored; the message says why, for the person or script sending it."""


@dataclass(frozen=True)
class ProgressReport:
    position: float
    played: float
    duration: float | None = None


@dataclass(frozen=True)
class ProgressResult:
    position: float
    seconds_played: float
    completed: bool
    completed_now: bool


def seconds_value(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidReport(f"“{name}” must be a number of seconds.")
    try:
        number = float(value)
    except ValueError as error:
        raise InvalidReport(f"“{name}” must be a number of seconds.") from error
    if not math.isfinite(number):
        raise InvalidReport(f"“{name}” must be a finite number.")
    if number < 0:
        raise InvalidReport(f"“{name}” cannot be negative.")
    return number


def progress_report_validate(*, lesson: LessonPage, data: dict) -> ProgressReport:
    """Turn untrusted input into a report, or raise InvalidReport with the reason."""
    if not isinstance(data, dict):
        raise InvalidReport("The report must be an object with position, played and duration.")
    missing = [key for key in ("position", "played") if data.get(key) in (None, "")]
    if missing:
        raise InvalidReport(f"Missing: {', '.join(missing)}.")
    position = seconds_value("position", data["position"])
    played = seconds_value("played", data["played"])
    reported = data.get("duration")
    duration = seconds_value("duration", reported) if reported not in (None, "") else None
    if lesson.media_id is None:
        raise InvalidReport("This lesson has no media to report on; mark it complete instead.")
    known = lesson.media.duration
    if known:
        duration = known  # the server's length wins over what the browser says
    if duration is not None and duration > MAX_MEDIA_SECONDS:
        raise InvalidReport("“duration” is longer than any lecture.")
    limit = (duration + DURATION_TOLERANCE) if duration else MAX_MEDIA_SECONDS
    if position > limit:
        raise InvalidReport("“position” is past the end of the media.")
    if played > min(limit, MAX_PLAYED_PER_REPORT):
        raise InvalidReport(
            f"“played” is more than one report can hold ({MAX_PLAYED_PER_REPORT} s at most)."
        )
    return ProgressReport(
        position=min(position, duration or position), played=played, duration=duration
    )


def course_for_lesson(lesson: LessonPage) -> CoursePage | None:
    return CoursePage.objects.ancestor_of(lesson).first()


def _vendor_sql():
    if connection.vendor == "postgresql":
        return "GREATEST", "double precision"
    return "MAX", "REAL"


PROGRESS_UPSERT = """
INSERT INTO courses_lessonprogress
    (user_id, lesson_id, position, seconds_played, created_at, updated_at, completed_at)
VALUES (%(user)s, %(lesson)s, %(position)s, %(played)s, %(now)s, %(now)s,
        CASE WHEN %(played)s >= {share} * CAST(%(duration)s AS {float})
              AND %(position)s >= {end} * CAST(%(duration)s AS {float}) THEN %(now)s END)
ON CONFLICT (user_id, lesson_id) DO UPDATE SET
    position = {greatest}(courses_lessonprogress.position, excluded.position),
    seconds_played = courses_lessonprogress.seconds_played + excluded.seconds_played,
    updated_at = excluded.updated_at,
    completed_at = COALESCE(
        courses_lessonprogress.completed_at,
        CASE WHEN courses_lessonprogress.seconds_played + excluded.seconds_played
                  >= {share} * CAST(%(duration)s AS {float})
              AND {greatest}(courses_lessonprogress.position, excluded.position)
                  >= {end} * CAST(%(duration)s AS {float})
             THEN excluded.updated_at END)
RETURNING position, seconds_played, completed_at
"""

ENROLMENT_UPSERT = """
INSERT INTO courses_enrolment (user_id, course_id, started_at, last_activity_at)
VALUES (%(user)s, %(course)s, %(now)s, %(now)s)
ON CONFLICT (user_id, course_id) DO UPDATE SET last_activity_at = excluded.last_activity_at
"""


def progress_upsert(*, user, lesson, course, position, played, duration, now) -> tuple:
    """Write one report; returns (position, seconds_played, completed, completed_now)."""
    greatest, float_type = _vendor_sql()
    progress_sql = PROGRESS_UPSERT.format(
        greatest=greatest, float=float_type, share=PLAYED_SHARE_TO_COMPLETE, end=END_SHARE
    )
    params = {
        "user": user.pk,
        "lesson": lesson.pk,
        "course": course.pk if course else None,
        "position": position,
        "played": played,
        "duration": duration,
        "now": connection.ops.adapt_datetimefield_value(now),
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and course is not None:
            # One statement: the progress upsert and the enrolment touch travel together.
            cursor.execute(
                f"WITH progress AS ({progress_sql}), enrolment AS ({ENROLMENT_UPSERT}) "
                "SELECT * FROM progress",
                params,
            )
            row = cursor.fetchone()
        else:
            with transaction.atomic():
                cursor.execute(progress_sql, params)
                row = cursor.fetchone()
                if course is not None:
                    cursor.execute(ENROLMENT_UPSERT, params)
    position, seconds_played, completed_at = row
    # Compared in Python: SQLite 3.40 answers `IS NOT NULL` wrongly inside RETURNING.
    completed = completed_at is not None
    return position, seconds_played, completed, completed and _as_aware(completed_at) == now


def _as_aware(value) -> datetime:
    """A timestamp read back through a raw cursor: aware on PostgreSQL, naive UTC on SQLite."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


def lesson_progress_record(
    *, user, lesson: LessonPage, report: ProgressReport, now: datetime | None = None
) -> ProgressResult:
    """Store a player's report; completes the lesson when enough of it has been played."""
    now = now or timezone.now()
    course = course_for_lesson(lesson)
    position, seconds_played, completed, completed_now = progress_upsert(
        user=user,
        lesson=lesson,
        course=course,
        position=report.position,
        played=report.played,
        duration=report.duration,
        now=now,
    )
    if completed_now and course is not None:
        course_completion_check(user=user, course=course, now=now)
    return ProgressResult(
        position=position,
        seconds_played=seconds_played,
        completed=bool(completed),
        completed_now=bool(completed_now),
    )


def lesson_progress_complete(*, user, lesson: LessonPage, now: datetime | None = None) -> bool:
    """Mark a lesson complete by the learner's own word. Returns whether it was newly completed."""
    now = now or timezone.now()
    course = course_for_lesson(lesson)
    _, _, _, completed_now = progress_upsert(
        user=user, lesson=lesson, course=course, position=0, played=0, duration=0, now=now
    )
    if completed_now and course is not None:
        course_completion_check(user=user, course=course, now=now)
    return bool(completed_now)


def enrolment_start(*, user, course: CoursePage, now: datetime | None = None) -> Enrolment:
    """Enrol a learner (idempotent): the first lesson they open, or the Start button."""
    now = now or timezone.now()
    enrolment, _ = Enrolment.objects.get_or_create(
        user=user, course=course, defaults={"started_at": now, "last_activity_at": now}
    )
    return enrolment


def lesson_progress_for(user, lesson: LessonPage) -> LessonProgress | None:
    return LessonProgress.objects.filter(user=user, lesson=lesson).first()
