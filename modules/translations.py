"""How a page relates to its translations.

English is the source language. Every other locale holds the whole page tree (wagtail-localize
keeps it in step): a page an editor has translated is a page of its own in that locale, one not
yet translated is an alias of the English page, showing the English content. The translations
of a page, aliases included, share its `translation_key`.

What a learner does is recorded against the English source (progress, enrolment, certificates,
registrations), so that it is the same in every language; what a reader sees is the page of
their language, in the language its content is actually written in.
"""

from django.conf import settings
from wagtail.models import Page


def is_source(page: Page) -> bool:
    """Whether the page is in the source language (English) rather than a translation or alias."""
    return page.locale.language_code == settings.LANGUAGE_CODE


def source_page_id(page: Page) -> int:
    """The id of the English page this page translates or aliases (its own id for English)."""
    if is_source(page):
        return page.pk
    source = (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .values_list("pk", flat=True)
        .first()
    )
    return source or page.pk


def source_page(page: Page) -> Page:
    """The English page this page translates or aliases, as its specific type."""
    if is_source(page):
        return page
    return Page.objects.get(pk=source_page_id(page)).specific


def content_language(page: Page) -> str:
    """The language the page's content is written in: an alias shows its source's content."""
    if page.alias_of_id is not None:
        source = Page.objects.filter(pk=page.alias_of_id).values_list(
            "locale__language_code", flat=True
        )
        return source.first() or page.locale.language_code
    return page.locale.language_code


def translations_by_language(page: Page) -> dict[str, Page]:
    """The page in each language it exists in (aliases included), by language code, in one
    query."""
    pages = Page.objects.filter(translation_key=page.translation_key).select_related("locale")
    return {found.locale.language_code: found for found in pages}
