"""Template helpers for showing a learner's progress.

The `*_learner_state` tags give a page the signed-in learner's part (courses.context): the
content pages leave it out of their context, so that their content can be cached per revision
while this is rendered per request. For anonymous visitors they give an empty mapping.
"""

from django import template

from courses.context import course_learner_context, lesson_learner_context, module_learner_context

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


@register.simple_tag(takes_context=True)
def course_learner_state(context, course, outline) -> dict:
    """`{% course_learner_state page content.outline as learner %}`: progress, enrolment,
    certificate (3 queries)."""
    return course_learner_context(context["request"], course, outline)


@register.simple_tag(takes_context=True)
def module_learner_state(context, module, lessons) -> dict:
    """`{% module_learner_state page content.lessons as learner %}`: lesson states, how many
    are done (1 query)."""
    return module_learner_context(context["request"], module, lessons)


@register.simple_tag(takes_context=True)
def lesson_learner_state(context, lesson, lessons=()) -> dict:
    """`{% lesson_learner_state page content.module_lessons as learner %}`: the learner's row,
    whether the lesson is complete, where to resume, and their state on each of the module's
    lessons for the outline (1 query)."""
    return lesson_learner_context(context["request"], lesson, lessons)
