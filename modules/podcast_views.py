"""The podcast feeds (modules/podcast.py) at addresses beside the pages they are about:
`/podcast.rss` for the course, `/<module>/podcast.rss` for a module, under the language's prefix
(`/sv/podcast.rss`) in every language the page is written in.

The feeds are public and the same for everyone: they read nothing of the visitor (no session,
no user), so that a shared cache keeps them (config.http_cache.shared_cacheable). A page in a
private section has no feed, and neither has an untranslated copy of a page in another
language's tree: its feed would be the English one under another address.
"""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page

from config.http_cache import shared_cacheable
from modules.models import CoursePage, ModulePage
from modules.podcast import podcast_feed
from modules.translations import is_translated


def feed_page(request, path: str, page_type):
    """The live, public page of `page_type` at `path` in the request's language tree."""
    found = Page.route_for_request(request, path)
    page = found[0] if found is not None else None
    if not isinstance(page, page_type) or not page.live or not is_translated(page):
        raise Http404(_("There is no podcast at this address."))
    if page.get_view_restrictions().exists():
        raise Http404(_("There is no podcast at this address."))
    return page


def feed_response(request, page, course, url_name: str, args=()):
    feed_url = request.build_absolute_uri(reverse(url_name, args=args))
    feed = podcast_feed(page, course, request, feed_url)
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    return response


@require_safe
@shared_cacheable
def course_podcast(request):
    course = feed_page(request, "/", CoursePage)
    return feed_response(request, course, course, "course_podcast")


@require_safe
@shared_cacheable
def module_podcast(request, module_slug: str):
    module = feed_page(request, f"/{module_slug}/", ModulePage)
    course = module.get_parent().specific
    return feed_response(request, module, course, "module_podcast", [module_slug])
