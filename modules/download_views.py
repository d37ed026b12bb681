"""Downloads of a lesson's files: its transcript (plain text and tagged PDF, built by
modules/transcripts.py), its media and the audio-only version.

The address names the lesson page (`/lessons/<id>/transcript.pdf`), not a language: each
language's lesson is a page of its own, so the link on the Swedish lesson names the Swedish page
and serves its transcript, in the language the page shows. Only live lessons are served, and
only to a visitor the lesson's view restrictions let in, as Wagtail checks them when it serves
the page: someone not signed in is sent to sign in, anyone else refused. A lesson open to all
is cacheable by browsers and shared caches for a few minutes; a restricted one never is shared.

The media are served here as attachments, from our own origin, under a name that says what they
are ("street-sensors-audio.m4a"): the player's address of the same file answers inline under
its storage name, which a browser prefers to a link's `download` name, and an object storage
on another origin would make a browser ignore `download` altogether. These downloads stream
through Django from whatever storage holds the file; a site that wants them off its workers
lets the reverse proxy serve /lessons/<id>/*.m4a and the like from the storage.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import PageViewRestriction

from modules.downloads import media_file
from modules.models import LessonPage
from modules.transcripts import PDF_TYPE, TEXT_TYPE, transcript_file, transcript_filename
from modules.translations import content_language

PUBLIC_MAX_AGE = 300
CONTENT_TYPES = {"txt": TEXT_TYPE, "pdf": PDF_TYPE}
SIGN_IN_RESTRICTIONS = (PageViewRestriction.LOGIN, PageViewRestriction.GROUPS)


def refused_restriction(request, restrictions) -> PageViewRestriction | None:
    """The first of a lesson's view restrictions this request does not meet, if any."""
    return next((each for each in restrictions if not each.accept_request(request)), None)


def open_lesson(request, page_id: int):
    """The live lesson `page_id` and its view restrictions, or the answer that refuses it."""
    lesson = LessonPage.objects.live().filter(pk=page_id).first()
    if lesson is None:
        raise Http404(_("No such lesson."))
    restrictions = list(lesson.get_view_restrictions())
    refused = refused_restriction(request, restrictions)
    if refused is None:
        return lesson, restrictions, None
    if refused.restriction_type in SIGN_IN_RESTRICTIONS and not request.user.is_authenticated:
        return lesson, restrictions, redirect_to_login(request.get_full_path())
    raise PermissionDenied(_("This lesson is not open to you."))


def cacheable(response, restrictions):
    if restrictions:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


@require_safe
def transcript_download(request, page_id: int, fmt: str):
    lesson, restrictions, refusal = open_lesson(request, page_id)
    if refusal is not None:
        return refusal
    content = transcript_file(lesson, fmt)
    if content is None:
        raise Http404(_("This lesson has no transcript."))
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = content_disposition_header(True, transcript_filename(lesson, fmt))
    response["Content-Disposition"] = disposition
    response["Content-Language"] = content_language(lesson)
    return cacheable(response, restrictions)


@require_safe
def media_download(request, page_id: int, which: str, extension: str):
    """The lesson's media ("media") or its audio-only version ("audio"), as an attachment."""
    lesson, restrictions, refusal = open_lesson(request, page_id)
    if refusal is not None:
        return refusal
    found = media_file(lesson, which)
    if found is None or found.extension != f".{extension}":
        raise Http404(_("This lesson has no such file."))
    try:
        handle = found.field_file.open("rb")
    except (OSError, ValueError) as error:  # gone from the storage since it was listed
        raise Http404(_("This file is missing. Please try again later.")) from error
    response = FileResponse(
        handle, as_attachment=True, filename=found.filename, content_type=found.content_type
    )
    return cacheable(response, restrictions)
