from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from accounts import signals  # noqa: F401  (connects the receivers)

        # Each app's personal_data.py declares its fields in accounts.data_registry.
        autodiscover_modules("personal_data")
