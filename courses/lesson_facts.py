"""The few facts about a lesson that a progress report needs, kept in the shared cache.

A playing learner reports every 15 seconds, and each report needs to know only whether the
lesson is live and public, its media and that media's length, and the course it belongs to.
Loading the page for that costs three queries (view restrictions, page with media, course);
with thousands of learners on the same few lectures the answers are the same every time. So
they are cached in the default cache (Redis in production, shared by every process) under the
lesson's id, and forgotten whenever an answer can change: the lesson saved (which publishing and
unpublishing do), moved or deleted, a view restriction set or lifted above it, its media edited
or deleted (receivers in courses.receivers). A time limit bounds any change missed all the same.

Folding the lookup into the write statement was the other way: it would save the cache round
trip but not the validation, which needs the media's length before anything is written, and
Wagtail's privacy rules (restrictions on any ancestor) would have to be repeated in SQL.

A lesson that is not there, not live or not public is remembered for a minute only: long enough
that the players still open on a lecture just unpublished do not each cost queries, short
enough that ids nobody uses do not linger.
"""

from dataclasses import dataclass

from django.core.cache import cache

from modules.models import CoursePage, LessonPage
from modules.models.pages import ancestor_paths

FACTS_TIMEOUT = 15 * 60
ABSENT_TIMEOUT = 60
_ABSENT = "absent"


@dataclass(frozen=True)
class LessonFacts:
    """A live, public lesson as a progress report sees it. `pk` as on the page itself."""

    pk: int
    course_id: int | None
    media_id: int | None
    media_duration: float | None


def _key(lesson_id: int) -> str:
    return f"courses:lesson-facts:v1:{lesson_id}"


def _load(lesson_id: int) -> LessonFacts | None:
    row = (
        LessonPage.objects.live()
        .public()
        .filter(pk=lesson_id)
        .values_list("path", "media_id", "media__duration")
        .first()
    )
    if row is None:
        return None
    path, media_id, duration = row
    course_id = (
        CoursePage.objects.filter(path__in=ancestor_paths(path))
        .order_by("-depth")
        .values_list("pk", flat=True)
        .first()
    )
    return LessonFacts(
        pk=lesson_id, course_id=course_id, media_id=media_id, media_duration=duration
    )


def lesson_facts_get(lesson_id: int) -> LessonFacts | None:
    """The facts of a live, public lesson, or None; from the cache when it has them."""
    cached = cache.get(_key(lesson_id))
    if cached == _ABSENT:
        return None
    if cached is not None:
        return LessonFacts(*cached)
    facts = _load(lesson_id)
    if facts is None:
        cache.set(_key(lesson_id), _ABSENT, ABSENT_TIMEOUT)
    else:
        # A plain tuple, not the dataclass: a cached value must outlive a change of this class.
        cache.set(
            _key(lesson_id),
            (facts.pk, facts.course_id, facts.media_id, facts.media_duration),
            FACTS_TIMEOUT,
        )
    return facts


def lesson_facts_forget(lesson_ids) -> None:
    keys = [_key(lesson_id) for lesson_id in lesson_ids]
    if keys:
        cache.delete_many(keys)


def lesson_facts_forget_below(page) -> None:
    """Forget every lesson at or below a page (moved, or its view restrictions changed)."""
    ids = LessonPage.objects.filter(path__startswith=page.path).values_list("pk", flat=True)
    lesson_facts_forget(list(ids))
