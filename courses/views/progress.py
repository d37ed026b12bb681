"""Progress endpoints: player reports (JSON or form), mark complete, start, and import.

Every endpoint writes only the signed-in learner's own rows: no URL names another learner.
"""

import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.context import course_learner_context
from courses.lesson_facts import lesson_facts_get
from courses.services.progress import (
    InvalidReport,
    enrolment_start,
    lesson_progress_complete,
    lesson_progress_record,
    progress_report_validate,
)
from courses.services.progress_import import ImportRejected, progress_import_merge
from modules.models import CoursePage, LessonPage
from modules.outline import course_outline

MAX_BODY_BYTES = 256 * 1024


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _live_lesson(lesson_id: int) -> LessonPage | None:
    return LessonPage.objects.live().public().select_related("media").filter(pk=lesson_id).first()


def _payload(request):
    """The request's data: a JSON object, or form fields (what sendBeacon and forms send)."""
    if request.content_type == "application/json":
        if len(request.body) > MAX_BODY_BYTES:
            raise InvalidReport(_("The request is too large."))
        try:
            return json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError) as error:
            raise InvalidReport(_("The body is not valid JSON.")) from error
        except RecursionError as error:
            # No report or import nests more than three levels; the parser gives up on
            # thousands of them by running out of stack, which is no reason for a 500.
            raise InvalidReport(_("The body is nested too deeply.")) from error
    return request.POST.dict()


@require_POST
def progress_report(request, lesson_id: int):
    """A player's report: the hottest endpoint, sent every 15 s by every learner playing a
    lecture. It reads the lesson's cached facts rather than the page, and writes one statement."""
    if not request.user.is_authenticated:
        return _error(401, _("Sign in to keep your progress in your account."))
    lesson = lesson_facts_get(lesson_id)
    if lesson is None:
        return _error(404, _("There is no such lesson."))
    try:
        report = progress_report_validate(lesson=lesson, data=_payload(request))
    except InvalidReport as error:
        return _error(400, str(error))
    result = lesson_progress_record(user=request.user, lesson=lesson, report=report)
    return JsonResponse(
        {
            "position": result.position,
            "seconds_played": result.seconds_played,
            "completed": result.completed,
            "completed_now": result.completed_now,
        }
    )


@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = _live_lesson(lesson_id)
    if lesson is None:
        raise Http404(_("There is no such lesson."))
    if not request.user.is_authenticated:
        messages.info(request, _("Sign in or create an account to keep your progress."))
        return redirect_to_login(lesson.url)
    if lesson_progress_complete(user=request.user, lesson=lesson):
        messages.success(request, _("“%s” is complete.") % lesson.title)
    else:
        messages.info(request, _("You had already completed this lesson."))
    # Back to the confirmation: the page's script moves focus there (lesson_completion.html).
    return redirect(f"{lesson.url}#completion-status")


@require_POST
def course_start(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    enrolment_start(user=request.user, course=course)
    progress = course_learner_context(request, course, course_outline(course))["progress"]
    target = progress.continue_lesson or course
    return redirect(target.url)


@require_POST
def progress_import(request):
    """Merge progress kept in the browser into the account; all of it, or nothing."""
    if not request.user.is_authenticated:
        return _error(401, _("Sign in to bring your progress into your account."))
    request.session.pop("offer_local_progress_import", None)
    try:
        payload = _payload(request)
        with transaction.atomic():
            summary = progress_import_merge(user=request.user, payload=payload)
    except (InvalidReport, ImportRejected) as error:
        return _error(400, str(error))
    return JsonResponse(summary)
