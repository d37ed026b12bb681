"""The learner's dashboard: their courses, progress, next lesson, recent activity, certificates.

It shows no module images, so the outline is read without them: a fixed 8 queries for a learner
in one course (the user, enrolments, certificates, the outline's 3, progress, recent activity),
whatever the size of the course.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from courses.models import Certificate, Enrolment, LessonProgress
from courses.overview import course_progress
from modules.outline import course_outline

RECENT_ACTIVITY = 8


@login_required
def dashboard(request):
    user = request.user
    enrolments = list(
        Enrolment.objects.for_user(user).select_related("course").order_by("-last_activity_at")
    )
    certificates = {c.course_id: c for c in Certificate.objects.filter(user=user)}
    courses = []
    for enrolment in enrolments:
        outline = course_outline(enrolment.course, images=False)
        courses.append(
            {
                "enrolment": enrolment,
                "course": enrolment.course,
                "progress": course_progress(user, enrolment.course, outline),
                "certificate": certificates.get(enrolment.course_id),
            }
        )
    recent = (
        LessonProgress.objects.for_user(user)
        .select_related("lesson")
        .order_by("-updated_at")[:RECENT_ACTIVITY]
    )
    return render(request, "courses/dashboard.html", {"courses": courses, "recent": list(recent)})
