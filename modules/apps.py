from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModulesConfig(AppConfig):
    name = "modules"
    verbose_name = _("Course content")

    def ready(self):
        from modules import content_cache, navigation

        navigation.connect()
        content_cache.connect()
