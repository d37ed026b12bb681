"""The events index and event pages.

An event's times are stored in UTC (aware datetimes) beside the IANA name of the event's own
timezone, so that the page can show the time where the event happens and, for a signed-in
learner, where they are.
"""

import zoneinfo
from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.timezone import now as current_time
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
    CONFERENCE = "conference", _("Conference")


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
        """Events that have ended, most recent first; a partner's event without known dates
        last."""
        return self.filter(Q(end__lte=now) | Q(end__isnull=True)).order_by(
            F("start").desc(nulls_last=True), "-pk"
        )


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
    start = models.DateTimeField(
        _("starts"),
        null=True,
        blank=True,
        help_text=_("Leave empty only for a partner's event whose dates are not known."),
    )
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    dates_only = models.BooleanField(
        _("days only, times not known"),
        default=False,
        help_text=_(
            "Tick when only the days are known (e.g. “during the conference, 15–17 June"
            "”): enter the first day at 00:00 and the day after the last at 00:00; the page "
            "then shows the days without times."
        ),
    )
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
    conference = models.CharField(
        _("part of the conference"),
        max_length=255,
        blank=True,
        help_text=_("The name of the conference this event is a session of, if any."),
    )
    code = models.CharField(
        _("event code"),
        max_length=32,
        blank=True,
        help_text=_("The code a conference programme gives the session, e.g. 10WS460."),
    )
    theme_label = models.CharField(
        _("programme theme"),
        max_length=255,
        blank=True,
        help_text=_("The theme or track of a conference programme the event belongs to."),
    )
    host_name = models.CharField(
        _("hosted by (partner)"),
        max_length=255,
        blank=True,
        help_text=_(
            "Only for an event a partner organises: their name. Registration then happens on "
            "their site, not here."
        ),
    )
    host_url = models.URLField(
        _("partner's event page"),
        max_length=500,
        blank=True,
        help_text=_("The partner's page about the event."),
    )
    host_registration_url = models.URLField(
        _("partner's registration page"),
        max_length=500,
        blank=True,
        help_text=_("Where people register for the partner's event."),
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
        FieldPanel("conference"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("theme_label")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("timezone"),
                FieldPanel("dates_only"),
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
            [
                FieldPanel("host_name"),
                FieldPanel("host_url"),
                FieldPanel("host_registration_url"),
            ],
            heading=_("Partner's event"),
            classname="collapsed",
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
        index.SearchField("code"),
        index.SearchField("conference"),
        index.SearchField("theme_label"),
        index.SearchField("host_name"),
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
        if bool(self.start) != bool(self.end):
            errors["end" if self.start else "start"] = _("Give both the start and the end.")
        elif not self.start and not self.is_hosted_by_partner:
            errors["start"] = _(
                "Give the start and end. Only a partner's event may leave them empty."
            )
        if self.is_hosted_by_partner:
            if self.capacity is not None:
                errors["capacity"] = _(
                    "A partner's event takes registrations on their site: leave the capacity empty."
                )
        elif self.host_url or self.host_registration_url:
            errors["host_name"] = _("Name the partner whose pages these links lead to.")
        online = self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID)
        in_person = self.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID)
        # Only what people still need is required: a partner's event is joined through the
        # partner, and a past event kept for the record needs no joining link any more.
        is_past = self.end is not None and self.end <= current_time()
        needs_link = not (self.is_hosted_by_partner or is_past)
        if online and needs_link and not self.online_url:
            errors["online_url"] = _("An online or hybrid event needs a joining link.")
        if in_person and not self.venue and not self.is_hosted_by_partner:
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
    def local_start(self) -> datetime | None:
        return self.start.astimezone(self.zone) if self.start else None

    @property
    def local_end(self) -> datetime | None:
        return self.end.astimezone(self.zone) if self.end else None

    @property
    def is_hosted_by_partner(self) -> bool:
        """A partner's event: listed here, registered for on the partner's site."""
        return bool(self.host_name.strip())

    @property
    def has_dates(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def last_day(self):
        """For an event known only by its days: the last of them (the end is the midnight after
        it, where the event happens)."""
        if self.end is None:
            return None
        return (self.local_end - timedelta(microseconds=1)).date()

    @property
    def is_online(self) -> bool:
        return self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    @property
    def recording_transcript_paragraphs(self) -> list[str]:
        return [part.strip() for part in self.transcript.split("\n\n") if part.strip()]

    # A partner's event without known dates is kept with the past ones: it is listed for the
    # record and nobody can register for it here.
    def has_started(self, now: datetime) -> bool:
        return self.start is None or now >= self.start

    def has_ended(self, now: datetime) -> bool:
        return self.end is None or now >= self.end

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
