"""Whether a lecture's media may be published yet (asked by the lesson's admin form)."""

from django.utils.translation import gettext as _

from .models import MediaProcessing


def not_ready_reason(media) -> str | None:
    """Why a lesson with this media cannot be published yet, or None when it can.

    Media uploaded before the pipeline existed have no processing row and count as ready: they
    were published as they are.
    """
    processing = MediaProcessing.objects.filter(media=media).first()
    if processing is None or processing.status == MediaProcessing.Status.READY:
        return None
    if processing.status == MediaProcessing.Status.FAILED:
        return _(
            "The lecture's media file “%(title)s” was refused: %(reason)s Upload a new file "
            "for it, or choose other media, before publishing."
        ) % {"title": media.title, "reason": processing.reason}
    if media.type == "audio":
        return _(
            "The audio “%(title)s” is still being prepared. Save a draft and try publishing "
            "again in a few minutes."
        ) % {"title": media.title}
    return _(
        "The video “%(title)s” is still being prepared for the web. Save a draft and try "
        "publishing again in a few minutes."
    ) % {"title": media.title}
