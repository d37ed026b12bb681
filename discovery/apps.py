from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    """How search engines and other software find the course: the sitemap and robots.txt."""

    name = "discovery"
    verbose_name = "Discovery"
