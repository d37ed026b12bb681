"""The course's shared themes: a list, and a page for each with its lessons, events and
resources."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.http_cache import shared_cacheable
from library.queries import theme_contents, theme_directory
from library.views.common import site_home


@require_safe
@shared_cacheable
def theme_list(request):
    return render(
        request,
        "library/theme_list.html",
        {"summaries": theme_directory(), "home": site_home(request)},
    )


@require_safe
@shared_cacheable
def theme_detail(request, slug: str):
    contents = theme_contents(slug, now=timezone.now())
    if contents is None:
        raise Http404(_("No theme has this address."))
    return render(
        request,
        "library/theme_detail.html",
        {"contents": contents, "theme": contents.theme, "home": site_home(request)},
    )
