"""What the media pipeline made of an uploaded lecture, and where it stands.

wagtailmedia's own model keeps the upload, its duration, size and poster (`thumbnail`); this
companion row keeps the rest: the processing status an editor sees, the reason a file was
refused, the web-ready rendition of a video and the audio-only version for listening.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MediaProcessing(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    media = models.OneToOneField(
        "wagtailmedia.Media",
        verbose_name=_("media"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="processing",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    reason = models.TextField(_("reason"), blank=True)
    # The upload's file name that the status and renditions are about: a save that does not
    # change the file finds it processed already and sends nothing to the pipeline again.
    source = models.CharField(_("processed file"), max_length=255, blank=True)
    # Under the public "media" upload folder (settings.MEDIA_PUBLIC_FOLDERS).
    web_file = models.FileField(_("web-ready video"), upload_to="media/web", blank=True)
    web_size = models.PositiveBigIntegerField(_("web-ready video size (bytes)"), null=True)
    audio_file = models.FileField(_("audio-only version"), upload_to="media/audio", blank=True)
    audio_size = models.PositiveBigIntegerField(_("audio-only version size (bytes)"), null=True)
    original_size = models.PositiveBigIntegerField(_("upload size (bytes)"), null=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("media processing")
        verbose_name_plural = _("media processing")

    def __str__(self):
        return f"{self.media} ({self.status})"
