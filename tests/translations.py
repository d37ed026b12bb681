"""Translating pages in tests as an editor does with wagtail-localize: a copy of the page in the
other locale (its parents copied too when they are not yet), retitled and published."""

from wagtail.models import Locale


def translate_page(page, language: str, title: str):
    """Publish `page`'s translation into `language` with `title`; returns it."""
    locale = Locale.objects.get(language_code=language)
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    translated.title = title
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated
