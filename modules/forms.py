"""Admin form for lessons: media must come with what makes it accessible.

A video needs captions and an audio lecture needs a transcript. The check runs on every save,
so an editor sees the message at once and the lesson cannot be published without them.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from mediapipeline.status import not_ready_reason
from modules.captions import coverage_problem
from modules.kinds import LessonKind

MISSING_CAPTIONS = _(
    "A video lesson needs captions: add a WebVTT caption track before saving or publishing."
)
MISSING_TRANSCRIPT = _("An audio lesson needs a transcript: add one before saving or publishing.")


def accessibility_errors(*, kind: LessonKind, has_captions: bool, transcript: str) -> dict:
    """Field errors that keep a lesson's media from being published, keyed by form field."""
    errors = {}
    if kind == LessonKind.VIDEO and not has_captions:
        errors["media"] = MISSING_CAPTIONS
    if kind == LessonKind.AUDIO and not transcript.strip():
        errors["transcript"] = MISSING_TRANSCRIPT
    return errors


def add_coverage_errors(captions, media) -> None:
    """Refuse captions tracks that do not cover the media, on the track, naming its language.

    Chapters and audio descriptions may cover part of the media; captions carry all that is said.
    (The kind is compared by value: TrackKind lives with the models, which import this form.)
    """
    duration = getattr(media, "duration", None)
    languages = dict(settings.LANGUAGES)
    for form in captions.forms:
        if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
            continue
        if form.cleaned_data.get("kind") != "captions" or not hasattr(form, "cues"):
            continue
        language = form.cleaned_data.get("language", "")
        problem = coverage_problem(form.cues(), duration, languages.get(language, language))
        if problem:
            form.add_error("vtt", forms.ValidationError(problem, code="coverage"))


class LessonPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        captions = self.formsets.get("caption_tracks")
        if captions is not None:
            captions.is_valid()  # cleans the caption forms, which the page form reaches first
        has_captions = captions is not None and any(
            form.cleaned_data.get("vtt") and not form.cleaned_data.get("DELETE")
            for form in captions.forms
            if hasattr(form, "cleaned_data")
        )
        errors = accessibility_errors(
            kind=LessonKind.for_media(cleaned_data.get("media")),
            has_captions=has_captions,
            transcript=cleaned_data.get("transcript") or "",
        )
        for field, message in errors.items():
            self.add_error(field, forms.ValidationError(message, code="accessibility"))
        media = cleaned_data.get("media")
        if captions is not None and media is not None:
            add_coverage_errors(captions, media)
        # The submit buttons' names are in the posted data: only publishing waits for the media.
        if media is not None and "action-publish" in self.data:
            reason = not_ready_reason(media)
            if reason:
                self.add_error("media", forms.ValidationError(reason, code="media-not-ready"))
        return cleaned_data
