"""The experts of the course: a directory, and a page for each with what they appear in."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.http_cache import shared_cacheable
from library.queries import expert_directory, expert_profile
from library.views.common import site_home


@require_safe
@shared_cacheable
def expert_list(request):
    return render(
        request,
        "library/expert_list.html",
        {"summaries": expert_directory(), "home": site_home(request)},
    )


@require_safe
@shared_cacheable
def expert_detail(request, slug: str):
    profile = expert_profile(slug, now=timezone.now())
    if profile is None:
        raise Http404(_("No expert has this address."))
    return render(
        request,
        "library/expert_detail.html",
        {"profile": profile, "expert": profile.expert, "home": site_home(request)},
    )
