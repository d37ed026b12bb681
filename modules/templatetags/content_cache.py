"""`{% contentcache %}`: a fragment of a course page rendered once per revision and language.

    {% load content_cache %}
    {% contentcache "lesson-main" page start_at skip=user.is_authenticated %}
        ... content ...
    {% endcontentcache %}

The key is built by modules.content_cache.content_key from the name, the page (its live
revision), the language, the content generation and any further values given (`start_at`).
`skip=` renders the block without the cache when true: for a variant that holds one learner's
state, which must never be served to another. Previews are never cached: a draft shares the
live page's revision in the key.

Django's own `{% cache %}` would need the revision and generation looked up in every template;
this tag knows them, and reads the generation once per request.

`{% course_content page as content %}` (and module_content, lesson_content) give a template
the page's content reads (modules.outline), each made only when first used: inside a warm
fragment, never.
"""

from django import template
from django.core.cache import cache

from modules.content_cache import CONTENT_CACHE_SECONDS, content_key, request_generation
from modules.outline import CourseContent, LessonContent, ModuleContent

register = template.Library()


class ContentCacheNode(template.Node):
    def __init__(self, nodelist, name, page, vary, skip):
        self.nodelist, self.name, self.page, self.vary, self.skip = (
            nodelist,
            name,
            page,
            vary,
            skip,
        )

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False) or (
            self.skip is not None and self.skip.resolve(context)
        ):  # a preview shows a draft, which has no revision of its own in the key
            return self.nodelist.render(context)
        page = self.page.resolve(context)
        vary = [value.resolve(context) for value in self.vary]
        generation = request_generation(request)
        key = content_key(self.name.resolve(context), page, *vary, generation=generation)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, CONTENT_CACHE_SECONDS)
        return html


@register.tag
def contentcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a fragment name and a page, then optional values to vary on"
        )
    nodelist = parser.parse(("endcontentcache",))
    parser.delete_first_token()
    skip = None
    rest = []
    for bit in bits[3:]:
        if bit.startswith("skip="):
            skip = parser.compile_filter(bit.removeprefix("skip="))
        else:
            rest.append(parser.compile_filter(bit))
    return ContentCacheNode(
        nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), rest, skip
    )


def _memo(context, cls, page):
    """One content object per page and request, whichever block of the template asks."""
    request = context.get("request")
    if request is None:
        return cls(page)
    memo = request.__dict__.setdefault("_page_content", {})
    key = (cls.__name__, page.pk)
    if key not in memo:
        memo[key] = cls(page, request)
    return memo[key]


@register.simple_tag(takes_context=True)
def course_content(context, page) -> CourseContent:
    """`{% course_content page as content %}`: the course's outline and experts, read lazily."""
    return _memo(context, CourseContent, page)


@register.simple_tag(takes_context=True)
def module_content(context, page) -> ModuleContent:
    """`{% module_content page as content %}`: the module's lessons, experts and neighbours."""
    return _memo(context, ModuleContent, page)


@register.simple_tag(takes_context=True)
def lesson_content(context, page) -> LessonContent:
    """`{% lesson_content page as content %}`: the lesson's place, themes, captions, experts."""
    return _memo(context, LessonContent, page)
