"""Bringing progress kept in a visitor's browser into their new account.

The browser's data is untrusted: every entry is validated like a player report, lessons that no
longer exist are skipped, and the merge never lowers what the account has (the same upsert as a
report: the larger position wins, completion is kept).

What the browser kept is self-reported, with no timing the server could check, so an import is
trusted only as far as it cannot distort the figures: the position and a completion (which the
learner can claim anyway with "Mark as complete") are kept, and the seconds played are credited
up to the lesson's length in all, however often an import is sent (none for media of unknown
length). The player's reports are credited by time instead (courses.services.progress).
"""

from django.utils import timezone

from courses.services.completion import course_completion_check
from courses.services.progress import (
    MAX_MEDIA_SECONDS,
    InvalidReport,
    ProgressReport,
    course_for_lesson,
    lesson_progress_complete,
    lesson_source,
    progress_upsert,
    seconds_value,
)
from modules.models import LessonPage

MAX_ENTRIES = 1000
MAX_LESSON_ID = 2**31 - 1  # page ids are PostgreSQL integers


class ImportRejected(ValueError):
    pass


def _entry(lesson: LessonPage, raw: dict) -> tuple[ProgressReport | None, bool]:
    completed = raw.get("completed") is True
    if lesson.media_id is None:
        return None, completed
    duration = lesson.media.duration or None
    position = seconds_value("position", raw.get("position", 0))
    played = seconds_value("played", raw.get("played", 0))
    if duration:
        position, played = min(position, duration), min(played, duration)
    else:
        position, played = min(position, MAX_MEDIA_SECONDS), 0
    return ProgressReport(position=position, played=played, duration=duration), completed


def _lesson_id(value) -> int | None:
    """A lesson id as the browser stores it (a whole number, or its digits), else None.

    JSON numbers arrive as floats too (`12.0`, and `1e400` or `Infinity` as infinity, which is
    no id). A whole number out of any page id's range is a lesson that does not exist: skipped,
    like one that was deleted, without asking the database.
    """
    whole_float = isinstance(value, float) and value.is_integer()
    digits = isinstance(value, str) and value.isascii() and value.strip().isdigit()
    if whole_float or digits:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def progress_import_merge(*, user, payload) -> dict:
    if not isinstance(payload, dict) or not isinstance(payload.get("lessons"), list):
        raise ImportRejected("Expected an object with a list of lessons.")
    entries = payload["lessons"]
    if len(entries) > MAX_ENTRIES:
        raise ImportRejected(f"At most {MAX_ENTRIES} lessons can be imported at once.")
    wanted = {}
    for raw in entries:
        lesson_id = _lesson_id(raw.get("lesson") if isinstance(raw, dict) else None)
        if lesson_id is None:
            raise ImportRejected("Each entry needs a lesson id.")
        wanted[lesson_id] = raw
    lessons = (
        LessonPage.objects.live()
        .public()
        .select_related("media")
        .in_bulk([lesson_id for lesson_id in wanted if 0 < lesson_id <= MAX_LESSON_ID])
    )
    prepared = []
    for lesson_id, raw in wanted.items():
        if lesson_id in lessons:
            try:
                prepared.append((lessons[lesson_id], *_entry(lessons[lesson_id], raw)))
            except InvalidReport as error:
                raise ImportRejected(f"Lesson {lesson_id}: {error}") from error
    now = timezone.now()
    courses = set()
    for lesson, report, completed in prepared:
        # A lesson read in another language is recorded on its English source.
        source = lesson_source(lesson)
        course = course_for_lesson(source)
        if report is not None:
            progress_upsert(
                user=user,
                lesson_id=source.pk,
                course_id=course.pk if course else None,
                position=report.position,
                played=report.played,
                duration=report.duration,
                now=now,
                timed=False,
            )
        if completed:
            lesson_progress_complete(user=user, lesson=source, now=now)
        if course is not None:
            courses.add(course)
    for course in courses:
        course_completion_check(user=user, course=course, now=now)
    return {"imported": len(prepared), "skipped": len(wanted) - len(prepared)}
