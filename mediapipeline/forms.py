"""wagtailmedia's upload and edit form, with the media pipeline's word on the file.

Settings point WAGTAILMEDIA["MEDIA_FORM_BASE"] here. The obvious bad uploads (empty, not a
recording, damaged headers, too long) are refused before anything is saved, so the form
re-displays with the reason and no row or file is left behind; what only a full conversion can
find out is reported later as the FAILED status, shown on the edit form.
"""

import tempfile
from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtailmedia.forms import BaseMediaForm

from .models import MediaProcessing
from .services import MediaRefused, media_check_file

STATUS_HELP = {
    MediaProcessing.Status.QUEUED: _("Processing: waiting for its turn."),
    MediaProcessing.Status.PROCESSING: _("Processing: being prepared for the web now."),
    MediaProcessing.Status.READY: _("Processing: ready."),
    MediaProcessing.Status.FAILED: _("Processing failed: %(reason)s"),
}


def status_text(processing: MediaProcessing | None) -> str:
    """The pipeline's status in one sentence for an editor."""
    if processing is None:
        return ""
    return str(STATUS_HELP[processing.status]) % {"reason": processing.reason}


class PipelineMediaForm(BaseMediaForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields and self.instance.pk:
            processing = MediaProcessing.objects.filter(media=self.instance).first()
            if processing is not None:
                self.fields["file"].help_text = status_text(processing)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # An unchanged file on the edit form is the stored one, checked when it was uploaded.
        if upload is None or "file" not in self.changed_data:
            return upload
        if upload.size == 0:
            raise forms.ValidationError(
                _("The file is empty (0 bytes). Choose the lecture's file again and upload it."),
                code="empty",
            )
        suffix = Path(upload.name).suffix.lower()
        with tempfile.NamedTemporaryFile(prefix="upload-", suffix=suffix) as copy:
            for chunk in upload.chunks():
                copy.write(chunk)
            copy.flush()
            try:
                media_check_file(Path(copy.name), kind=self.instance.type)
            except MediaRefused as refusal:
                raise forms.ValidationError(refusal.message, code="refused") from refusal
        upload.seek(0)
        return upload
