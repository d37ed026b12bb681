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

A lesson read in another language (a translation or an alias of the English one) records its
progress on its English source, and the enrolment on the English course: the facts hold the
source's id and its course's, so that a report on a Swedish lesson costs no more than one on an
English lesson. A change to any translation of a lesson forgets the facts of them all.

A lesson that is not there, not live or not public is remembered for a minute only: long enough
that the players still open on a lecture just unpublished do not each cost queries, short
enough that ids nobody uses do not linger.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Subquery

from modules.models import CoursePage, LessonPage
from modules.models.pages import ancestor_paths

FACTS_TIMEOUT = 15 * 60
ABSENT_TIMEOUT = 60
_ABSENT = "absent"


@dataclass(frozen=True)
class LessonFacts:
    """A live, public lesson as a progress report sees it. `pk` as on the page itself;
    `source_id` the English lesson that progress is recorded on (`pk` for an English lesson),
    `course_id` the English course that lesson is in."""

    pk: int
    source_id: int
    course_id: int | None
    media_id: int | None
    media_duration: float | None


def _key(lesson_id: int) -> str:
    return f"courses:lesson-facts:v2:{lesson_id}"


def _load(lesson_id: int) -> LessonFacts | None:
    row = (
        LessonPage.objects.live()
        .public()
        .filter(pk=lesson_id)
        .values_list(
            "path", "media_id", "media__duration", "translation_key", "locale__language_code"
        )
        .first()
    )
    if row is None:
        return None
    path, media_id, duration, translation_key, language = row
    source_id = lesson_id
    if language != settings.LANGUAGE_CODE:
        source = (
            LessonPage.objects.filter(
                translation_key=translation_key, locale__language_code=settings.LANGUAGE_CODE
            )
            .values_list("pk", "path")
            .first()
        )
        if source is not None:
            source_id, path = source
    course_id = (
        CoursePage.objects.filter(path__in=ancestor_paths(path))
        .order_by("-depth")
        .values_list("pk", flat=True)
        .first()
    )
    return LessonFacts(
        pk=lesson_id,
        source_id=source_id,
        course_id=course_id,
        media_id=media_id,
        media_duration=duration,
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
            (facts.pk, facts.source_id, facts.course_id, facts.media_id, facts.media_duration),
            FACTS_TIMEOUT,
        )
    return facts


def lesson_facts_forget(lesson_ids) -> None:
    keys = [_key(lesson_id) for lesson_id in lesson_ids]
    if keys:
        cache.delete_many(keys)


def lesson_facts_forget_translations(translation_key) -> None:
    """Forget a lesson in every language: its translations' facts name its English source."""
    ids = LessonPage.objects.filter(translation_key=translation_key).values_list("pk", flat=True)
    lesson_facts_forget(list(ids))


def lesson_facts_forget_below(page) -> None:
    """Forget every lesson at or below a page (moved, or its view restrictions changed), in
    every language."""
    below = LessonPage.objects.filter(path__startswith=page.path).values("translation_key")
    ids = LessonPage.objects.filter(translation_key__in=Subquery(below)).values_list(
        "pk", flat=True
    )
    lesson_facts_forget(list(ids))
