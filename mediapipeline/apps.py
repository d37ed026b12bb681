from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaPipelineConfig(AppConfig):
    name = "mediapipeline"
    verbose_name = _("Media processing")

    def ready(self):
        from . import signals

        signals.connect()
