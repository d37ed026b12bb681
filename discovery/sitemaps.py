"""The sitemap (`/sitemap.xml`): every public page once, at its canonical address, with the
addresses of the same page in the other languages it is written in (`xhtml:link` alternates).

Pages are read in one query whatever their number; the views outside Wagtail's tree (experts,
themes) are listed in every interface language by Django's i18n sitemap.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.models import Page

from library.queries import english_snippets
from modules.models import Expert, Theme
from modules.translations import is_translated, locale_code


@dataclass
class PageEntry:
    path: str
    language: str
    lastmod: datetime | None
    alternates: dict[str, str] = field(default_factory=dict)  # language -> path


def page_entries(request) -> list[PageEntry]:
    """Each live public page written in its own language, grouped with its translations."""
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .order_by("path")
        .only("pk", "url_path", "locale_id", "alias_of_id", "translation_key", "last_published_at")
    )
    groups: dict = defaultdict(list)
    for page in pages:
        if not is_translated(page):
            continue  # an untranslated copy: its canonical address is the English page's
        url = page.get_url(request)
        if url is None:
            continue  # outside every site
        groups[page.translation_key].append(
            PageEntry(url, locale_code(page.locale_id), page.last_published_at)
        )
    entries = []
    for group in groups.values():
        alternates = {entry.language: entry.path for entry in group}
        for entry in group:
            if len(group) > 1:
                entry.alternates = alternates
            entries.append(entry)
    return entries


class PagesSitemap(Sitemap):
    def __init__(self, request):
        self.request = request

    def items(self):
        return page_entries(self.request)

    def location(self, item: PageEntry) -> str:
        return item.path

    def lastmod(self, item: PageEntry):
        return item.lastmod

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            origin = url["location"][: -len(url["item"].path)]
            url["alternates"] = [
                {"lang_code": code, "location": origin + path}
                for code, path in url["item"].alternates.items()
            ]
            if settings.LANGUAGE_CODE in url["item"].alternates:
                english = url["item"].alternates[settings.LANGUAGE_CODE]
                url["alternates"].append({"lang_code": "x-default", "location": origin + english})
        return urls


class DirectorySitemap(Sitemap):
    """The experts and themes, which are views rather than pages, in every interface language."""

    i18n = True
    alternates = True
    x_default = True

    def __init__(self, request):
        self.request = request

    def items(self):
        experts = english_snippets(Expert).order_by("slug").values_list("slug", flat=True)
        themes = english_snippets(Theme).order_by("slug").values_list("slug", flat=True)
        return [
            ("expert_list", ()),
            ("theme_list", ()),
            *(("expert_detail", (slug,)) for slug in experts),
            *(("theme_detail", (slug,)) for slug in themes),
        ]

    def location(self, item) -> str:
        name, args = item
        return reverse(name, args=args)


SITEMAPS = {"pages": PagesSitemap, "directory": DirectorySitemap}
