from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class ModulesConfig(AppConfig):
    name = "modules"
    verbose_name = _("Course content")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from config import frontend_cache
        from modules import content_cache, images, navigation, translations

        navigation.connect()
        content_cache.connect()
        frontend_cache.connect()
        for signal in (post_save, post_delete):
            signal.connect(translations.locale_codes_forget, sender="wagtailcore.Locale")
        translations.connect()
        checks.register(images.image_formats_check, checks.Tags.compatibility)
