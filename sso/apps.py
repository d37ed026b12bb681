from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    """Single sign-on: organisations' OpenID Connect and SAML providers, set up in the Wagtail
    admin."""

    name = "sso"
    verbose_name = _("Single sign-on")
    default_auto_field = "django.db.models.BigAutoField"
