"""Opening a lesson enrols a signed-in learner in its course (once; later visits only read)."""

from wagtail import hooks

from courses.services.progress import course_for_lesson, enrolment_start
from modules.models import LessonPage


@hooks.register("before_serve_page")
def enrol_on_first_lesson(page, request, serve_args, serve_kwargs):
    if isinstance(page, LessonPage) and request.user.is_authenticated:
        course = course_for_lesson(page)
        if course is not None:
            enrolment_start(user=request.user, course=course)
