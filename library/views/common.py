"""What every expert and theme page needs: the site's home page for the breadcrumbs."""

from wagtail.models import Site


def site_home(request):
    """The page at the site's root (the course), or None when no site is set up yet."""
    site = Site.find_for_request(request)
    return site.root_page if site is not None else None
