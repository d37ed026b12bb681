"""The lesson editor's "Preview captions": the lecture with its tracks as last saved.

The public track addresses serve live lessons only, so the preview serves the tracks of the
latest revision itself, to people who may edit the lesson.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from mediapipeline.renditions import playable_sources
from modules.captions import clock, coverage_problem, parse_vtt
from modules.models import LessonPage, TrackKind


def editable_draft(request, page_id: int) -> LessonPage:
    """The lesson's latest revision, if the user may edit it; 404 for any other page."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, LessonPage):
        raise Http404(_("Only lessons have caption tracks."))
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page.get_latest_revision_as_object()


def preview_tracks(lesson: LessonPage) -> list[dict]:
    """Each track of the draft with its cues, or the reason it cannot be shown."""
    languages = dict(settings.LANGUAGES)
    duration = lesson.media.duration if lesson.media_id else None
    tracks = []
    for track in lesson.caption_tracks.all():
        entry = {
            "kind": track.kind,
            "kind_label": track.get_kind_display(),
            "language": track.language,
            "label": track.display_label,
            "src": reverse("caption_preview_track", args=[lesson.pk, track.kind, track.language]),
            "cues": [],
            "error": None,
            "coverage": None,
        }
        try:
            entry["cues"] = parse_vtt(track.vtt)
        except ValidationError as error:
            entry["error"] = " ".join(error.messages)
        if track.kind == TrackKind.CAPTIONS and entry["cues"]:
            language = languages.get(track.language, track.language)
            entry["coverage"] = coverage_problem(entry["cues"], duration, language)
        entry["rows"] = [(clock(cue.start), clock(cue.end), cue.text) for cue in entry["cues"]]
        tracks.append(entry)
    return tracks


@require_GET
def caption_preview(request, page_id: int):
    lesson = editable_draft(request, page_id)
    tracks = preview_tracks(lesson)
    playable = [track for track in tracks if not track["error"]]
    context = {
        "lesson": lesson,
        "media": lesson.media,
        "sources": playable_sources(lesson.media) if lesson.media_id else [],
        "caption_tracks": [t for t in playable if t["kind"] == TrackKind.CAPTIONS],
        "other_tracks": [t for t in playable if t["kind"] != TrackKind.CAPTIONS],
        "tracks": tracks,
        "page_title": _("Preview captions"),
        "page_subtitle": lesson.title,
        "header_icon": "media",
    }
    return TemplateResponse(request, "modules/admin/caption_preview.html", context)


@require_GET
def caption_preview_track(request, page_id: int, kind: str, language: str):
    """One track of the draft as WebVTT, for the preview's player; never cached."""
    lesson = editable_draft(request, page_id)
    for track in lesson.caption_tracks.all():
        if track.kind == kind and track.language == language:
            response = HttpResponse(track.vtt, content_type="text/vtt; charset=utf-8")
            response["Cache-Control"] = "private, no-store"
            return response
    raise Http404(_("No track of this kind in this language for this lesson."))
