"""Search results as the results page shows them, built for one page of results at a time.

Each kind is read in a fixed number of queries for the whole page of results, whatever its
size: the lessons with their media and captions, their modules by path, and so on.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from modules.captions import parse_vtt
from modules.kinds import LessonKind
from modules.models import Expert, ModulePage
from modules.templatetags.course_tags import clock, minutes
from modules.translations import content_language
from sitesearch.kinds import ResultKind, page_model
from sitesearch.moments import Moment, best_moment


@dataclass
class SearchHit:
    kind: ResultKind
    title: str
    url: str
    summary: str = ""
    details: list[str] = field(default_factory=list)
    # The icon of the badge: a lesson's own kind (video, audio, written) or the result's kind.
    badge: str = ""
    moment: Moment | None = None
    # The language the title and summary are written in (an untranslated page's is English).
    language: str = ""

    @property
    def badge_label(self) -> str:
        if self.kind == ResultKind.LESSON:
            return LessonKind(self.badge).label
        return self.kind.label

    @property
    def moment_url(self) -> str:
        """The lesson, with the player at the moment; a moment in the first second is the start."""
        if self.moment is None:
            return self.url
        if self.moment.start < 1:
            return f"{self.url}#lesson-player"
        return f"{self.url}?t={self.moment.start:g}#lesson-player"

    @property
    def moment_clock(self) -> str:
        return clock(self.moment.start) if self.moment else ""


def lesson_hits(ids: list[int], words: list[str], request) -> dict[int, SearchHit]:
    lessons = list(
        page_model(ResultKind.LESSON)
        .objects.filter(pk__in=ids)
        .select_related("media")
        .prefetch_related("caption_tracks")
    )
    parents = ModulePage.objects.filter(
        path__in={lesson.path[: -Page.steplen] for lesson in lessons}
    ).only("title", "number", "path")
    module_by_path = {module.path: module for module in parents}
    hits = {}
    for lesson in lessons:
        module = module_by_path.get(lesson.path[: -Page.steplen])
        details = [_("Module %(number)s") % {"number": module.number}] if module else []
        if lesson.duration_seconds:
            details.append(minutes(lesson.duration_seconds))
        hits[lesson.pk] = SearchHit(
            kind=ResultKind.LESSON,
            title=lesson.title,
            url=lesson.get_url(request),
            language=content_language(lesson),
            summary=lesson.intro,
            details=details,
            badge=lesson.kind.value,
            moment=lesson_moment(lesson, words),
        )
    return hits


def lesson_moment(lesson, words: list[str]) -> Moment | None:
    for track in lesson.caption_tracks.all():
        try:
            moment = best_moment(parse_vtt(track.vtt), words)
        except ValidationError:
            continue
        if moment is not None:
            return moment
    return None


def module_hits(ids: list[int], words: list[str], request) -> dict[int, SearchHit]:
    modules = page_model(ResultKind.MODULE).objects.filter(pk__in=ids)
    return {
        module.pk: SearchHit(
            kind=ResultKind.MODULE,
            title=module.title,
            url=module.get_url(request),
            language=content_language(module),
            summary=module.summary,
            details=[_("Module %(number)s") % {"number": module.number}],
            badge="module",
        )
        for module in modules
    }


def event_hits(ids: list[int], words: list[str], request) -> dict[int, SearchHit]:
    events = page_model(ResultKind.EVENT).objects.filter(pk__in=ids)
    now = timezone.now()
    hits = {}
    for event in events:
        upcoming = event.start is not None and event.start >= now
        when = date_format(event.local_start, "DATE_FORMAT") if upcoming else _("Past event")
        details = [event.get_kind_display(), when]
        hits[event.pk] = SearchHit(
            kind=ResultKind.EVENT,
            title=event.title,
            url=event.get_url(request),
            language=content_language(event),
            summary=event.summary,
            details=details,
            badge="event",
        )
    return hits


def resource_hits(ids: list[int], words: list[str], request) -> dict[int, SearchHit]:
    resources = page_model(ResultKind.RESOURCE).objects.filter(pk__in=ids)
    return {
        resource.pk: SearchHit(
            kind=ResultKind.RESOURCE,
            title=resource.title,
            url=resource.get_url(request),
            language=content_language(resource),
            summary=resource.summary,
            details=[
                part
                for part in (resource.get_resource_type_display(), str(resource.year or ""))
                if part
            ],
            badge="resource",
        )
        for resource in resources
    }


def expert_hits(experts: list[Expert]) -> list[SearchHit]:
    return [
        SearchHit(
            kind=ResultKind.EXPERT,
            title=expert.name,
            url=reverse("expert_detail", args=[expert.slug]),
            summary=expert.affiliation,
            badge="expert",
        )
        for expert in experts
    ]


PAGE_HIT_BUILDERS = {
    ResultKind.LESSON: lesson_hits,
    ResultKind.MODULE: module_hits,
    ResultKind.EVENT: event_hits,
    ResultKind.RESOURCE: resource_hits,
}
