"""Admin form for lessons: media must come with what makes it accessible.

A video needs captions and an audio lecture needs a transcript. The check runs on every save,
so an editor sees the message at once and the lesson cannot be published without them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from mediapipeline.status import not_ready_reason
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
        # The submit buttons' names are in the posted data: only publishing waits for the media.
        if media is not None and "action-publish" in self.data:
            reason = not_ready_reason(media)
            if reason:
                self.add_error("media", forms.ValidationError(reason, code="media-not-ready"))
        return cleaned_data
