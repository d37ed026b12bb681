"""The course page tree: CoursePage → ModulePage → LessonPage.

A lesson's kind (video, audio or written) is not stored: it follows from its primary media.

The pages render content only. What else a page shows arrives through template tags: its
content reads from modules.outline (`{% lesson_content page as content %}`), the learner's
state from the courses app's tags, related events and resources from the events and library
apps' tags. The content is cached per revision and language (`{% contentcache %}`), so a warm
page costs the queries of finding it and of the learner's state only.

Finding a page is made cheap here too: the course resolves a URL in two queries whatever its
depth (CoursePage.route), and every page reads its view restrictions in one
(ServedCheaply.get_view_restrictions), where Wagtail spends two queries per level and two more.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from modules.blocks import LessonBodyBlock
from modules.caption_forms import CaptionTrackPanel
from modules.captions import parse_vtt, start_from_query, validate_vtt
from modules.forms import LessonPageForm
from modules.kinds import LessonKind
from modules.licences import LESSON_DEFAULT_LICENCE, LESSON_LICENCES, LicensedContent

# wagtail-localize's defaults translate every text field, the slug included, and leave many-to-many
# fields out. The slug is synchronised so that a page has the same path in every language
# (/sv/<path> is the Swedish of <path>); an editor may still override it in the translation
# editor. Numbers, images and media are synchronised by default already.
SYNCHRONISED_SLUG = [SynchronizedField("slug")]

LIST_ITEM_BLOCKS = [("item", blocks.TextBlock(label=_("Item")))]


def ancestor_paths(path: str) -> list[str]:
    """The tree paths of the page at `path` and of each of its ancestors: prefixes of its own."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


class ServedCheaply:
    """Page behaviour that keeps serving a page to a fixed, small number of queries."""

    def get_view_restrictions(self):
        """The restrictions on this page and its ancestors (an alias follows its source), in
        one query: the ancestors' paths are prefixes of this page's own."""
        paths = ancestor_paths(self.path)
        aliased = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of")
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__in=aliased)
        )


class CoursePage(ServedCheaply, Page):
    """A course: what it is, who it is for, the questions it explores, and its modules."""

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"])
    audience = RichTextField(
        _("who it is for"), features=["bold", "italic", "link", "ul"], blank=True
    )
    questions = StreamField(
        LIST_ITEM_BLOCKS, verbose_name=_("questions the course explores"), blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("introduction"),
        FieldPanel("audience"),
        FieldPanel("questions"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("tagline"),
        index.SearchField("introduction"),
    ]
    override_translatable_fields = SYNCHRONISED_SLUG
    parent_page_types = ["wagtailcore.Page"]
    # The course is the site's root: its modules, and beside them the events and the library.
    subpage_types = [
        "modules.ModulePage",
        "events.EventIndexPage",
        "library.ResourceIndexPage",
    ]
    template = "modules/course_page.html"

    class Meta:
        verbose_name = _("course")

    def route(self, request, path_components):
        """The page at a path below the course, found in two queries whatever its depth.

        Wagtail asks each level for its child by slug and then for the child's own type: two
        queries per level, six for a lesson. Every page's `url_path` is stored, so all the
        pages along the path are read at once and only the deepest is made specific. A page
        type with its own routing (one that overrides `route`) is handed the rest of the path
        as Wagtail would."""
        try:
            return self._route_in_tree(request, path_components)
        except Http404:
            source = self._source_root()
            if source is None:
                raise
        # A page missing from this language's tree (not yet synchronised into it) is served
        # from the English tree: in its translation when it has one, else in English.
        found = source._route_in_tree(request, path_components)
        translation = found.page.get_translation_or_none(self.locale)
        if translation is not None and translation.live:
            return RouteResult(translation.specific, args=found.args, kwargs=found.kwargs)
        return found

    def _source_root(self):
        """The English course this one translates, if this is a translation."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return None
        source = CoursePage.objects.filter(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        return source

    def _route_in_tree(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[:count])
            for count in range(1, len(path_components) + 1)
        ]
        found = {
            page.depth: page
            for page in Page.objects.filter(
                url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth
            )
        }
        parent, used = self, 0
        for slug in path_components:
            page = found.get(parent.depth + 1)
            if page is None or page.slug != slug or not page.path.startswith(parent.path):
                break
            page._cached_parent_obj = parent
            parent, used = page, used + 1
            if page.specific_class is not None and page.specific_class.route is not Page.route:
                break
        if used == 0:
            raise Http404
        return parent.specific.route(request, path_components[used:])


class ModulePage(ServedCheaply, Page):
    """One of a course's modules, holding its lessons in order."""

    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Shown as “Module N”; unique within the course.")
    )
    summary = models.TextField(_("summary"))
    learning_outcomes = StreamField(
        LIST_ITEM_BLOCKS, verbose_name=_("learning outcomes"), blank=True
    )
    questions = StreamField(
        LIST_ITEM_BLOCKS,
        verbose_name=_("questions to think about"),
        blank=True,
        help_text=_("The questions this module asks the learner to reflect on."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("learning_outcomes"),
        FieldPanel("questions"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
        index.SearchField("questions"),
        index.FilterField("number"),
    ]
    override_translatable_fields = SYNCHRONISED_SLUG
    parent_page_types = ["modules.CoursePage"]
    subpage_types = ["modules.LessonPage"]
    template = "modules/module_page.html"

    class Meta:
        verbose_name = _("module")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.pk else None
        if parent is None:
            return
        clash = ModulePage.objects.child_of(parent).filter(number=self.number).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"number": _("Another module in this course has this number.")})


class LessonPage(LicensedContent, ServedCheaply, Page):
    """A lesson: optional primary media with captions and transcript, and a body of blocks."""

    intro = models.TextField(_("introduction"), blank=True)
    media = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("primary media"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A video or audio lecture. Leave empty for a written lesson."),
    )
    transcript = models.TextField(
        _("transcript"),
        blank=True,
        help_text=_("Everything said in the media, as plain text; blank lines start paragraphs."),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        help_text=_(
            "The reading time of a written lesson. For video and audio, leave empty to use "
            "the media's own length."
        ),
    )
    text_description = RichTextField(
        _("extended text description"),
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        blank=True,
        help_text=_(
            "For a video whose slides or images carry information the speech does not: "
            "describe it here in words."
        ),
    )
    experts = ParentalManyToManyField(
        "modules.Expert", verbose_name=_("experts featured"), blank=True, related_name="lessons"
    )
    themes = ParentalManyToManyField(
        "modules.Theme", verbose_name=_("themes"), blank=True, related_name="lessons"
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=32,
        choices=LESSON_LICENCES,
        default=LESSON_DEFAULT_LICENCE,
        help_text=_("What others may do with the lesson: its text, media and transcript."),
    )
    attribution = models.TextField(
        _("attribution"),
        blank=True,
        help_text=_(
            "How someone who reuses the lesson credits it: the course, the people in it, "
            "and whose work it draws on."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("media"),
                CaptionTrackPanel("caption_tracks", label=_("Captions (WebVTT)")),
                FieldPanel("transcript"),
                FieldPanel("text_description"),
                FieldPanel("duration_minutes"),
            ],
            heading=_("Media, captions and transcript"),
        ),
        FieldPanel("experts"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("licence"), FieldPanel("attribution")], heading=_("Licence")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("transcript"),
        index.SearchField("body"),
        index.RelatedFields("caption_tracks", [index.SearchField("text")]),
    ]
    # Caption tracks are per-language files added on the English lesson and copied to its
    # translations as they are, never cut into strings for a translator: a Swedish track is
    # written against the video's timings, not translated cue by cue in the editor.
    override_translatable_fields = SYNCHRONISED_SLUG + [
        SynchronizedField("caption_tracks", overridable=False),
        SynchronizedField("experts"),
        SynchronizedField("themes"),
    ]
    parent_page_types = ["modules.ModulePage"]
    subpage_types: list[str] = []
    base_form_class = LessonPageForm
    template = "modules/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")

    @property
    def kind(self) -> LessonKind:
        return LessonKind.for_media(self.media)

    @property
    def duration_seconds(self) -> int | None:
        if self.duration_minutes:
            return self.duration_minutes * 60
        if self.media_id and self.media.duration:
            return round(self.media.duration)
        return None

    @cached_property
    def transcript_paragraphs(self) -> list[str]:
        return [part.strip() for part in self.transcript.split("\n\n") if part.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        wanted = request.GET.get("t")
        if self.media_id and wanted:  # the media's length is read only for a link that asks
            context["start_at"] = start_from_query(wanted, self.duration_seconds)
        return context


class TrackKind(models.TextChoices):
    """The WebVTT track kinds a lesson's media may carry (the HTML `<track kind>`)."""

    CAPTIONS = "captions", _("Captions")
    CHAPTERS = "chapters", _("Chapters")
    DESCRIPTIONS = "descriptions", _("Audio description")


class LessonCaptionTrack(Orderable):
    """One WebVTT track of a lesson's media in one language: captions, chapters or an audio
    description, stored as text so that it is versioned and moderated with the page."""

    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="caption_tracks")
    kind = models.CharField(
        _("kind"), max_length=16, choices=TrackKind.choices, default=TrackKind.CAPTIONS
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    label = models.CharField(
        _("label"), max_length=64, blank=True, help_text=_("Shown in the player's menu.")
    )
    vtt = models.TextField(
        _("WebVTT captions"),
        validators=[validate_vtt],
        help_text=_("Paste the contents of a .vtt file, starting with the line “WEBVTT”."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("language"),
        FieldPanel("label"),
        FieldPanel("vtt"),
        FieldPanel("vtt_file"),  # not stored: modules.caption_forms reads it into `vtt`
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("caption track")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "kind", "language"], name="one_track_per_kind_and_language"
            )
        ]

    def __str__(self):
        return f"{self.page} ({self.language})"

    @property
    def display_label(self) -> str:
        return self.label or self.get_language_display()

    @property
    def text(self) -> str:
        """The words of the captions, for search."""
        try:
            return " ".join(cue.text for cue in parse_vtt(self.vtt))
        except ValidationError:
            return ""
