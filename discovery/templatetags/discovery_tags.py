"""Template tags that give a page its JSON-LD and Open Graph (discovery.structured_data).

    {% load discovery_tags %}
    {% page_metadata page as metadata %}        {# in base.html, for every Wagtail page #}
    {% expert_metadata expert as metadata %}    {# an expert's page #}
    {% view_metadata title description section_title section_url as metadata %}
    {% include "discovery/metadata.html" %}

They read the page's canonical address and languages from `languages` (base.html's
`{% page_languages %}`). A course, module, lesson or index page's metadata is kept in the
content cache (per revision, language, content generation and host), so a warm page pays no
query for it; an event's is built per request from what the event page has read already (its
seats and whether it has ended change without a publish).
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Page

from discovery import structured_data as sd
from events.models import EventPage
from library.models import ResourcePage
from modules.content_cache import CONTENT_CACHE_SECONDS, content_key, request_generation
from modules.models import CoursePage, LessonPage, ModulePage
from modules.outline import CourseContent, LessonContent, ModuleContent
from modules.templatetags.content_cache import course_content, lesson_content, module_content
from modules.translations import content_language

register = template.Library()


def _addresses(context, request) -> tuple[str, list[str]]:
    """The canonical address and the languages the page is written in."""
    languages = context.get("languages")
    if languages is None or not languages.canonical:
        return request.build_absolute_uri(request.path), []
    return languages.canonical, [link.code for link in languages.alternates]


def _cached(request, page, build):
    """`build()` once per revision, language, content generation and host (not in previews)."""
    if getattr(request, "is_preview", False):
        return build()
    key = content_key("metadata", page, request.get_host(), generation=request_generation(request))
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CONTENT_CACHE_SECONDS)
    return value


def _course(context, request, page, canonical, languages):
    content: CourseContent = course_content(context, page)
    return sd.course_metadata(
        request, page, content.outline, canonical=canonical, languages=languages
    )


def _module(context, request, page, canonical, languages):
    content: ModuleContent = module_content(context, page)
    return sd.module_metadata(
        request, page, content.course, content.lessons, canonical=canonical, languages=languages
    )


def _lesson(context, request, page, canonical, languages):
    content: LessonContent = lesson_content(context, page)
    return sd.lesson_metadata(
        request,
        page,
        content.place,
        content.caption_tracks,
        content.lesson_experts,
        canonical=canonical,
        languages=languages,
    )


def _other(context, request, page, canonical, languages):
    """An index page (events, library) or any other page: a collection with breadcrumbs."""
    ancestors = list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
    return sd.web_page_metadata(
        request,
        title=page.seo_title or page.title,
        description=sd.plain(page.search_description),
        canonical=canonical,
        language=content_language(page),
        languages=languages,
        crumbs=sd.page_crumbs(request, ancestors, page, canonical),
        kind="CollectionPage",
    )


CACHED_BUILDERS = {
    CoursePage: _course,
    ModulePage: _module,
    LessonPage: _lesson,
}


@register.simple_tag(takes_context=True)
def page_metadata(context, page=None) -> sd.PageMetadata | None:
    """The metadata of the Wagtail page being shown (None outside pages)."""
    request = context.get("request")
    if request is None or not isinstance(page, Page):
        return None
    canonical, languages = _addresses(context, request)
    if isinstance(page, EventPage):
        return sd.event_metadata(
            request, page, canonical=canonical, languages=languages, context=context
        )
    if isinstance(page, ResourcePage):
        return sd.resource_metadata(
            request, page, canonical=canonical, languages=languages, context=context
        )
    build = CACHED_BUILDERS.get(type(page), _other)
    return _cached(request, page, lambda: build(context, request, page, canonical, languages))


@register.simple_tag(takes_context=True)
def expert_metadata(context, expert) -> sd.PageMetadata | None:
    request = context.get("request")
    if request is None:
        return None
    canonical, languages = _addresses(context, request)
    return sd.expert_metadata(
        request,
        expert,
        home=context.get("home"),
        canonical=canonical,
        language=expert.content_language,
        languages=languages,
    )


@register.simple_tag(takes_context=True)
def view_metadata(
    context, title, description="", section_title=None, section_url=None
) -> sd.PageMetadata | None:
    """A public view outside the page tree (a list of experts, a theme, the privacy page)."""
    request = context.get("request")
    if request is None:
        return None
    canonical, languages = _addresses(context, request)
    home = context.get("home")
    crumbs = [(home.title, sd.page_url(request, home))] if home is not None else []
    if section_title:
        crumbs.append((str(section_title), sd.absolute(request, section_url)))
    if crumbs:
        crumbs.append((str(title), canonical))
    return sd.web_page_metadata(
        request,
        title=str(title),
        description=sd.plain(str(description)),
        canonical=canonical,
        language=get_language() or settings.LANGUAGE_CODE,
        languages=languages,
        crumbs=crumbs,
    )
