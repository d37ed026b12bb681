"""The events index and event pages.

An event's times are stored in UTC (aware datetimes) beside the IANA name of the event's own
timezone, so that the page can show the time where the event happens and, for a signed-in
learner, where they are.
"""

import zoneinfo
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from events.forms import EventPageForm
from modules.captions import validate_vtt


def validate_timezone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(name)s” is not a timezone name such as Europe/Stockholm."),
            params={"name": value},
        ) from error


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    PANEL_DEBATE = "panel-debate", _("Panel debate")
    WEBINAR = "webinar", _("Webinar")
    CONFERENCE_SESSION = "conference-session", _("Conference session")


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in-person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class EventIndexPage(Page):
    """The list of events (at /events/): upcoming ones first, then past ones with recordings."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    override_translatable_fields = [SynchronizedField("slug")]
    parent_page_types = ["modules.CoursePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("events index")

    def get_context(self, request, *args, **kwargs):
        from events.queries import event_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_index_context(self, request))
        return context


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now: datetime):
        """Events that have not ended yet, soonest first (an event under way is still upcoming)."""
        return self.filter(end__gt=now).order_by("start", "pk")

    def past(self, now: datetime):
        """Events that have ended, most recent first."""
        return self.filter(end__lte=now).order_by("-start", "-pk")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventPage(Page):
    """A live event: a workshop, panel debate, webinar or conference session.

    After it has taken place it can carry its recording, a transcript and a summary of what was
    said. Registration, the calendar SEQUENCE and emails live outside the page (EventState,
    EventRegistration), so that publishing an old revision can never roll them back.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences, shown in lists and calendar files.")
    )
    description = RichTextField(
        _("description"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], blank=True
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    timezone = models.CharField(
        _("timezone"),
        max_length=64,
        default="Europe/Stockholm",
        validators=[validate_timezone],
        help_text=_(
            "Where the event happens, as an IANA name such as Europe/Oslo. The start and end "
            "you enter are read in this timezone."
        ),
    )
    event_format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.ONLINE
    )
    venue = models.CharField(
        _("venue"), max_length=255, blank=True, help_text=_("Building and room.")
    )
    address = models.TextField(_("address"), blank=True)
    online_url = models.URLField(
        _("joining link"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to registered participants, never to anyone else."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats available. Leave empty for no limit; beyond it, a waiting list."),
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_(
            "Tick and publish to cancel the event: everyone registered or waiting is emailed "
            "once and registration closes."
        ),
    )
    speakers = ParentalManyToManyField(
        "modules.Expert", verbose_name=_("speakers"), related_name="events", blank=True
    )
    themes = ParentalManyToManyField(
        "modules.Theme", verbose_name=_("themes"), related_name="events", blank=True
    )
    related_modules = ParentalManyToManyField(
        "modules.ModulePage",
        verbose_name=_("related modules"),
        related_name="events",
        blank=True,
        help_text=_("The event is listed on these modules' pages."),
    )
    recording = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("recording"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("After the event: its video or audio recording."),
    )
    recording_captions = models.TextField(
        _("recording captions (WebVTT)"),
        blank=True,
        validators=[validate_vtt],
        help_text=_("Paste the contents of a .vtt file, starting with the line “WEBVTT”."),
    )
    transcript = models.TextField(
        _("transcript"),
        blank=True,
        help_text=_("Everything said in the recording; blank lines start paragraphs."),
    )
    recap = RichTextField(
        _("summary of what was said"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        blank=True,
    )

    objects = EventPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("timezone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("event_format"),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("speakers"),
                InlinePanel("partners", label=_("Partners")),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_modules", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who and what"),
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("cancelled")],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("recording"),
                FieldPanel("recording_captions"),
                FieldPanel("transcript"),
                FieldPanel("recap"),
            ],
            heading=_("Recording (after the event)"),
            classname="collapsed",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("venue"),
        index.SearchField("address"),
        index.SearchField("transcript"),
        index.SearchField("recap"),
        index.RelatedFields("speakers", [index.SearchField("name")]),
        index.RelatedFields("partners", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("cancelled"),
        index.RelatedFields("themes", [index.FilterField("slug")]),
    ]
    # The slug is synchronised (the same path in every language), and so are the recording's
    # captions (a WebVTT file, not prose for the translation editor) and the many-to-many links,
    # which wagtail-localize would otherwise leave out.
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("timezone"),
        SynchronizedField("recording_captions", overridable=False),
        SynchronizedField("speakers"),
        SynchronizedField("themes"),
        SynchronizedField("related_modules"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []
    base_form_class = EventPageForm
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event has to end after it starts.")
        online = self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID)
        in_person = self.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID)
        if online and not self.online_url:
            errors["online_url"] = _("An online or hybrid event needs a joining link.")
        if in_person and not self.venue:
            errors["venue"] = _("An event in person or hybrid needs a venue.")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(self.zone)

    @property
    def is_online(self) -> bool:
        return self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    @property
    def recording_transcript_paragraphs(self) -> list[str]:
        return [part.strip() for part in self.transcript.split("\n\n") if part.strip()]

    def has_started(self, now: datetime) -> bool:
        return now >= self.start

    def has_ended(self, now: datetime) -> bool:
        return now >= self.end

    def get_context(self, request, *args, **kwargs):
        from events.queries import event_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_page_context(self, request))
        return context


class EventPartner(Orderable):
    """An organisation the event is held with."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")

    def __str__(self):
        return self.name
