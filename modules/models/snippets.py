"""Snippets shared across the site: experts and themes appear in lessons, events and resources."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Expert(index.Indexed, models.Model):
    """A researcher or practitioner who lectures or is interviewed in the course."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
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

    class Meta:
        ordering = ["name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.slug = self.slug or slugify(self.name)
        if not self.slug:
            raise ValidationError({"slug": _("Give the expert an address made of letters.")})
        clash = Expert.objects.filter(slug=self.slug).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"slug": _("Another expert has this address.")})

    @property
    def affiliation(self):
        return ", ".join(part for part in (self.role, self.organisation) if part)


@register_snippet
class Theme(index.Indexed, models.Model):
    """One of the course's shared themes (mobility, inclusion, ...), tagging lessons, events and
    resources alike, so that a page per theme can list all three."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name
