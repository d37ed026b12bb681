"""Purge the shared cache (Varnish, a CDN) when published content changes.

Anonymous pages sit in the shared cache for HTTP_CACHE_S_MAXAGE seconds (config.http_cache);
an editor who publishes a correction should not wait that long. On every publish, unpublish,
move and delete of a page, the addresses that show it are purged through Wagtail's frontend
cache invalidation (`wagtail.contrib.frontend_cache`, its HTTPBackend sending PURGE to each
of FRONTEND_CACHE_URLS):

- the page itself (its old addresses too, after a move, with every page below it);
- its ancestors: a module lists its lessons, the course home lists the modules and lessons,
  the events index and the library list their pages;
- the pages below a course or module, whose breadcrumbs name it;
- a lesson's neighbours in the course, which link to it by title ("Next: ..."), and the
  expert and theme pages that list it, in every language;
- an event's page when a registration changes its seat count.

Wagtail's own app (`wagtail.contrib.frontend_cache` in INSTALLED_APPS) is deliberately not
installed: its signal handlers purge at once, inside the publishing transaction, so that a
visitor arriving before the commit puts the old version back into the cache for s-maxage.
Here the addresses are worked out when the signal fires (a deleted page still has them) and
purged once the transaction commits.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from config.content_changes import content_changed_mark

# Above this many pages below a changed page, its descendants are left to expire by
# themselves (s-maxage) rather than purged one request at a time.
MAX_DESCENDANTS = 1000


def page_addresses(page: Page, *, with_descendants: bool = True) -> set[str]:
    """The full URLs of `page` and of every page that shows it (see the module docstring)."""
    batch = PurgeBatch()
    page = page.specific_deferred
    batch.add_page(page)
    batch.add_pages(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
    if with_descendants and not page.is_leaf():
        # Not only the live ones: unpublishing a section unpublishes the pages below it.
        descendants = page.get_descendants().specific(defer=True)
        if descendants.count() <= MAX_DESCENDANTS:
            batch.add_pages(descendants)
    batch.add_pages(_neighbours(page))
    root = _root_url(page)
    if root is not None:
        batch.add_urls(root + path for path in _listing_paths(page))
    return batch.urls


def _neighbours(page: Page) -> list[Page]:
    """The live pages of the same kind just before and after `page` in its course."""
    course = page.get_ancestors().filter(depth=2).first()
    if course is None:
        return []
    same_kind = type(page).objects.live().descendant_of(course).exclude(pk=page.pk)
    before = same_kind.filter(path__lt=page.path).order_by("-path").first()
    after = same_kind.filter(path__gt=page.path).order_by("path").first()
    return [neighbour for neighbour in (before, after) if neighbour is not None]


def _listing_paths(page: Page) -> list[str]:
    """The expert and theme pages (plain Django views) that list `page`, in every language."""
    themes = getattr(page, "themes", None)
    experts = getattr(page, "experts", None)
    if themes is None and experts is None:
        return []
    named = [("expert_list", []), ("theme_list", [])]
    for name, related in (("theme_detail", themes), ("expert_detail", experts)):
        if related is not None:
            named += [(name, [slug]) for slug in related.values_list("slug", flat=True)]
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [reverse(name, args=args) for name, args in named]
    return paths


def _root_url(page: Page) -> str | None:
    site = page.get_site()
    return site.root_url if site is not None else None


def addresses_purge(*, urls: set[str]) -> None:
    """Purge `urls` from every frontend cache once the current transaction commits."""

    def purge():
        content_changed_mark()
        if urls:
            PurgeBatch(urls).purge()

    transaction.on_commit(purge)


def purging() -> bool:
    """Whether any frontend cache is configured; without one only the change time is kept."""
    return bool(settings.WAGTAILFRONTENDCACHE)


def page_changed(sender, instance, **kwargs) -> None:
    """page_published / page_unpublished (sent for deletions too): purge what shows it."""
    addresses_purge(urls=page_addresses(instance) if purging() else set())


# The addresses a page being moved leaves behind, by page id, from pre_page_move to
# post_page_move (which is sent with a freshly loaded instance).
_addresses_before_move: dict[int, set[str]] = {}


def page_moving(sender, instance, **kwargs) -> None:
    """pre_page_move: remember the addresses the page and its subtree leave behind."""
    if purging():
        _addresses_before_move[instance.pk] = page_addresses(instance)


def page_moved(sender, instance, **kwargs) -> None:
    """post_page_move: purge the old addresses and what shows the page at its new place."""
    before = _addresses_before_move.pop(instance.pk, set())
    after = page_addresses(Page.objects.get(pk=instance.pk)) if purging() else set()
    addresses_purge(urls=before | after)


def page_slug_changed_handler(sender, instance, instance_before, **kwargs) -> None:
    """page_slug_changed: the address the page had before its new slug was published."""
    batch = PurgeBatch()
    if purging():
        batch.add_page(instance_before)
    addresses_purge(urls=batch.urls)


def registration_changed(sender, instance, **kwargs) -> None:
    """A registration changes the seats shown on the event's page and the events index."""
    if not purging():
        return
    event = Page.objects.filter(pk=instance.event_id).first()
    if event is not None:
        addresses_purge(urls=page_addresses(event, with_descendants=False))


def connect() -> None:
    for signal in (page_published, page_unpublished):
        signal.connect(page_changed, dispatch_uid=f"frontend-cache-{signal!r}")
    pre_page_move.connect(page_moving, dispatch_uid="frontend-cache-pre-move")
    post_page_move.connect(page_moved, dispatch_uid="frontend-cache-post-move")
    page_slug_changed.connect(page_slug_changed_handler, dispatch_uid="frontend-cache-slug")
    for signal in (post_save, post_delete):
        signal.connect(
            registration_changed,
            sender="events.EventRegistration",
            dispatch_uid=f"frontend-cache-registration-{signal!r}",
        )
