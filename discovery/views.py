"""robots.txt and the sitemap, the same for every visitor (shared-cacheable)."""

from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from config.http_cache import shared_cacheable

from .sitemaps import SITEMAPS

# Personal pages and endless query spaces: nothing there for a search engine.
PRIVATE_PREFIXES = (
    "accounts/",
    "dashboard/",
    "progress/",
    "reminders/",
    "certificates/",
    "search/",
)


def robots_lines(request) -> list[str]:
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code, _name in settings.LANGUAGES:
        prefix = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        lines += [f"Disallow: {prefix}{path}" for path in PRIVATE_PREFIXES]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return lines


@require_GET
@shared_cacheable
def robots_txt(request):
    return HttpResponse("\n".join(robots_lines(request)) + "\n", content_type="text/plain")


@require_GET
@shared_cacheable
def sitemap(request):
    """One sitemap of all the site's addresses (far below the protocol's 50,000), rendered with
    Django's template but without the request's context, which would read the session."""
    site, urls = RequestSite(request), []
    for make in SITEMAPS.values():
        urls += make(request).get_urls(site=site, protocol=request.scheme)
    body = render_to_string("sitemap.xml", {"urlset": urls})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
