from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningRecordsConfig(AppConfig):
    name = "learningrecords"
    verbose_name = _("Learning records (xAPI)")

    def ready(self):
        from learningrecords import receivers  # noqa: F401  (connects the receivers)
