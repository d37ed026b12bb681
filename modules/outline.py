"""Reads that pages need, each in a fixed number of queries whatever the size of the course.

A course home lists every module and lesson: rather than asking each module for its children,
the lessons of the whole course are fetched in one query and grouped by their parent's path.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.models import Page

from modules.models import Expert, LessonPage, ModulePage


@dataclass
class ModuleEntry:
    module: ModulePage
    lessons: list[LessonPage] = field(default_factory=list)

    @property
    def total_seconds(self) -> int:
        return sum(lesson.duration_seconds or 0 for lesson in self.lessons)


def _experts_queryset():
    photos = get_image_model().objects.prefetch_renditions()
    return Expert.objects.prefetch_related(Prefetch("photo", photos))


def live_lessons(parent: Page):
    return (
        LessonPage.objects.live()
        .public()
        .descendant_of(parent)
        .select_related("media")
        .order_by("path")
    )


def course_outline(course) -> list[ModuleEntry]:
    """The course's live modules in order, each with its live lessons in order (3 queries)."""
    images = get_image_model().objects.prefetch_renditions()
    modules = (
        ModulePage.objects.live()
        .public()
        .child_of(course)
        .prefetch_related(Prefetch("image", images))
        .order_by("path")
    )
    entries = {module.path: ModuleEntry(module) for module in modules}
    for lesson in live_lessons(course):
        entry = entries.get(lesson.path[: -Page.steplen])
        if entry is not None:
            entry.lessons.append(lesson)
    return list(entries.values())


def course_experts(course):
    """Everyone featured in the course's live lessons, by name."""
    lesson_ids = live_lessons(course).values("pk")
    return list(_experts_queryset().filter(lessons__in=lesson_ids).distinct())


def _neighbours(queryset, page):
    previous = queryset.filter(path__lt=page.path).order_by("-path").first()
    following = queryset.filter(path__gt=page.path).order_by("path").first()
    return previous, following


def module_context(module: ModulePage) -> dict:
    course = module.get_parent()
    siblings = ModulePage.objects.live().public().child_of(course)
    previous, following = _neighbours(siblings, module)
    lessons = list(live_lessons(module))
    return {
        "course": course,
        "breadcrumbs": [course],
        "lessons": lessons,
        "experts": list(
            _experts_queryset().filter(lessons__in=[lesson.pk for lesson in lessons]).distinct()
        ),
        "previous_module": previous,
        "next_module": following,
    }


def lesson_context(lesson: LessonPage) -> dict:
    ancestors = list(lesson.get_ancestors().filter(depth__gt=1).specific(defer=True))
    module = ancestors[-1] if ancestors else None
    course = ancestors[-2] if len(ancestors) > 1 else None
    previous = following = None
    if course is not None:
        previous, following = _neighbours(live_lessons(course), lesson)
    return {
        "lesson_themes": list(lesson.themes.all()),
        "breadcrumbs": ancestors,
        "module": module,
        "course": course,
        "caption_tracks": list(lesson.caption_tracks.all()),
        "lesson_experts": list(_experts_queryset().filter(lessons=lesson)),
        "previous_lesson": previous,
        "next_lesson": following,
    }
