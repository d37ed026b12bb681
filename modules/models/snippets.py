"""Snippets shared across the site: experts and themes appear in lessons, events and resources.

Both are translatable (wagtail-localize offers "Translate" for them in the admin): an English
expert or theme and its translations share a `translation_key`, each in its own locale. Pages
keep pointing at the English ones; the reader is shown the translation in their language where
there is one (`translated_snippets`, one query for a whole list).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class SnippetQuerySet(models.QuerySet):
    def source(self):
        """The English experts or themes: the ones pages point at, and seeds look up."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class TranslatedSnippet(TranslatableMixin):
    """What experts and themes share as translatable snippets: the language their text is in."""

    objects = SnippetQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def content_language(self) -> str:
        """The language of the snippet's own text, for a `lang` attribute when it differs from
        the page's. Set by `translated_snippets` (no query); otherwise read from the locale."""
        shown = self.__dict__.get("_content_language")
        return shown or self.locale.language_code


def translated_snippets(snippets, *, language: str | None = None, queryset=None) -> list:
    """These English experts or themes as the reader should see them: each swapped for its
    translation in the active language where there is one, in one query (none for English).

    `queryset` is where translations are picked from (to prefetch what the caller shows, such as
    photos); every snippet returned knows its `content_language` without another query.
    """
    snippets = list(snippets)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if not snippets:
        return snippets
    found = {}
    if language != settings.LANGUAGE_CODE:
        model = type(snippets[0])
        source = queryset if queryset is not None else model.objects.all()
        found = {
            shown.translation_key: shown
            for shown in source.filter(
                translation_key__in=[snippet.translation_key for snippet in snippets],
                locale__language_code=language,
            )
        }
    shown_list = []
    for snippet in snippets:
        shown = found.get(snippet.translation_key)
        if shown is None:
            shown = snippet
            if "_content_language" not in snippet.__dict__:
                # Pages point at the English snippets: one left as it is is in English.
                snippet._content_language = settings.LANGUAGE_CODE
        else:
            shown._content_language = language
        shown_list.append(shown)
    return shown_list


@register_snippet
class Expert(TranslatedSnippet, index.Indexed, models.Model):
    """A researcher or practitioner who lectures or is interviewed in the course."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        blank=True,
        help_text=_("The expert's address on the site. Leave empty to make it from the name."),
    )
    role = models.CharField(_("role"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    biography = models.TextField(_("short biography"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
        FieldPanel("biography"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.SearchField("biography"),
    ]

    class Meta(TranslatedSnippet.Meta):
        ordering = ["name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        # A translation may keep the English address: unique within a language.
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="expert_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.slug = self.slug or slugify(self.name)
        if not self.slug:
            raise ValidationError({"slug": _("Give the expert an address made of letters.")})
        locale_id = self.locale_id or self.get_default_locale().pk
        clash = Expert.objects.filter(slug=self.slug, locale_id=locale_id).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"slug": _("Another expert has this address.")})

    @property
    def affiliation(self):
        return ", ".join(part for part in (self.role, self.organisation) if part)


@register_snippet
class Theme(TranslatedSnippet, index.Indexed, models.Model):
    """One of the course's shared themes (mobility, inclusion, ...), tagging lessons, events and
    resources alike, so that a page per theme can list all three."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta(TranslatedSnippet.Meta):
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="theme_name_per_locale"),
            models.UniqueConstraint(fields=["slug", "locale"], name="theme_slug_per_locale"),
        ]

    def __str__(self):
        return self.name
