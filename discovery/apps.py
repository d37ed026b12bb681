from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    """How search engines and other software find the course and read its pages: the sitemap,
    robots.txt, and each page's JSON-LD and Open Graph metadata."""

    name = "discovery"
    verbose_name = "Discovery"
