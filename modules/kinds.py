"""A lesson's kind follows from its primary media: a video, an audio file, or none."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonKind(models.TextChoices):
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    WRITTEN = "written", _("Written")

    @classmethod
    def for_media(cls, media) -> "LessonKind":
        if media is None:
            return cls.WRITTEN
        return cls.AUDIO if media.type == "audio" else cls.VIDEO
