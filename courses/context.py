"""What course pages add for a signed-in learner: their progress, where to resume, what to do.

Anonymous visitors get none of this from the server: their progress lives in their browser.
Templates ask for it through the tags in courses/templatetags/progress_tags.py; it is the part
of a page rendered on every request, beside content cached per revision.

The page may be in any language: what the learner has done is recorded on the English lesson and
course, and read from there (courses.models, `of_lesson`, `of_course`), in as many queries as on
an English page.
"""

from django.conf import settings
from django.db.models import F

from courses.models import Certificate, Enrolment, LessonProgress
from courses.overview import LessonState, course_progress, progress_rows
from courses.services.progress import END_SHARE


def course_learner_context(request, course, outline) -> dict:
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "progress": course_progress(user, course, outline),
        "enrolment": Enrolment.objects.for_user(user).of_course(course).first(),
        "certificate": Certificate.objects.filter(user=user)
        .filter(
            course__translation_key=course.translation_key,
            course__locale__language_code=settings.LANGUAGE_CODE,
        )
        .first(),
    }


def module_learner_context(request, module, lessons) -> dict:
    user = request.user
    if not user.is_authenticated:
        return {}
    rows = progress_rows(user, lessons)
    done = sum(1 for lesson in lessons if rows.get(lesson.pk) and rows[lesson.pk].completed_at)
    return {
        "lesson_states": {
            lesson_id: LessonState.DONE if row.completed_at else LessonState.STARTED
            for lesson_id, row in rows.items()
        },
        "module_done": done,
        "module_percent": round(100 * done / len(lessons)) if lessons else 0,
    }


def resume_position(row, duration) -> float:
    """Where the player should open: the saved position, or the start if it was at the end."""
    if row is None or not row.position:
        return 0
    if duration and row.position >= END_SHARE * duration:
        return 0
    return round(row.position, 1)


def lesson_learner_context(request, lesson, lessons=()) -> dict:
    """The learner's part of a lesson page: their row for the lesson (where to resume, whether
    it is done) and, for the module's outline beside it, their state on each of `lessons`
    (the module's lessons, this one among them) and how many are done: one query in all."""
    user = request.user
    if not user.is_authenticated:
        return {}
    by_key = {item.translation_key: item.pk for item in lessons}
    by_key.setdefault(lesson.translation_key, lesson.pk)
    # The media's length comes with the rows (one query), not from the media (another).
    rows = {
        by_key[row.translation_key]: row
        for row in LessonProgress.objects.for_user(user)
        .of_translation_keys(list(by_key))
        .annotate(duration=F("lesson__media__duration"))
    }
    row = rows.get(lesson.pk)
    duration = row.duration if row is not None else None
    states = {
        item.pk: LessonState.DONE if rows[item.pk].completed_at else LessonState.STARTED
        for item in lessons
        if item.pk in rows
    }
    done = sum(1 for state in states.values() if state == LessonState.DONE)
    return {
        "lesson_progress": row,
        "lesson_completed": bool(row and row.completed_at),
        "resume_at": resume_position(row, duration),
        # On the user already loaded for the request: no query of its own.
        "playback_rate": user.playback_rate,
        "lesson_states": states,
        "module_done": done,
    }
