"""The learner's dashboard: their courses, progress, next lesson, recent activity, certificates.

It shows no module images, so the outline is read without them: a fixed 8 queries for a learner
in one course (the user, enrolments, certificates, the outline's 3, progress, recent activity),
whatever the size of the course. Read in another language than English, the courses and the
recent lessons are shown in it, which costs two more queries (courses.localised).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.signals import FIRST_SIGN_IN
from courses.localised import in_reader_language
from courses.models import Certificate, Enrolment, LessonProgress
from courses.overview import course_progress
from modules.models import CoursePage, LessonPage
from modules.outline import course_outline

RECENT_ACTIVITY = 8


@login_required
def dashboard(request):
    user = request.user
    enrolments = list(
        Enrolment.objects.for_user(user).select_related("course").order_by("-last_activity_at")
    )
    certificates = {c.course_id: c for c in Certificate.objects.filter(user=user)}
    shown = in_reader_language(
        CoursePage.objects.live(), [enrolment.course for enrolment in enrolments]
    )
    courses = []
    for enrolment in enrolments:
        course = shown[enrolment.course_id]
        outline = course_outline(course, images=False)
        courses.append(
            {
                "enrolment": enrolment,
                "course": course,
                "progress": course_progress(user, course, outline),
                "certificate": certificates.get(enrolment.course_id),
            }
        )
    recent = list(
        LessonProgress.objects.for_user(user)
        .select_related("lesson")
        .order_by("-updated_at")[:RECENT_ACTIVITY]
    )
    lessons = in_reader_language(
        LessonPage.objects.live().defer_streamfields(), [row.lesson for row in recent]
    )
    for row in recent:
        row.shown_lesson = lessons[row.lesson_id]
    # New: this is the account's first sign-in and nothing is studied yet. "Welcome back" would
    # greet someone who has never been here before.
    new_learner = bool(request.session.get(FIRST_SIGN_IN)) and not recent
    return render(
        request,
        "courses/dashboard.html",
        {"courses": courses, "recent": recent, "new_learner": new_learner},
    )
