"""The main navigation: the course, its events, its library, the experts and the themes.

The events index and the library are pages an editor may move or rename, so their addresses are
looked up, not written into templates. The lookup is cached (every page shows the navigation)
and forgotten whenever a page is published, unpublished, moved or deleted.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_KEY = "site-sections"
CACHE_SECONDS = 3600


def _section_urls(language: str) -> dict[str, str]:
    """The sections' addresses in `language`: its own pages where its tree has them (translated
    or not), else the English ones."""
    from events.models import EventIndexPage
    from library.models import ResourceIndexPage

    urls = {"course": reverse("wagtail_serve", args=[""])}
    for key, model in (("events", EventIndexPage), ("library", ResourceIndexPage)):
        pages = model.objects.live().public()
        page = (
            pages.filter(locale__language_code=language).order_by("path").first()
            or pages.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path").first()
        )
        if page is not None and page.url:
            urls[key] = page.url
    return urls


def section_urls() -> dict[str, str]:
    language = get_language() or settings.LANGUAGE_CODE
    return cache.get_or_set(
        f"{CACHE_KEY}:{language}", lambda: _section_urls(language), CACHE_SECONDS
    )


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


def navigation(path: str, *, on_page: bool) -> list[NavItem]:
    """The sections in order; the one holding `path` is current. The course holds every other
    page of the tree (`on_page`), and nothing outside it (account pages, search)."""
    sections = section_urls()
    items = [
        (_("Events"), sections.get("events")),
        (_("Library"), sections.get("library")),
        (_("Experts"), reverse("expert_list")),
        (_("Themes"), reverse("theme_list")),
    ]
    items = [(label, url) for label, url in items if url]
    current = next((url for _, url in items if path.startswith(url)), None)
    return [NavItem(_("Course"), sections["course"], current is None and on_page)] + [
        NavItem(label, url, url == current) for label, url in items
    ]


def site_navigation(request) -> dict:
    """Context processor: `site_navigation`, the main navigation, built only when shown."""
    match = getattr(request, "resolver_match", None)
    on_page = match is not None and match.url_name == "wagtail_serve"
    return {"site_navigation": SimpleLazyObject(lambda: navigation(request.path, on_page=on_page))}


def forget_sections(**kwargs) -> None:
    cache.delete_many([f"{CACHE_KEY}:{code}" for code, _name in settings.LANGUAGES])


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_sections, dispatch_uid=f"site-sections-{signal!r}")
    post_delete.connect(forget_sections, sender="wagtailcore.Page", dispatch_uid="site-sections")
