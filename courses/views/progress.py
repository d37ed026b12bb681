from django.http import Http404


def course_start(request, course_id):
    raise Http404


def progress_report(request, lesson_id):
    raise Http404


def lesson_complete(request, lesson_id):
    raise Http404


def progress_import(request):
    raise Http404
