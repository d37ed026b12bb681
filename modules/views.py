"""Views outside the page tree: a lesson's WebVTT tracks as files.

Only a live lesson's tracks are served (a draft's are seen in the admin's preview), from our own
domain, so the player asks no one else for them.
"""

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


# Captions have their own address (lesson_captions); these are the other kinds a player loads.
SERVED_KINDS = {TrackKind.CHAPTERS, TrackKind.DESCRIPTIONS}


@require_GET
@cache_control(public=True, max_age=300)
def lesson_track(request, page_id: int, kind: str, language: str):
    """A live lesson's chapters or audio description track, by the rules of caption_track."""
    track = None
    if kind in SERVED_KINDS:
        track = (
            LessonCaptionTrack.objects.filter(
                page_id=page_id, kind=kind, language=language, page__live=True
            )
            .only("vtt")
            .first()
        )
    if track is None:
        raise Http404(_("No track of this kind in this language for this lesson."))
    return HttpResponse(track.vtt, content_type="text/vtt; charset=utf-8")
