"""Reads for the library, expert and theme pages, each in a fixed number of queries.

Whatever the amount of content, a page asks the database the same number of questions: related
rows are fetched in one query per kind (through tables, prefetches) and grouped in Python, never
per item. Only live pages that are not behind a view restriction are ever listed.

Languages: the lists hold the pages of the reader's language (translations, or the aliases that
show English content), English pages where the reader's language has none. Lessons, events and
resources point at the English experts and themes; those are looked up in English and shown in
the reader's language where a translation exists (modules.models.snippets.translated_snippets),
which costs one more query per list in another language than English and none in English.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils.http import urlencode
from wagtail.images import get_image_model
from wagtail.models import Page

from courses.localised import reader_language
from events.models import EventPage
from library.forms import ResourceFilterForm
from library.models import ResourcePage
from modules.models import Expert, LessonPage, ModulePage, Theme
from modules.models.snippets import translated_snippets

RESOURCES_PER_PAGE = 12


# --- building blocks --------------------------------------------------------------------------


def in_reader_language(pages: QuerySet) -> QuerySet:
    """Pages of the reader's language, and English ones where that language has no counterpart
    (a subquery, not another query): each page is listed once, in the language it is read in."""
    language = reader_language()
    if language == settings.LANGUAGE_CODE:
        return pages.filter(locale__language_code=language)
    local = pages.model.objects.filter(locale__language_code=language).values("translation_key")
    return pages.filter(
        Q(locale__language_code=language)
        | Q(locale__language_code=settings.LANGUAGE_CODE) & ~Q(translation_key__in=local)
    )


def live_resources() -> QuerySet[ResourcePage]:
    """Live, public resources with their file, newest first."""
    return in_reader_language(
        ResourcePage.objects.live()
        .public()
        .select_related("document")
        .order_by(F("year").desc(nulls_last=True), "title", "pk")
    )


def live_lessons() -> QuerySet[LessonPage]:
    """Live, public lessons in course order, with their media (for their kind and length)."""
    return in_reader_language(
        LessonPage.objects.live().public().select_related("media").order_by("path")
    )


def live_events() -> QuerySet[EventPage]:
    return in_reader_language(EventPage.objects.live().public())


def experts_with_photos() -> QuerySet[Expert]:
    photos = get_image_model().objects.prefetch_renditions()
    return Expert.objects.prefetch_related(Prefetch("photo", photos))


def english_snippets(model) -> QuerySet:
    """The English experts or themes: the ones pages point at."""
    return model.objects.source()


def snippet_by_slug(queryset: QuerySet, slug: str):
    """The English snippet at an address, and the one to show the reader, or (None, None).

    The address is the English slug, or the slug of the translation in the reader's language
    (a translator may translate it, and cards link with the slug of what they show)."""
    language = reader_language()
    candidates = {
        found.locale.language_code: found
        for found in queryset.filter(
            slug=slug, locale__language_code__in={settings.LANGUAGE_CODE, language}
        ).select_related("locale")
    }
    english = candidates.get(settings.LANGUAGE_CODE)
    local = candidates.get(language)
    if local is not None and language != settings.LANGUAGE_CODE:
        if english is None or english.translation_key != local.translation_key:
            english = (
                english_snippets(queryset.model)
                .filter(translation_key=local.translation_key)
                .first()
            )
        if english is None:
            return None, None
        local._content_language = language
        return english, local
    if english is None:
        return None, None
    return english, translated_snippets([english], queryset=queryset)[0]


@dataclass
class LessonEntry:
    """A lesson listed outside its module, with the module it belongs to."""

    lesson: LessonPage
    module: ModulePage | None


def lesson_entries(lessons: list[LessonPage]) -> list[LessonEntry]:
    """Pair each lesson with its live module, in one query for all of them."""
    parent_paths = {lesson.path[: -Page.steplen] for lesson in lessons}
    modules = {
        module.path: module
        for module in ModulePage.objects.live().public().filter(path__in=parent_paths)
    }
    return [LessonEntry(lesson, modules.get(lesson.path[: -Page.steplen])) for lesson in lessons]


def interviewed_expert_ids(lesson: LessonPage) -> set[int]:
    """The experts interviewed in a lesson's body, read from its raw data so that no chooser
    block looks its expert up in the database."""
    ids = set()
    for block in lesson.body.raw_data:
        if block.get("type") == "interview":
            expert_id = (block.get("value") or {}).get("expert")
            if expert_id is not None:
                ids.add(int(expert_id))
    return ids


def split_events(events, now: datetime) -> tuple[list, list]:
    """Upcoming events (including one under way), soonest first, and past ones, latest first."""
    return list(events.upcoming(now)), list(events.past(now))


# --- the library ------------------------------------------------------------------------------


class CountedPaginator(Paginator):
    """A paginator told how many items there are, when the caller has counted them already."""

    def __init__(self, *args, known_count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = known_count

    @property
    def count(self) -> int:
        return self.known_count


def library_listing(index_page, params: QueryDict) -> dict:
    """The library's resources filtered by type and theme, one page of them at a time.

    Unknown filter values are dropped rather than refused, so an old or hand-edited link still
    shows a normal page.
    """
    listed = live_resources().child_of(index_page)
    # One query tells which types and themes the listed resources have, so that only those are
    # offered (no filter option ever answers "no resources"), and how many match the filters,
    # which the paginator would otherwise count in a query of its own.
    facets: dict[int, tuple[str, set[int]]] = {}
    for pk, resource_type, theme_id in listed.order_by().values_list(
        "pk", "resource_type", "themes__id"
    ):
        facets.setdefault(pk, (resource_type, set()))[1].add(theme_id)
    types = {resource_type for resource_type, _themes in facets.values()}
    tagged_ids = set().union(*(theme_ids for _type, theme_ids in facets.values()))
    english = [theme for theme in english_snippets(Theme) if theme.pk in tagged_ids]
    themes = translated_snippets(english)  # named and addressed in the reader's language
    form = ResourceFilterForm.from_params(params, themes=themes, types=types)
    resources = listed.prefetch_related("themes")
    chosen: set[int] = set()
    if form.types:
        resources = resources.filter(resource_type__in=form.types)
    if form.theme_slugs:
        chosen = {
            source.pk
            for source, shown in zip(english, themes, strict=True)
            if shown.slug in form.theme_slugs
        }
        tagged = ResourcePage.themes.through.objects.filter(theme_id__in=chosen)
        resources = resources.filter(pk__in=tagged.values("resourcepage_id"))
    matching = sum(
        1
        for resource_type, theme_ids in facets.values()
        if (not form.types or resource_type in form.types)
        and (not form.theme_slugs or theme_ids & chosen)
    )
    paginator = CountedPaginator(resources, RESOURCES_PER_PAGE, known_count=matching)
    page: PaginatorPage = paginator.get_page(params.get("page"))
    return {
        "breadcrumbs": list(index_page.get_ancestors().filter(depth__gt=1)),
        "filter_form": form,
        "resources": page,
        "filter_query": urlencode(form.query_items(), doseq=True),
        "is_filtered": bool(form.types or form.theme_slugs),
    }


def resource_context(resource: ResourcePage) -> dict:
    """What the resource page shows besides its own fields."""
    ancestors = list(resource.get_ancestors().filter(depth__gt=1).specific(defer=True))
    # Read the relations through the page's own managers, so that a preview shows the editor's
    # unsaved choices; on a saved page each becomes a subquery rather than a query of its own.
    module_ids = resource.related_modules.values_list("id", flat=True)
    author_ids = resource.authors.values_list("id", flat=True)
    return {
        "breadcrumbs": ancestors,
        "themes": translated_snippets(resource.themes.all()),
        "modules": list(
            ModulePage.objects.live().public().filter(pk__in=module_ids).order_by("path")
        ),
        "authors": translated_snippets(
            experts_with_photos().filter(pk__in=author_ids), queryset=experts_with_photos()
        ),
    }


def module_resources(module: ModulePage) -> list[ResourcePage]:
    """The live resources related to a module, by title (two queries): those in the module's
    own language, related to it or to another language's version of it (a translated resource
    links the English module)."""
    # Subqueries on the module rather than its attributes, which a deferred page would fetch.
    same = Page.objects.filter(pk=module.pk)
    resources = live_resources().filter(
        locale__in=same.values("locale"),
        related_modules__translation_key__in=same.values("translation_key"),
    )
    return list(resources.order_by("title", "pk"))


def link_counts(relation, pages) -> Counter:
    """For a many-to-many field of a page model (`LessonPage.experts`), how many of `pages`
    each linked object is linked from: one query."""
    field = relation.field
    links = relation.through.objects.filter(**{f"{field.m2m_field_name()}__in": pages.values("pk")})
    return Counter(links.values_list(field.m2m_reverse_name(), flat=True))


# --- experts ----------------------------------------------------------------------------------


@dataclass
class ExpertSummary:
    expert: Expert
    lessons: int = 0
    events: int = 0
    publications: int = 0


def expert_directory() -> list[ExpertSummary]:
    """Every expert, by name, with how many live lessons, events and publications they are in."""
    experts = list(experts_with_photos().source())
    shown = translated_snippets(experts, queryset=experts_with_photos())
    lessons = link_counts(LessonPage.experts, live_lessons())
    publications = link_counts(ResourcePage.authors, live_resources())
    events = link_counts(EventPage.speakers, live_events())
    return [
        ExpertSummary(
            expert,
            lessons=lessons[source.pk],
            events=events[source.pk],
            publications=publications[source.pk],
        )
        for source, expert in zip(experts, shown, strict=True)
    ]


@dataclass
class ExpertProfile:
    expert: Expert
    lectures: list[LessonEntry] = field(default_factory=list)
    interviews: list[LessonEntry] = field(default_factory=list)
    upcoming_events: list = field(default_factory=list)
    past_events: list = field(default_factory=list)
    publications: list[ResourcePage] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.lectures
            or self.interviews
            or self.upcoming_events
            or self.past_events
            or self.publications
        )


def expert_profile(slug: str, *, now: datetime) -> ExpertProfile | None:
    """An expert's page: the lessons featuring them, split into interviews (a lesson whose body
    interviews them) and their other lessons, their events and publications. `slug` is the
    English expert's address or that of its translation in the reader's language; the profile
    shows the translation where there is one."""
    expert, shown = snippet_by_slug(experts_with_photos(), slug)
    if expert is None:
        return None
    entries = lesson_entries(list(live_lessons().filter(experts=expert)))
    profile = ExpertProfile(shown)
    for entry in entries:
        if expert.pk in interviewed_expert_ids(entry.lesson):
            profile.interviews.append(entry)
        else:
            profile.lectures.append(entry)
    events = live_events().filter(speakers=expert)
    profile.upcoming_events, profile.past_events = split_events(events, now)
    profile.publications = list(live_resources().filter(authors=expert))
    return profile


# --- themes -----------------------------------------------------------------------------------


@dataclass
class ThemeSummary:
    theme: Theme
    lessons: int = 0
    events: int = 0
    resources: int = 0


def theme_directory() -> list[ThemeSummary]:
    """Every theme, by name, with how many live lessons, events and resources carry it."""
    themes = list(english_snippets(Theme))
    shown = translated_snippets(themes)
    lessons = link_counts(LessonPage.themes, live_lessons())
    resources = link_counts(ResourcePage.themes, live_resources())
    events = link_counts(EventPage.themes, live_events())
    return [
        ThemeSummary(
            theme,
            lessons=lessons[source.pk],
            events=events[source.pk],
            resources=resources[source.pk],
        )
        for source, theme in zip(themes, shown, strict=True)
    ]


@dataclass
class ThemeContents:
    theme: Theme
    lessons: list[LessonEntry] = field(default_factory=list)
    upcoming_events: list = field(default_factory=list)
    past_events: list = field(default_factory=list)
    resources: list[ResourcePage] = field(default_factory=list)

    @property
    def event_count(self) -> int:
        return len(self.upcoming_events) + len(self.past_events)


def theme_contents(slug: str, *, now: datetime) -> ThemeContents | None:
    """A theme's page: its lessons in course order, its events (upcoming first), resources.
    `slug` as for expert_profile."""
    theme, shown = snippet_by_slug(Theme.objects.all(), slug)
    if theme is None:
        return None
    contents = ThemeContents(shown)
    contents.lessons = lesson_entries(list(live_lessons().filter(themes=theme)))
    events = live_events().filter(themes=theme)
    contents.upcoming_events, contents.past_events = split_events(events, now)
    contents.resources = list(live_resources().filter(themes=theme))
    return contents
