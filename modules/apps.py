from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class ModulesConfig(AppConfig):
    name = "modules"
    verbose_name = _("Course content")

    def ready(self):
        from config import frontend_cache
        from modules import content_cache, images, navigation

        navigation.connect()
        content_cache.connect()
        frontend_cache.connect()
        checks.register(images.image_formats_check, checks.Tags.compatibility)
