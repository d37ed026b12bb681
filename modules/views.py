"""Views outside the page tree: captions files and search."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from modules.models import LessonCaptionTrack
from modules.search import MAX_QUERY_LENGTH, search_course_content


@require_GET
@cache_control(public=True, max_age=300)
def caption_track(request, page_id: int, language: str):
    track = (
        LessonCaptionTrack.objects.filter(page_id=page_id, language=language, page__live=True)
        .only("vtt")
        .first()
    )
    if track is None:
        raise Http404(_("No captions in this language for this lesson."))
    return HttpResponse(track.vtt, content_type="text/vtt; charset=utf-8")


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()
    too_long = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    results = search_course_content(query)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "modules/search.html",
        {"query": query, "query_truncated": too_long, "results": page},
    )
