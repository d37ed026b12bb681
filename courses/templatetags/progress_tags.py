"""Template helpers for showing a learner's progress."""

from django import template

register = template.Library()


@register.filter
def state_of(states, lesson) -> str:
    """The learner's state for a lesson, from a {lesson_id: state} mapping; empty if unknown."""
    if not states:
        return ""
    return str(states.get(lesson.pk, "not-started"))


@register.filter
def module_progress(progress, module):
    """The learner's ModuleProgress for a module of the course, or None."""
    return progress.for_module(module) if progress else None
