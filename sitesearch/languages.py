"""Which language a searched thing is written in, and which of them a reader's search may find.

Two questions the search answers the same way on every database:

- the language of an object's content (`content_language`, `content_language_expression`): a
  page's own locale, except for an alias, which shows its source's content; a translatable
  snippet's locale; nothing for what has no language (then the backend's default applies);
- what a reader may find (`in_reader_language`): the pages of their language, and, for a page
  that has no live page in their language, its page in the source language, never both.

PostgreSQL's dictionary for each language (`DICTIONARIES`) is what the search backend indexes and
queries with (`sitesearch.backend`); the embedded SQLite has no dictionaries and uses none.
"""

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, TranslatableMixin

# PostgreSQL's text search configuration (its stemmer and stop words) for each site language.
DICTIONARIES = {
    "en": "english",
    "sv": "swedish",
    "fi": "finnish",
    "nb": "norwegian",
    "da": "danish",
}


def dictionary(language: str | None) -> str | None:
    """PostgreSQL's dictionary for a language, None for one it has none for."""
    return DICTIONARIES.get(language or "")


def reader_language() -> str:
    """The content language the reader reads in: the language of the address they are on."""
    return get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)


def source_language() -> str:
    """The language content is written in first; the others translate it."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def is_translatable(model) -> bool:
    return issubclass(model, TranslatableMixin)


def content_language(obj) -> str | None:
    """The language an object's content is written in, with a query or two (for indexing)."""
    return content_languages([obj]).get(obj.pk)


def content_languages(objs) -> dict:
    """The content language of each object by primary key, in at most two queries in all."""
    objs = [obj for obj in objs if isinstance(obj, TranslatableMixin)]
    if not objs:
        return {}
    languages = dict(
        Locale.objects.filter(pk__in={obj.locale_id for obj in objs}).values_list(
            "pk", "language_code"
        )
    )
    alias_ids = {getattr(obj, "alias_of_id", None) for obj in objs} - {None}
    source_languages = dict(
        Page.objects.filter(pk__in=alias_ids).values_list("pk", "locale__language_code")
        if alias_ids
        else []
    )
    found = {}
    for obj in objs:
        alias_of = getattr(obj, "alias_of_id", None)
        if alias_of is not None and alias_of in source_languages:
            found[obj.pk] = source_languages[alias_of]
        else:
            found[obj.pk] = languages.get(obj.locale_id)
    return found


def content_language_expression(model):
    """The language of each row's content, in SQL; None for a model without languages."""
    if issubclass(model, Page):
        return Coalesce(F("alias_of__locale__language_code"), F("locale__language_code"))
    if is_translatable(model):
        return F("locale__language_code")
    return None


def in_reader_language(queryset: QuerySet, language: str | None = None) -> QuerySet:
    """What a reader of `language` (the active one by default) may find among `queryset`: its
    objects in that language (aliases included) and, where that language has no live object
    for a translation key, the object in the source language. A source-language reader gets
    the source language only. A model without languages is left as it is.

    Filters only on `locale` and `translation_key` (Wagtail pages index both as filter fields),
    with subqueries, so the search stays one query."""
    model = queryset.model
    if not is_translatable(model):
        return queryset
    language = language or reader_language()
    readers = Locale.objects.filter(language_code=language)
    source = source_language()
    if language == source:
        return queryset.filter(locale__in=readers)
    in_language = model._default_manager.filter(locale__in=readers)
    if issubclass(model, Page):
        in_language = in_language.filter(live=True)
    return queryset.filter(
        Q(locale__in=readers)
        | (
            Q(locale__in=Locale.objects.filter(language_code=source))
            & ~Q(translation_key__in=in_language.values("translation_key"))
        )
    )


def same_thing(obj) -> QuerySet:
    """The object in every language it has (itself only, for a model without languages): what
    a reader's theme or expert stands for when pages point at another language's."""
    model = type(obj)
    if not is_translatable(model):
        return model._default_manager.filter(pk=obj.pk)
    return model._default_manager.filter(translation_key=obj.translation_key)


def identity_field(model) -> str:
    """The field shared by an object and its translations (its primary key without languages)."""
    return "translation_key" if is_translatable(model) else "pk"
