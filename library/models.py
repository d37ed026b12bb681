"""The resource library: publications with their type, year, publisher, licence and themes.

Resources are Wagtail pages rather than bare documents, so that editors get preview, review and
scheduling for them like for lessons. The file itself stays a Wagtail document, chosen on the
page, so the same PDF can also be offered from a lesson's downloads block.
"""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

# The vocabulary lives in modules.licences; the names stay importable from here.
from modules.licences import LICENCE_URLS, Licence, LicensedContent

__all__ = ["LICENCE_URLS", "Licence", "ResourceIndexPage", "ResourcePage", "ResourceType"]


class ResourceType(models.TextChoices):
    BROCHURE = "brochure", _("Brochure")
    TECHNICAL_REPORT = "technical-report", _("Technical report")
    TOOLKIT = "toolkit", _("Toolkit or guide")
    POLICY = "policy", _("Policy or strategy")


class ResourceIndexPage(Page):
    """The library: every resource of the course, filterable by type and theme."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    override_translatable_fields = [SynchronizedField("slug")]
    parent_page_types = ["modules.CoursePage"]
    subpage_types = ["library.ResourcePage"]
    max_count_per_parent = 1
    template = "library/resource_index_page.html"

    class Meta:
        verbose_name = _("resource library")

    def get_context(self, request, *args, **kwargs):
        from library.queries import library_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(library_listing(self, request.GET))
        return context


class ResourcePage(LicensedContent, Page):
    """One publication: a brochure, report, toolkit or policy, with the file to download."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The publication itself, usually a PDF, for readers to download. Leave empty when "
            "it is read on its publisher's site (below)."
        ),
    )
    external_url = models.URLField(
        _("address on the publisher's site"),
        max_length=500,
        blank=True,
        help_text=_(
            "Instead of a file: the page where the publisher offers it, e.g. "
            "https://unhabitat.org/…. Readers are sent there."
        ),
    )
    resource_type = models.CharField(
        _("type"), max_length=32, choices=ResourceType.choices, default=ResourceType.BROCHURE
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year of publication, e.g. 2024. Leave empty if it is not known."),
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=255,
        help_text=_("The organisation that published it."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    licence = models.CharField(
        _("licence"),
        max_length=32,
        choices=Licence.choices,
        default=Licence.CC_BY,
        blank=True,
        help_text=_("What readers may do with it. Choose “Other” and name it below if needed."),
    )
    licence_other = models.CharField(
        _("other licence"),
        max_length=255,
        blank=True,
        help_text=_("Only when the licence is “Other”: its name, e.g. “Open Government Licence”."),
    )
    attribution = models.TextField(
        _("attribution"),
        blank=True,
        help_text=_(
            "How the licence asks readers to credit the work, e.g. "
            "“© UN-Habitat 2024, CC BY 4.0”. Leave empty if the publisher asks for nothing."
        ),
    )
    summary = models.TextField(
        _("summary"),
        help_text=_("What it is, who it is for and what a reader will get from it."),
    )
    themes = ParentalManyToManyField(
        "modules.Theme", verbose_name=_("themes"), related_name="resources", blank=True
    )
    related_modules = ParentalManyToManyField(
        "modules.ModulePage",
        verbose_name=_("related modules"),
        related_name="resources",
        blank=True,
        help_text=_("The modules whose pages list this resource."),
    )
    authors = ParentalManyToManyField(
        "modules.Expert",
        verbose_name=_("authors"),
        related_name="publications",
        blank=True,
        help_text=_("Experts of the course who wrote it, if any; they list it on their page."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("external_url")],
            heading=_("The publication: a file or a link, not both"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("resource_type"), FieldPanel("year")]),
                FieldPanel("publisher"),
                FieldPanel("language"),
                FieldRowPanel([FieldPanel("licence"), FieldPanel("licence_other")]),
                FieldPanel("attribution"),
                FieldPanel("authors"),
            ],
            heading=_("About the publication"),
        ),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_modules", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("publisher"),
        index.AutocompleteField("publisher"),
        index.FilterField("resource_type"),
        index.FilterField("year"),
        index.FilterField("language"),
    ]
    # The slug is synchronised (the same path in every language), and so are the many-to-many
    # links, which wagtail-localize would otherwise leave out.
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("themes"),
        SynchronizedField("related_modules"),
        SynchronizedField("authors"),
    ]
    parent_page_types = ["library.ResourceIndexPage"]
    subpage_types: list[str] = []
    template = "library/resource_page.html"

    class Meta:
        verbose_name = _("resource")

    def clean(self):
        super().clean()
        has_file = self.document_id is not None
        has_link = bool(self.external_url.strip())
        if has_file and has_link:
            message = _(
                "Give either a file or an address on the publisher's site, not both: readers "
                "need one place to get it."
            )
            raise ValidationError({"document": message, "external_url": message})
        if not has_file and not has_link:
            message = _(
                "Choose the file, or give the address where the publisher offers the publication."
            )
            raise ValidationError({"document": message, "external_url": message})
        if self.licence == Licence.OTHER and not self.licence_other.strip():
            raise ValidationError({"licence_other": _("Name the licence, or choose one above.")})
        if self.licence != Licence.OTHER:
            self.licence_other = ""

    @property
    def is_external(self) -> bool:
        return bool(self.external_url) and self.document_id is None

    @property
    def external_host(self) -> str:
        """The publisher's site as readers know it: "unhabitat.org" for
        https://www.unhabitat.org/…"""
        host = urlsplit(self.external_url).hostname or ""
        return host.removeprefix("www.")

    def get_context(self, request, *args, **kwargs):
        from library.queries import resource_context

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_context(self))
        return context
