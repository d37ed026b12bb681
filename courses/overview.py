"""What a learner has done in a course, for the pages that show it.

Built from the course outline (modules and live lessons, read once) and the learner's progress
rows in the course (one query), so every page that shows progress makes a fixed number of
queries whatever the size of the course or the number of other learners.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from courses.models import LessonProgress
from modules.outline import ModuleEntry


class LessonState(StrEnum):
    NOT_STARTED = "not-started"
    STARTED = "started"
    DONE = "done"


def percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


@dataclass
class ModuleProgress:
    entry: ModuleEntry
    done: int
    total: int

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total


@dataclass
class CourseProgress:
    modules: list[ModuleProgress]
    states: dict[int, LessonState] = field(default_factory=dict)
    rows: dict[int, LessonProgress] = field(default_factory=dict)
    continue_module: object = None
    continue_lesson: object = None
    last_activity: object = None

    @property
    def done(self) -> int:
        return sum(module.done for module in self.modules)

    @property
    def total(self) -> int:
        return sum(module.total for module in self.modules)

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)

    @property
    def modules_done(self) -> int:
        return sum(module.complete for module in self.modules)

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total

    @property
    def started(self) -> bool:
        return bool(self.rows)

    def for_module(self, module) -> ModuleProgress | None:
        return next((m for m in self.modules if m.entry.module.pk == module.pk), None)

    def state(self, lesson) -> LessonState:
        return self.states.get(lesson.pk, LessonState.NOT_STARTED)


def progress_rows(user, lessons) -> dict[int, LessonProgress]:
    """The learner's progress on these lessons, by the id of each lesson as given (one query).

    The lessons may be in any language: progress is recorded on their English sources, found
    by the translation keys they share, and handed back under the ids of the lessons shown.
    """
    by_key = {lesson.translation_key: lesson.pk for lesson in lessons}
    if not by_key:
        return {}
    rows = (
        LessonProgress.objects.for_user(user)
        .of_translation_keys(list(by_key))
        .only("lesson_id", "position", "seconds_played", "completed_at", "updated_at")
    )
    return {by_key[row.translation_key]: row for row in rows}


def course_progress(user, course, outline: list[ModuleEntry]) -> CourseProgress:
    """The learner's progress through the outline: per lesson, per module, overall, and where
    to continue (the lesson they were last in, or the next one if they finished it). The
    outline may be the course in any language; lessons and links are the outline's."""
    lessons = [lesson for entry in outline for lesson in entry.lessons]
    rows = progress_rows(user, lessons) if user.is_authenticated else {}
    states = {
        lesson_id: LessonState.DONE if row.completed_at else LessonState.STARTED
        for lesson_id, row in rows.items()
    }
    modules = [
        ModuleProgress(
            entry=entry,
            done=sum(states.get(lesson.pk) == LessonState.DONE for lesson in entry.lessons),
            total=len(entry.lessons),
        )
        for entry in outline
    ]
    progress = CourseProgress(modules=modules, states=states, rows=rows)
    ordered = [(entry.module, lesson) for entry in outline for lesson in entry.lessons]
    if not ordered:
        return progress
    live_rows = [(lesson.pk, rows[lesson.pk]) for _, lesson in ordered if lesson.pk in rows]
    latest = max(live_rows, key=lambda item: item[1].updated_at, default=None)
    progress.last_activity = latest[1].updated_at if latest else None
    start = 0
    if latest is not None:
        latest_id, latest_row = latest
        start = next(i for i, (_, lesson) in enumerate(ordered) if lesson.pk == latest_id)
        if latest_row.completed_at:
            start += 1
    candidates = ordered[start:] + ordered[:start]
    for module, lesson in candidates:
        if states.get(lesson.pk) != LessonState.DONE:
            progress.continue_module, progress.continue_lesson = module, lesson
            break
    return progress
