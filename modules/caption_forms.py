"""The lesson editor's caption tracks: paste WebVTT, or upload a .vtt or .srt file instead.

Wagtail builds an inline panel's forms from modelcluster's default form class and ignores the
child model's `base_form_class`, so `CaptionTrackPanel` hands its formset this form. An upload is
read, converted to WebVTT when it is SubRip, and stored in `vtt`, the text that is versioned with
the page; when it is wrong, the error names the line and cue and nothing is saved.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from modules.captions import parse_vtt, vtt_from_upload

MISSING_TRACK = _("Paste the WebVTT text or upload a .vtt or .srt file.")


class CaptionTrackForm(WagtailAdminModelForm):
    vtt_file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_(
            "A WebVTT (.vtt) or SubRip (.srt) file in UTF-8. It replaces the text above; "
            "a SubRip file is converted to WebVTT."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,.srt,text/vtt"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "vtt" in self.fields:
            self.fields["vtt"].required = False  # an upload may fill it instead

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("vtt_file")
        if upload:
            try:
                cleaned_data["vtt"] = vtt_from_upload(upload.name, upload.read())
            except ValidationError as error:
                self.add_error("vtt_file", error)
                return cleaned_data
            # The converted text is what is saved and shown again, so the editor sees it.
            self.data = self.data.copy()
            self.data[self.add_prefix("vtt")] = cleaned_data["vtt"]
        elif not (cleaned_data.get("vtt") or "").strip() and "vtt" not in self.errors:
            self.add_error("vtt", ValidationError(MISSING_TRACK, code="required"))
        return cleaned_data

    def _post_clean(self):
        # A refused upload leaves `vtt` as posted, maybe empty: the model's own "cannot be
        # blank" would only repeat the upload's error.
        if self.has_error("vtt_file"):
            return
        super()._post_clean()

    def cues(self):
        """The cues of a valid track, for checks across the page (coverage of the media)."""
        if self.errors or not self.cleaned_data.get("vtt"):
            return []
        return parse_vtt(self.cleaned_data["vtt"])


class CaptionTrackPanel(InlinePanel):
    """The caption tracks' inline panel, with the upload form."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = CaptionTrackForm
        return options
