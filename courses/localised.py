"""The reader's language for pages a learner's record points to.

A learner's progress and enrolments are recorded on the English lessons and courses
(courses.services.progress). Where the site links to them from that record (the dashboard's
courses, "continue" and recent activity) it links to the page in the reader's language: the
translation, or the alias showing the English content, that every locale keeps of each page.
"""

from django.conf import settings
from django.utils import translation


def reader_language() -> str:
    """The language of the current request (its URL prefix), or the site's default."""
    return translation.get_language() or settings.LANGUAGE_CODE


def in_reader_language(queryset, pages, language: str | None = None) -> dict:
    """Each of these English pages in the reader's language, by English page id, in one query
    (none when the reader reads English). `queryset` is the live pages of the right type to pick
    from; a page without a live counterpart in the language keeps its English self."""
    language = language or reader_language()
    found = {page.pk: page for page in pages}
    if language == settings.LANGUAGE_CODE or not found:
        return found
    by_key = {page.translation_key: page.pk for page in pages}
    for page in queryset.filter(translation_key__in=list(by_key), locale__language_code=language):
        found[by_key[page.translation_key]] = page
    return found
