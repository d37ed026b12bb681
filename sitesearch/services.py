"""One search across the site: lessons (titles, bodies, transcripts and captions), modules,
events, resources and experts, filterable by kind and by theme.

The search engine is Wagtail's database backend: PostgreSQL's full-text search in production,
SQLite's FTS on the embedded default. Pages of every kind are searched in one query, best
first; experts, who are snippets rather than pages, in a second. Only the hits' ids and kinds
are kept for counting and paging, so a page of results builds its hits in a fixed number of
queries whatever the amount of content.

Languages. A reader searches in the language of the address they are on (`/sv/search/` is
Swedish) and finds that language's pages: the translated ones, and the aliases that stand for a
page not yet translated (showing its English content). Where their language has no live page for
a translation key at all, the English page is found instead; a page and its translation are never
both found. English readers find English pages only (`sitesearch.languages.in_reader_language`,
applied on every database). On PostgreSQL every page is indexed, and matched, with the
dictionary of the language its content is written in (`sitesearch.backend`): a Swedish page with
Swedish stemming, so "kommun" finds "kommunerna"; an alias or an English page with English
stemming, so a Swedish reader's English words still find the English content. SQLite has no
dictionaries: there the words must match as written. Experts are filtered the same way once they
have a language (a translatable snippet); until then every expert is found in every language.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from modules.models import Expert, LessonPage, ModulePage, Theme
from sitesearch.hits import PAGE_HIT_BUILDERS, SearchHit, expert_hits
from sitesearch.kinds import PAGE_MODELS, ResultKind, page_model
from sitesearch.languages import identity_field, in_reader_language, is_translatable, same_thing
from sitesearch.query import normalise_query, query_words

# The most hits ranked per search; far beyond what anyone pages through.
MAX_HITS = 400
PER_PAGE = 20
EXPERTS_BESIDE_PAGES = 4


@dataclass
class SearchOutcome:
    terms: str
    kind: ResultKind | None
    theme: Theme | None
    page: PaginatorPage | None = None
    # Experts shown above the page results when no kind is chosen (all of them under "experts").
    experts: list[SearchHit] = field(default_factory=list)
    counts: dict[ResultKind, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def theme_page_ids(theme: Theme) -> list[int]:
    """Pages tagged with the theme (in any of its languages: pages may point at the English
    theme while the reader chose its translation); a module counts when one of its lessons is."""
    themes = same_thing(theme)
    lesson_paths = list(LessonPage.objects.filter(themes__in=themes).values_list("pk", "path"))
    module_ids = ModulePage.objects.filter(
        path__in={path[: -Page.steplen] for _, path in lesson_paths}
    ).values_list("pk", flat=True)
    ids = [pk for pk, _ in lesson_paths] + list(module_ids)
    for kind in (ResultKind.EVENT, ResultKind.RESOURCE):
        ids += page_model(kind).objects.filter(themes__in=themes).values_list("pk", flat=True)
    return ids


def theme_experts(theme: Theme) -> set:
    """Experts featured in a lesson or speaking at an event of the theme, by the field their
    translations share (pages point at the English expert, a reader may have found another)."""
    themes = same_thing(theme)
    featured = Expert.objects.filter(Q(lessons__themes__in=themes) | Q(events__themes__in=themes))
    return set(featured.values_list(identity_field(Expert), flat=True))


def page_hit_refs(terms: str, theme: Theme | None) -> list[tuple[int, ResultKind]]:
    """(page id, kind) of every live, public page matching, best first."""
    models = [page_model(kind) for kind in PAGE_MODELS]
    content_types = ContentType.objects.get_for_models(*models)
    kind_by_type = {content_types[page_model(kind)].pk: kind for kind in PAGE_MODELS}
    pages = in_reader_language(Page.objects.live().public().type(*models))
    if theme is not None:
        pages = pages.filter(id__in=theme_page_ids(theme))
    found = pages.search(terms, operator="and")[:MAX_HITS]
    return [(page.pk, kind_by_type[page.content_type_id]) for page in found]


def matching_experts(terms: str, theme: Theme | None) -> list[Expert]:
    found = get_search_backend().search(terms, Expert, operator="and")[:MAX_HITS]
    experts = list(found)
    if is_translatable(Expert) and experts:
        # Experts index no filter fields, so the reader's language is applied to what matched.
        readable = set(
            in_reader_language(Expert.objects.filter(pk__in=[e.pk for e in experts])).values_list(
                "pk", flat=True
            )
        )
        experts = [expert for expert in experts if expert.pk in readable]
    if theme is not None:
        allowed = theme_experts(theme)
        field = identity_field(Expert)
        experts = [expert for expert in experts if getattr(expert, field) in allowed]
    return experts


def site_search(
    *, query: str, kind: ResultKind | None = None, theme: Theme | None = None, page=1, request=None
) -> SearchOutcome:
    terms = normalise_query(query)
    outcome = SearchOutcome(terms=terms, kind=kind, theme=theme)
    if not terms:
        return outcome
    refs = page_hit_refs(terms, theme)
    experts = matching_experts(terms, theme)
    outcome.counts = dict.fromkeys(ResultKind, 0)
    for _, ref_kind in refs:
        outcome.counts[ref_kind] += 1
    outcome.counts[ResultKind.EXPERT] = len(experts)

    if kind == ResultKind.EXPERT:
        outcome.page = Paginator(expert_hits(experts), PER_PAGE).get_page(page)
        return outcome
    if kind is not None:
        refs = [ref for ref in refs if ref[1] == kind]
    outcome.page = Paginator(refs, PER_PAGE).get_page(page)
    if kind is None and outcome.page.number == 1:
        outcome.experts = expert_hits(experts[:EXPERTS_BESIDE_PAGES])
    outcome.page.object_list = page_hits(list(outcome.page.object_list), terms, request)
    return outcome


def page_hits(refs: list[tuple[int, ResultKind]], terms: str, request) -> list[SearchHit]:
    """The hits for one page of results, in the order of the refs."""
    words = query_words(terms)
    built: dict[int, SearchHit] = {}
    for ref_kind, builder in PAGE_HIT_BUILDERS.items():
        ids = [pk for pk, kind in refs if kind == ref_kind]
        if ids:
            built.update(builder(ids, words, request))
    return [built[pk] for pk, _ in refs if pk in built]
