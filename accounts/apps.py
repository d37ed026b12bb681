from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.utils.module_loading import autodiscover_modules

        from accounts import signals  # connects the receivers

        # Whether this is the account's first sign-in, read before `last_login` is overwritten.
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(signals.record_sign_in, dispatch_uid="accounts.record_sign_in")

        # Each app's personal_data.py declares its fields in accounts.data_registry.
        autodiscover_modules("personal_data")
