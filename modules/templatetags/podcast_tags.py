"""The `<link rel="alternate">` that lets podcast apps and feed readers find a page's podcast.

    {% load podcast_tags %}
    {% block extra_head %}{% podcast_link page %}{% endblock %}

Only a page written in its own language has a feed (modules/podcast_views.py), so an
untranslated copy in another language's tree advertises none. No query.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from modules.models import CoursePage, ModulePage
from modules.translations import is_translated

register = template.Library()


@register.simple_tag
def podcast_link(page) -> str:
    if isinstance(page, CoursePage):
        url = reverse("course_podcast")
    elif isinstance(page, ModulePage):
        url = reverse("module_podcast", args=[page.slug])
    else:
        return ""
    if not is_translated(page):
        return ""
    title = _("Podcast: %(title)s") % {"title": page.title}
    return format_html(
        '<link rel="alternate" type="application/rss+xml" title="{}" href="{}">', title, url
    )
