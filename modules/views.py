"""Views outside the page tree: captions files."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from modules.models import LessonCaptionTrack, TrackKind


@require_GET
@cache_control(public=True, max_age=300)
def caption_track(request, page_id: int, language: str):
    track = (
        LessonCaptionTrack.objects.filter(
            page_id=page_id, kind=TrackKind.CAPTIONS, language=language, page__live=True
        )
        .only("vtt")
        .first()
    )
    if track is None:
        raise Http404(_("No captions in this language for this lesson."))
    return HttpResponse(track.vtt, content_type="text/vtt; charset=utf-8")
