"""Writing an email in its recipient's language, timezone and links.

Emails are rendered where no request says which language to use (a Celery worker, a sweep, or
a request made by someone else, such as staff), so every email to a learner is rendered inside
`recipient_language(...)`: their interface language and their timezone are active, which makes
`gettext`, `{% translate %}`, `|date:"DATE_FORMAT"` (config/formats), `reverse()` (the /fi/
prefix) and `Page.localized` all answer for them. The language is decided then, once: the
outbox (mailing.models) stores the rendered message and its Content-Language header, so a retry
an hour later sends the same words even if the learner has changed their language since.
"""

import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone, translation

from config.languages import site_language as known_language


def site_language(code: str | None) -> str:
    """`code` as one of the site's languages (a regional variant counts as its language), else
    the default language."""
    return known_language(code) or settings.LANGUAGE_CODE


def user_language(user) -> str:
    """The language a person chose in their profile (the default if they have none)."""
    return site_language(getattr(user, "language", None))


def user_zone(user) -> zoneinfo.ZoneInfo:
    """The person's timezone, or the site's when it is not known here."""
    name = getattr(user, "timezone", "") or settings.TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


@contextmanager
def recipient_language(language: str, zone: zoneinfo.ZoneInfo | None = None) -> Iterator[str]:
    """Render inside this block in `language` (and `zone`, if given); yields the language."""
    language = site_language(language)
    with translation.override(language):
        if zone is None:
            yield language
        else:
            with timezone.override(zone):
                yield language


@contextmanager
def for_recipient(user) -> Iterator[str]:
    """Render inside this block as `user` reads: their language and their timezone."""
    with recipient_language(user_language(user), user_zone(user)) as language:
        yield language


def language_headers(language: str) -> dict[str, str]:
    """Headers that tell mail clients (and screen readers, spelling checkers, translators)
    the language of the message (RFC 3282)."""
    return {"Content-Language": language}


def absolute_url(path: str) -> str:
    """`path` on the public site (SITE_URL), for links in emails."""
    return settings.SITE_URL.rstrip("/") + path


def localized_page(page):
    """The page as a reader of the active language should get it: its translation (or the
    alias wagtail-localize keeps in that locale) when one is live, else the page itself."""
    if page is None:
        return None
    return page.localized


def localized_page_url(page, fallback: str = "/") -> str:
    """The absolute URL of `page` in the active language (see localized_page)."""
    if page is None:
        return absolute_url(fallback)
    return absolute_url(localized_page(page).url or fallback)
