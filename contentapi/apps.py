from django.apps import AppConfig


class ContentApiConfig(AppConfig):
    """The read-only content API (/api/v2/) on Wagtail's API, and its OpenAPI description."""

    name = "contentapi"
    verbose_name = "Content API"
