"""Course content rendered once per revision and language, kept in the default cache.

A lesson, module or course page is the same for every reader until an editor publishes
something, while the learner's own state (progress, where to resume, the completion form) is
different on every request. Templates wrap the content in `{% contentcache %}` (see
modules/templatetags/content_cache.py) and render only the learner's state per request; the
page's `get_context` hands the content's reads to the template lazily, so a warm fragment costs
no query at all.

A fragment's key holds what can change it:

- the page and the revision that is live (`live_revision_id`; a page created in code without a
  revision falls back to when it was last published), so publishing the page itself changes the
  key and the new content shows on the very next request;
- the language the page is rendered in;
- the content generation (config.content_changes), one number for the whole site that
  changes whenever any page is published, unpublished, moved or deleted, or an expert, theme,
  image or media item is saved or deleted. A lesson's fragment shows its module's number, its
  neighbours, its experts and themes; a course's, every module and lesson. Tracking each of
  those links would cost queries on every request to save re-rendering after an edit; editors
  publish a few times a day while learners read thousands of times an hour, so one counter is
  the better trade: a publish re-renders each page once, on its next request.

If the cache is unreachable (ResilientRedisCache answers as an empty cache) every request renders
the content itself, as before. A bump lost during such an outage can leave related content stale
for at most CONTENT_CACHE_SECONDS; the page's own revision is always current.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.signals import page_published, page_unpublished, post_page_move

from config.content_changes import content_changed_mark as content_generation_bump
from config.content_changes import content_changed_ns as content_generation

CONTENT_CACHE_SECONDS = settings.CONTENT_CACHE_SECONDS

# Saving one of these changes what course pages show without a page being published.
RELATED_MODELS = (
    "modules.Expert",
    "modules.Theme",
    "wagtailimages.Image",
    "wagtailmedia.Media",
)


def page_version(page) -> str:
    if page.live_revision_id:
        return str(page.live_revision_id)
    published = page.last_published_at or page.first_published_at
    return f"t{published.timestamp()}" if published else "unpublished"


def content_key(name: str, page, *vary, generation: int | None = None) -> str:
    """The cache key of fragment `name` of `page`, for the current language."""
    generation = content_generation() if generation is None else generation
    parts = [name, page.pk, page_version(page), get_language() or "", generation, *vary]
    return "content:" + ":".join(str(part) for part in parts)


def content_data(name: str, page, build, *, request=None):
    """What `build()` returns for `page`, built once per revision, language and generation.

    For small reads the learner's part of a page needs beside the cached content (a lesson's
    neighbours for "Next:"); the value must pickle (model instances do)."""
    key = content_key(name, page, generation=request_generation(request))
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CONTENT_CACHE_SECONDS)
    return value


def request_generation(request) -> int:
    """The generation, read from the cache once per request however many fragments ask."""
    return content_generation(request)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_generation_bump, dispatch_uid=f"content-generation-{signal!r}")
    post_delete.connect(
        content_generation_bump, sender="wagtailcore.Page", dispatch_uid="content-generation"
    )
    for model in RELATED_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(
                content_generation_bump,
                sender=model,
                dispatch_uid=f"content-generation-{model}-{signal!r}",
            )
