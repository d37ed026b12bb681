"""Recording a learner's progress through lessons.

A progress report from the player is one upsert: on PostgreSQL a single statement that writes
the lesson's progress row and touches the enrolment, safe under concurrent reports. The
enrolment's `last_activity_at` is rewritten only when it is older than ENROLMENT_TOUCH_INTERVAL,
so most reports change one row, and the lesson is read from cached facts
(courses.lesson_facts): a report costs the session and user lookups and this one statement.

The row keeps the furthest position, adds up seconds actually played, and sets `completed_at`
once: a media lesson completes when at least 90% of its length has been played and its last
5% reached. Nothing ever clears a completion.

What a report may add to the seconds played is capped by the time since the learner's previous
report (at most double speed, see PLAYBACK_RATE_LIMIT), so one hand-made report cannot complete
a lecture and the figure stays a true measure for staff statistics. "Mark as complete" is the
honest shortcut.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from courses.lesson_facts import LessonFacts
from courses.models import Enrolment, LessonProgress
from courses.services.completion import course_completion_check
from courses.signals import lesson_progress_changed
from modules.models import CoursePage, LessonPage
from modules.translations import source_page

PLAYED_SHARE_TO_COMPLETE = 0.9
END_SHARE = 0.95
MAX_MEDIA_SECONDS = 24 * 3600
MAX_PLAYED_PER_REPORT = 120  # reports come at most every 15 s, even at double speed
DURATION_TOLERANCE = 5  # players may report a little past the known length

# Honest seconds played. The player (static/js/progress.js) reports every 15 s while playing, on
# pause, at the end and when the page is hidden; each report carries what was played since the
# previous one. Nobody plays faster than double speed and still follows a lecture, so a report
# may add at most PLAYBACK_RATE_LIMIT seconds per second since the learner's previous report of
# that lesson, plus a little slack for network jitter. The slack is an allowance that refills
# with time rather than a fixed amount per report, or a script sending a report every tenth of
# a second would gain the slack ten times a second.
PLAYBACK_RATE_LIMIT = 2
REPORT_INTERVAL = 15
JITTER_SLACK = 5
# A first report has no previous one to measure from. The player sends it at the latest one
# interval after playing started: at double speed 30 s played, plus the slack.
FIRST_REPORT_ALLOWANCE = PLAYBACK_RATE_LIMIT * REPORT_INTERVAL + JITTER_SLACK
# A learner whose reports failed for a while (offline) sends what accumulated, up to
# MAX_PLAYED_PER_REPORT at once; the allowance grows to that much after a minute of silence, and
# no further, so at any time the total credited is at most twice the time since the first report
# plus this one amount.
MAX_PLAY_ALLOWANCE = MAX_PLAYED_PER_REPORT
# The enrolment's last activity feeds the dashboard's order and the reminders, which count
# inactivity in days: a touch every few minutes is as good as one every report, and spares a
# second row write (and its WAL) on twenty reports an hour per learner.
ENROLMENT_TOUCH_INTERVAL = timedelta(minutes=5)


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
    except (ValueError, OverflowError) as error:  # OverflowError: a whole number past 1e308
        raise InvalidReport(f"“{name}” must be a number of seconds.") from error
    if not math.isfinite(number):
        raise InvalidReport(f"“{name}” must be a finite number.")
    if number < 0:
        raise InvalidReport(f"“{name}” cannot be negative.")
    return number


def progress_report_validate(*, lesson: LessonPage | LessonFacts, data: dict) -> ProgressReport:
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
    known = lesson.media_duration if isinstance(lesson, LessonFacts) else lesson.media.duration
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


def lesson_source(lesson: LessonPage) -> LessonPage:
    """The English lesson a lesson translates or aliases: where a learner's progress on it is
    recorded, so that it is the same whichever language they read the lesson in."""
    return source_page(lesson)


def _target(lesson: LessonPage | LessonFacts) -> tuple[int, int | None]:
    """The ids of the English lesson to record against and of its course (for the enrolment)."""
    if isinstance(lesson, LessonFacts):
        return lesson.source_id, lesson.course_id
    source = lesson_source(lesson)
    course = course_for_lesson(source)
    return source.pk, course.pk if course else None


def _completion_check(*, user, course_id: int | None, now: datetime) -> None:
    """After a lesson is newly complete (rare enough to load the course for)."""
    course = CoursePage.objects.filter(pk=course_id).first() if course_id else None
    if course is not None:
        course_completion_check(user=user, course=course, now=now)


def _vendor_sql() -> dict:
    """The few spellings that differ between PostgreSQL and SQLite (the embedded default)."""
    if connection.vendor == "postgresql":
        return {
            "greatest": "GREATEST",
            "least": "LEAST",
            "float": "double precision",
            "elapsed": "CAST(EXTRACT(EPOCH FROM (CAST(%(now)s AS timestamp with time zone)"
            " - courses_lessonprogress.updated_at)) AS double precision)",
        }
    return {
        "greatest": "MAX",
        "least": "MIN",
        "float": "REAL",
        "elapsed": "((julianday(%(now)s) - julianday(courses_lessonprogress.updated_at))"
        " * 86400.0)",
    }


# What a timed report may add is drawn from an allowance that refills at PLAYBACK_RATE_LIMIT
# seconds of play per second of time since the learner's previous report (`updated_at`), up to
# MAX_PLAY_ALLOWANCE. All of it is computed from the stored row inside the one upsert statement,
# so concurrent reports queue on the row and draw from the same allowance: they cannot double it.
PROGRESS_UPSERT = """
INSERT INTO courses_lessonprogress
    (user_id, lesson_id, position, seconds_played, play_allowance,
     created_at, updated_at, completed_at)
VALUES (%(user)s, %(lesson)s, %(position)s, {first_credit}, {first_allowance}, %(now)s, %(now)s,
        CASE WHEN {first_credit} >= {share} * CAST(%(duration)s AS {float})
              AND %(position)s >= {end} * CAST(%(duration)s AS {float}) THEN %(now)s END)
ON CONFLICT (user_id, lesson_id) DO UPDATE SET
    position = {greatest}(courses_lessonprogress.position, excluded.position),
    seconds_played = courses_lessonprogress.seconds_played + {credit},
    play_allowance = {available} - {allowance_used},
    updated_at = excluded.updated_at,
    completed_at = COALESCE(
        courses_lessonprogress.completed_at,
        CASE WHEN courses_lessonprogress.seconds_played + {credit}
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
    WHERE courses_enrolment.last_activity_at < %(touch_before)s
"""


def _progress_sql(*, timed: bool) -> str:
    """The upsert for a timed report (credited from the allowance) or an untimed import.

    An import is the browser's own count, with no time to check it against: it may bring the
    seconds played up to the lesson's length (`%(ceiling)s`), never past it however often it is
    sent, and it neither uses nor loses the allowance.
    """
    sql = _vendor_sql()
    greatest, least = sql["greatest"], sql["least"]
    available = (
        f"{least}({MAX_PLAY_ALLOWANCE}, courses_lessonprogress.play_allowance"
        f" + {PLAYBACK_RATE_LIMIT} * {greatest}(0, {sql['elapsed']}))"
    )
    if timed:
        first_credit = f"{least}(%(played)s, {FIRST_REPORT_ALLOWANCE})"
        credit = f"{least}(%(played)s, {available})"
        allowance_used = credit
    else:
        first_credit = f"{least}(%(played)s, %(ceiling)s)"
        credit = (
            f"{least}(%(played)s,"
            f" {greatest}(0, %(ceiling)s - courses_lessonprogress.seconds_played))"
        )
        allowance_used = "0"
    return PROGRESS_UPSERT.format(
        first_credit=first_credit,
        # An imported row has not been played here yet: its first report is a first report.
        first_allowance=f"{FIRST_REPORT_ALLOWANCE} - {first_credit}"
        if timed
        else str(FIRST_REPORT_ALLOWANCE),
        credit=credit,
        available=available,
        allowance_used=allowance_used,
        greatest=greatest,
        float=sql["float"],
        share=PLAYED_SHARE_TO_COMPLETE,
        end=END_SHARE,
    )


# The progress upsert and the enrolment touch in one PostgreSQL statement. Composed of this
# module's constants only; every value is a query parameter (hence bandit's B608 is silenced).
_WITH = "WITH progress AS ({progress}), enrolment AS ("
WITH_ENROLMENT = _WITH + ENROLMENT_UPSERT + ") SELECT * FROM progress"  # nosec B608


def progress_upsert(
    *, user, lesson_id: int, course_id, position, played, duration, now, timed: bool = True
) -> tuple:
    """Write one report; returns (position, seconds_played, completed, completed_now).

    A timed report (the player's) is credited at most what the learner's allowance holds; an
    untimed one (the browser import) at most up to the lesson's length in all. The enrolment
    in `course_id` is created, or touched if its last activity is older than
    ENROLMENT_TOUCH_INTERVAL. Both ids are the English lesson's and course's (see _target).
    """
    params = {
        "user": user.pk,
        "lesson": lesson_id,
        "course": course_id,
        "position": position,
        "played": played,
        "duration": duration,
        "ceiling": float(duration or 0),
        "now": connection.ops.adapt_datetimefield_value(now),
        "touch_before": connection.ops.adapt_datetimefield_value(now - ENROLMENT_TOUCH_INTERVAL),
    }
    progress_sql = _progress_sql(timed=timed)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and course_id is not None:
            # One statement: the progress upsert and the enrolment touch travel together.
            cursor.execute(WITH_ENROLMENT.format(progress=progress_sql), params)
            row = cursor.fetchone()
        else:
            with transaction.atomic():
                cursor.execute(progress_sql, params)
                row = cursor.fetchone()
                if course_id is not None:
                    cursor.execute(ENROLMENT_UPSERT, params)
    lesson_progress_changed.send(sender=LessonProgress, user_id=user.pk, lesson_id=lesson_id)
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
    *,
    user,
    lesson: LessonPage | LessonFacts,
    report: ProgressReport,
    now: datetime | None = None,
) -> ProgressResult:
    """Store a player's report; completes the lesson when enough of it has been played."""
    now = now or timezone.now()
    lesson_id, course_id = _target(lesson)
    position, seconds_played, completed, completed_now = progress_upsert(
        user=user,
        lesson_id=lesson_id,
        course_id=course_id,
        position=report.position,
        played=report.played,
        duration=report.duration,
        now=now,
    )
    if completed_now:
        _completion_check(user=user, course_id=course_id, now=now)
    return ProgressResult(
        position=position,
        seconds_played=seconds_played,
        completed=bool(completed),
        completed_now=bool(completed_now),
    )


def lesson_progress_complete(
    *, user, lesson: LessonPage | LessonFacts, now: datetime | None = None
) -> bool:
    """Mark a lesson complete by the learner's own word. Returns whether it was newly completed."""
    now = now or timezone.now()
    lesson_id, course_id = _target(lesson)
    _, _, _, completed_now = progress_upsert(
        user=user,
        lesson_id=lesson_id,
        course_id=course_id,
        position=0,
        played=0,
        duration=0,
        now=now,
    )
    if completed_now:
        _completion_check(user=user, course_id=course_id, now=now)
    return bool(completed_now)


def enrolment_start(*, user, course: CoursePage, now: datetime | None = None) -> Enrolment:
    """Enrol a learner (idempotent): the first lesson they open, or the Start button. The
    enrolment is in the English course, whichever translation the learner started from."""
    now = now or timezone.now()
    enrolment, _ = Enrolment.objects.get_or_create(
        user=user,
        course=source_page(course),
        defaults={"started_at": now, "last_activity_at": now},
    )
    return enrolment


def lesson_progress_for(user, lesson: LessonPage) -> LessonProgress | None:
    return LessonProgress.objects.for_user(user).of_lesson(lesson).first()
