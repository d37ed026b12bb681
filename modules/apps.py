from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModulesConfig(AppConfig):
    name = "modules"
    verbose_name = _("Course content")

    def ready(self):
        from config import frontend_cache
        from modules import navigation

        navigation.connect()
        frontend_cache.connect()
