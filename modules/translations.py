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
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Locale, Page

_locale_codes: dict[int, str] = {}


def locale_code(locale_id: int) -> str:
    """The language code of a locale, without a query once the locales are known (they are
    few and change only when an administrator adds one)."""
    if locale_id not in _locale_codes:
        _locale_codes.update(Locale.objects.values_list("pk", "language_code"))
    return _locale_codes.get(locale_id, settings.LANGUAGE_CODE)


def locale_codes_forget(**kwargs) -> None:
    """Forget the known locales (an administrator added or changed one)."""
    _locale_codes.clear()


def is_source(page: Page) -> bool:
    """Whether the page is in the source language (English) rather than a translation or alias."""
    return locale_code(page.locale_id) == settings.LANGUAGE_CODE


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


def source_ids():
    """A subquery giving each page of a queryset the id of its English page (see
    source_page_id), for `.annotate(source_id=source_ids())`: no query of its own."""
    english = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=settings.LANGUAGE_CODE
    )
    return Coalesce(Subquery(english.values("pk")[:1]), F("pk"))


def source_page(page: Page) -> Page:
    """The English page this page translates or aliases, as its specific type."""
    if is_source(page):
        return page
    return Page.objects.get(pk=source_page_id(page)).specific


def content_language(page: Page) -> str:
    """The language the page's content is written in, without a query.

    An alias shows its source's content. Outside English an alias is wagtail-localize's stand-in
    for the English page it mirrors (every locale is kept in step with English, migration
    modules/0005), so its content is English."""
    if page.alias_of_id is not None and not is_source(page):
        return settings.LANGUAGE_CODE
    return locale_code(page.locale_id)


def is_translated(page: Page) -> bool:
    """Whether the page shows content in its own locale's language."""
    return content_language(page) == locale_code(page.locale_id)


def translations_by_language(page: Page) -> dict[str, Page]:
    """The page in each language it exists in (aliases included), by language code, in one
    query."""
    pages = Page.objects.filter(translation_key=page.translation_key)
    return {locale_code(found.locale_id): found for found in pages}


def locale_synchronization_saved(sender, instance, raw=False, **kwargs) -> None:
    """Fill a language's tree when an administrator tells it to follow another (what
    wagtail-localize does on every save), but not when the row is being loaded from a fixture
    or a test database's saved state (`raw`): its locales may not be loaded yet, and the pages
    loaded after it are already in step."""
    if not raw:
        instance.sync_trees()


# What a page's serialised content holds about people rather than the page: editorial comments
# (with their authors), who owns and who locked it.
PERSONAL_KEYS = ("wagtail_admin_comments", "comments", "owner", "locked_by")


def translation_source_saved(sender, instance, raw=False, **kwargs) -> None:
    """wagtail-localize keeps a copy of the page it translates from; keep people out of it, so
    that deleting an account (accounts.services.deletion) leaves no trace there."""
    import json

    content = json.loads(instance.content_json or "{}")
    if not any(key in content for key in PERSONAL_KEYS):
        return
    for key in PERSONAL_KEYS:
        content.pop(key, None)
    instance.content_json = json.dumps(content, cls=DjangoJSONEncoder)
    sender.objects.filter(pk=instance.pk).update(content_json=instance.content_json)


def connect() -> None:
    from django.db.models.signals import post_save
    from wagtail_localize.models import (
        LocaleSynchronization,
        TranslationSource,
        sync_trees_on_locale_sync_save,
    )

    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    post_save.connect(
        locale_synchronization_saved,
        sender=LocaleSynchronization,
        dispatch_uid="locale-synchronization-saved",
    )
    post_save.connect(
        translation_source_saved,
        sender=TranslationSource,
        dispatch_uid="translation-source-saved",
    )
