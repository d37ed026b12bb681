"""The API's endpoints: Wagtail's pages, images and documents viewsets and wagtailmedia's, made
anonymous, public-only, strict about their parameters and cheap to list.

What every endpoint here does differently from Wagtail's defaults, and why:

* **Anonymous, whoever asks.** No authentication class runs and no view restriction is asked
  whether it accepts the request: a page or collection with any restriction is left out for
  everyone. The answer therefore never depends on a cookie, so it is shared-cacheable
  (config/http_cache.py) and never varies on the session.
* **Only what is declared.** The fields of each page type are listed here (API_FIELDS), not on
  the models, so that the content apps do not depend on the API; nothing else of a page is ever
  written out (an event's joining link, registrations and learners are not reachable at all).
  `type` takes one of PAGE_TYPES only.
* **Every bad parameter is a 400 with a reason**, never a 500: values are checked with the model
  field's own conversion before they reach the database, NUL characters are refused, an unknown
  locale is a 400 (Wagtail answers 404).
* **Fixed queries per listing**: each page type's related rows are selected or prefetched
  (PREFETCH); fields that would need more (a lesson's body) are for the detail view only.
* JSON only (no browsable API, whose HTML would need inline scripts), no search (the site has
  its own), no `find` redirects: a small surface the OpenAPI description covers exactly.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import path, re_path
from django.utils import translation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtailmedia.api.views import MediaAPIViewSet

from config.http_cache import shared_cacheable
from contentapi import fields as api
from events.models import EventIndexPage, EventPage
from library.models import ResourceIndexPage, ResourcePage
from modules.kinds import LessonKind
from modules.models import CoursePage, LessonCaptionTrack, LessonPage, ModulePage, Theme

# The page types the API shows, by the name `type` takes and `meta.type` gives.
PAGE_TYPES = {
    f"{model._meta.app_label}.{model.__name__}": model
    for model in (
        CoursePage,
        ModulePage,
        LessonPage,
        EventIndexPage,
        EventPage,
        ResourceIndexPage,
        ResourcePage,
    )
}

LESSON_FIELDS = [
    APIField("intro"),
    APIField("kind", serializer=api.LessonKindField()),
    APIField("duration_seconds"),
    APIField("media", serializer=api.LessonMediaField()),
    APIField("caption_tracks", serializer=api.CaptionTracksField()),
    APIField("transcript", serializer=api.TranscriptField()),
    APIField("text_description", serializer=api.RichTextHtmlField()),
    APIField("experts", serializer=api.ExpertsField()),
    APIField("themes", serializer=api.ThemesField()),
    APIField("licence", serializer=api.LicenceField()),
    APIField("body"),  # detail only (PagesEndpoint.detail_only_fields)
]

API_FIELDS = {
    CoursePage: [
        APIField("tagline"),
        APIField("introduction", serializer=api.RichTextHtmlField()),
        APIField("audience", serializer=api.RichTextHtmlField()),
        APIField("questions", serializer=api.TextListField()),
    ],
    ModulePage: [
        APIField("number"),
        APIField("summary"),
        APIField("learning_outcomes", serializer=api.TextListField()),
        APIField("questions", serializer=api.TextListField()),
        APIField("image", serializer=api.ImageField()),
    ],
    LessonPage: LESSON_FIELDS,
    EventIndexPage: [APIField("intro", serializer=api.RichTextHtmlField())],
    EventPage: [
        APIField("kind"),
        APIField("summary"),
        APIField("description", serializer=api.RichTextHtmlField()),
        APIField("start"),
        APIField("end"),
        APIField("dates_only"),
        APIField("timezone"),
        APIField("event_format"),
        APIField("venue"),
        APIField("address"),
        APIField("conference"),
        APIField("code"),
        APIField("theme_label"),
        APIField("host_name"),
        APIField("host_url"),
        APIField("host_registration_url"),
        APIField("cancelled"),
        APIField("speakers", serializer=api.ExpertsField()),
        APIField("themes", serializer=api.ThemesField()),
        APIField("related_modules", serializer=api.PageIdsField()),
        APIField("recording", serializer=api.RecordingField()),
        APIField("transcript"),
    ],
    ResourceIndexPage: [APIField("introduction", serializer=api.RichTextHtmlField())],
    ResourcePage: [
        APIField("resource_type"),
        APIField("year"),
        APIField("publisher"),
        APIField("language"),
        APIField("licence", serializer=api.LicenceField()),
        APIField("summary"),
        APIField("document", serializer=api.DocumentFileField()),
        APIField("external_url"),
        APIField("authors", serializer=api.ExpertsField()),
        APIField("themes", serializer=api.ThemesField()),
        APIField("related_modules", serializer=api.PageIdsField()),
    ],
}

# The columns each page type may be filtered (`?slug=…`) and ordered (`?order=…`) by.
PAGE_COLUMNS = ["id", "title", "slug", "first_published_at"]
FILTER_COLUMNS = {
    ModulePage: ["number"],
    EventPage: ["kind", "event_format", "cancelled"],
    ResourcePage: ["resource_type", "year", "language", "publisher"],
}

# What each page type's fields read, fetched once per listing.
TRACKS = Prefetch(
    "caption_tracks",
    queryset=LessonCaptionTrack.objects.only("page_id", "kind", "language", "label", "sort_order"),
)
PREFETCH = {
    ModulePage: lambda pages: pages.select_related("image"),
    LessonPage: lambda pages: pages.select_related("media").prefetch_related(
        TRACKS, "experts", "themes"
    ),
    EventPage: lambda pages: pages.select_related("recording").prefetch_related(
        "speakers", "themes", "related_modules"
    ),
    ResourcePage: lambda pages: pages.select_related("document").prefetch_related(
        "authors", "themes", "related_modules"
    ),
}

COMMON_PARAMETERS = frozenset(["limit", "offset", "fields", "order"])
# Past this, PostgreSQL's OFFSET would overflow; no listing is anywhere near it.
MAX_OFFSET = 2**31 - 1


def restricted_collections_filter() -> Q:
    """Objects in a collection with any view restriction, or below one."""
    paths = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    ).values_list("path", flat=True)
    found = Q(pk__in=[])
    for restricted in paths:
        found |= Q(collection__path__startswith=restricted)
    return found


def public_pages(request):
    """Live pages of the request's site (in every language) with no view restriction on them
    or on an ancestor: what an anonymous reader may open."""
    site = Site.find_for_request(request)
    if site is None:
        return Page.objects.none()
    roots = Page.objects.filter(translation_key=site.root_page.translation_key)
    within = Q(pk__in=[])
    for root in roots.only("path"):
        within |= Q(path__startswith=root.path)
    restricted = Q(pk__in=[])
    for restricted_path in PageViewRestriction.objects.values_list("page__path", flat=True):
        restricted |= Q(path__startswith=restricted_path)
    return Page.objects.live().filter(within).exclude(restricted)


class StrictFieldsFilter(FieldsFilter):
    """Wagtail's `?field=value` filter, with every value converted by the model field first:
    a date, number or choice that is not one is a 400, not a database error."""

    def filter_queryset(self, request, queryset, view):
        allowed = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in allowed:
                continue
            field = queryset.model._meta.get_field(name)
            try:
                converted = field.to_python(value)
            except (ValidationError, ValueError) as error:
                raise BadRequestError(f"{name}: '{value}' is not a valid value") from error
            choices = [str(choice) for choice, _label in field.flatchoices]
            if choices and str(converted) not in choices:
                raise BadRequestError(f"{name}: one of {', '.join(filter(None, choices))}")
        return super().filter_queryset(request, queryset, view)


class LocaleFilter:
    """`?locale=sv`: pages in that language; a language the site does not have is a 400."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        code = request.GET["locale"]
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            raise BadRequestError(f"locale: the site has no language '{code}'")
        return queryset.filter(locale=locale)


def positive_id(request, name: str) -> int:
    raw = request.GET[name]
    if not raw.isdigit() or not raw.isascii() or len(raw) > 18:
        raise BadRequestError(f"{name} must be a positive integer")
    return int(raw)


class ModuleFilter:
    """`?module=<id>`: what belongs to a module: its lessons, and the events and resources
    related to it."""

    def filter_queryset(self, request, queryset, view):
        if "module" not in request.GET:
            return queryset
        module_id = positive_id(request, "module")
        module = ModulePage.objects.filter(
            pk__in=view.get_base_queryset().filter(pk=module_id).values("pk")
        ).first()
        if module is None:
            raise BadRequestError(f"module: no module with id {module_id}")
        return queryset.filter(
            Q(path__startswith=module.path, depth__gt=module.depth)
            | Q(pk__in=EventPage.objects.filter(related_modules=module).values("pk"))
            | Q(pk__in=ResourcePage.objects.filter(related_modules=module).values("pk"))
        )


class ThemeFilter:
    """`?theme=<slug>`: the lessons, events and resources tagged with a theme (its slug in any
    language)."""

    def filter_queryset(self, request, queryset, view):
        if "theme" not in request.GET:
            return queryset
        slug = request.GET["theme"]
        named = Theme.objects.filter(slug=slug)
        if not named.exists():
            raise BadRequestError(f"theme: no theme with slug '{slug}'")
        # The theme and its translations: pages point at the English one.
        themes = Theme.objects.filter(translation_key__in=named.values("translation_key"))
        return queryset.filter(
            Q(pk__in=LessonPage.objects.filter(themes__in=themes).values("pk"))
            | Q(pk__in=EventPage.objects.filter(themes__in=themes).values("pk"))
            | Q(pk__in=ResourcePage.objects.filter(themes__in=themes).values("pk"))
        )


class LessonKindFilter:
    """`?kind=video|audio|written` on lessons (an event's `kind` is its own column)."""

    def filter_queryset(self, request, queryset, view):
        if "kind" not in request.GET or queryset.model is EventPage:
            return queryset
        if queryset.model is not LessonPage:
            raise BadRequestError("kind: give type=modules.LessonPage or type=events.EventPage")
        kind = request.GET["kind"]
        if kind not in LessonKind.values:
            raise BadRequestError(f"kind: one of {', '.join(LessonKind.values)}")
        if kind == LessonKind.WRITTEN:
            return queryset.filter(media__isnull=True)
        return queryset.filter(media__type=kind)


class Pagination(WagtailPagination):
    """Wagtail's limit and offset, with an offset the database can take."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PublicEndpoint(BaseAPIViewSet):
    """What every endpoint of this API shares (see the module's docstring)."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = Pagination
    known_query_parameters = COMMON_PARAMETERS
    columns: list[str] = ["id", "title"]

    def dispatch(self, request, *args, **kwargs):
        # Labels and the site's addresses (experts, themes) in the site's language, whatever
        # the client's Accept-Language: one answer per URL.
        with translation.override(settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, value in request.GET.items():
            if "\x00" in value:
                raise BadRequestError(f"{name}: null characters are not allowed")

    def handle_exception(self, exc):
        if isinstance(exc, Http404) and not str(exc):
            exc = Http404("not found")  # DRF's lookup of an id that is not a number
        return super().handle_exception(exc)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        if db_fields_only:
            return list(cls.columns_of(model))
        return super().get_available_fields(model)

    @classmethod
    def columns_of(cls, model) -> list[str]:
        return cls.columns

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", shared_cacheable(cls.as_view({"get": "listing_view"})), name="listing"),
            # Any text, slashes too: an id that is not a number is a JSON 404 like a missing one.
            re_path(
                r"^(?P<pk>.+?)/?$",
                shared_cacheable(cls.as_view({"get": "detail_view"})),
                name="detail",
            ),
        ]


class PagesEndpoint(PublicEndpoint, PagesAPIViewSet):
    filter_backends = [
        StrictFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        ModuleFilter,
        ThemeFilter,
        LessonKindFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
    ]
    known_query_parameters = COMMON_PARAMETERS.union(
        [
            "type",
            "child_of",
            "ancestor_of",
            "descendant_of",
            "translation_of",
            "locale",
            "module",
            "theme",
            "kind",
        ]
    )
    detail_only_fields = ["parent", "body"]

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields + API_FIELDS.get(model, []))

    @classmethod
    def columns_of(cls, model) -> list[str]:
        return PAGE_COLUMNS + FILTER_COLUMNS.get(model, [])

    def get_base_queryset(self):
        return public_pages(self.request)

    def get_queryset(self):
        wanted = self.request.GET.get("type")
        if wanted is not None and wanted not in PAGE_TYPES:
            raise BadRequestError(f"type: one of {', '.join(PAGE_TYPES)}")
        pages = super().get_queryset().select_related("locale")
        if wanted is None:
            # Pages of other types (none today) are never shown.
            pages = pages.filter(content_type__in=self.page_content_types())
        prefetch = PREFETCH.get(pages.model)
        return prefetch(pages) if prefetch else pages

    @staticmethod
    def page_content_types():
        return ContentType.objects.get_for_models(*PAGE_TYPES.values()).values()


class ImagesEndpoint(PublicEndpoint, ImagesAPIViewSet):
    filter_backends = [StrictFieldsFilter, OrderingFilter]
    meta_fields = ["type", "detail_url", "download_url"]
    listing_default_fields = ["id", "type", "detail_url", "title", "download_url"]
    nested_default_fields = listing_default_fields
    columns = ["id", "title", "width", "height"]

    def get_queryset(self):
        return self.model.objects.exclude(restricted_collections_filter()).order_by("id")


class DocumentsEndpoint(PublicEndpoint, DocumentsAPIViewSet):
    filter_backends = [StrictFieldsFilter, OrderingFilter]
    meta_fields = ["type", "detail_url", "download_url"]
    listing_default_fields = ["id", "type", "detail_url", "title", "download_url"]
    nested_default_fields = listing_default_fields

    def get_queryset(self):
        return self.model.objects.exclude(restricted_collections_filter()).order_by("id")


class MediaEndpoint(PublicEndpoint, MediaAPIViewSet):
    filter_backends = [StrictFieldsFilter, OrderingFilter]
    body_fields = ["id", "title", "media_type", "duration", "width", "height"]
    meta_fields = ["type", "detail_url", "download_url"]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "title",
        "media_type",
        "duration",
        "width",
        "height",
        "download_url",
    ]
    nested_default_fields = listing_default_fields
    columns = ["id", "title", "duration", "width", "height"]

    def get_queryset(self):
        return self.model.objects.exclude(restricted_collections_filter()).order_by("id")
