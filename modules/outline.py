"""Reads that pages need, each in a fixed number of queries whatever the size of the course.

A course home lists every module and lesson: rather than asking each module for its children,
the lessons of the whole course are fetched in one query and grouped by their parent's path.
The private sections (page view restrictions) are read once per outline, not once per queryset.

The page models hand these reads to their templates through CourseContent, ModuleContent and
LessonContent, which make each read only when the template first asks for it: inside a warm
`{% contentcache %}` fragment nobody asks, and the page costs no content query at all.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils.formats import get_format
from django.utils.functional import cached_property
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import Page

from accounts.models import PLAYBACK_RATES
from mediapipeline.renditions import playable_sources
from modules.captions import Cue, parse_vtt
from modules.content_cache import content_data
from modules.models import Expert, LessonPage, ModulePage, TrackKind
from modules.models.snippets import translated_snippets
from modules.translations import source_ids, source_page_id


def lessons_seconds(lessons) -> int:
    """How long a module takes: the sum of its lessons' durations (a written lesson's reading
    time, the media's own length otherwise). The one source of a module's length."""
    return sum(lesson.duration_seconds or 0 for lesson in lessons)


@dataclass
class ModuleEntry:
    module: ModulePage
    lessons: list[LessonPage] = field(default_factory=list)

    @property
    def total_seconds(self) -> int:
        return lessons_seconds(self.lessons)


@dataclass(frozen=True)
class PlayerTrack:
    """One of the lesson's WebVTT tracks as the player and transcript use it: where the browser
    fetches it (None while the site serves no such kind) and its cues, parsed once here."""

    kind: str
    language: str
    label: str
    src: str | None
    cues: list[Cue]
    size: int  # bytes of the WebVTT file as served

    @property
    def display_label(self) -> str:
        return self.label


# The addresses tracks are served at: captions by modules.views.caption_track; chapters and
# audio descriptions by modules.views.lesson_track (should that route be missing, the player
# leaves their <track> out, and the chapter list, rendered from the cues here, still works).
def track_src(track) -> str | None:
    try:
        if track.kind == TrackKind.CAPTIONS:
            return reverse("lesson_captions", args=[track.page_id, track.language])
        return reverse("lesson_track", args=[track.page_id, track.kind, track.language])
    except NoReverseMatch:
        return None


def player_track(track) -> PlayerTrack | None:
    """The track ready for the page, or None if its text is not valid WebVTT (never shown)."""
    try:
        cues = parse_vtt(track.vtt)
    except ValidationError:
        return None
    return PlayerTrack(
        kind=track.kind,
        language=track.language,
        label=track.display_label,
        src=track_src(track),
        cues=cues,
        size=len(track.vtt.encode("utf-8")),
    )


def _experts_queryset():
    photos = get_image_model().objects.prefetch_renditions()
    return Expert.objects.prefetch_related(Prefetch("photo", photos))


def private_sections():
    """A filter matching every page in a private section (one query, made now)."""
    return Page.objects.all().private_q()


def live_lessons(parent: Page, *, private=None):
    """The live lessons below `parent`, each with `source_id`: the English lesson it translates
    (its own id in English), which a visitor's browser keeps their progress under, so that it
    holds in every language."""
    private = private_sections() if private is None else private
    return (
        LessonPage.objects.live()
        .exclude(private)
        .descendant_of(parent)
        .select_related("media")
        .annotate(source_id=source_ids())
        .order_by("path")
    )


def course_outline(course, *, images: bool = True) -> list[ModuleEntry]:
    """The course's live modules in order, each with its live lessons in order (3 queries, and
    2 more for the module images and their renditions when `images`)."""
    private = private_sections()
    modules = ModulePage.objects.live().exclude(private).child_of(course).order_by("path")
    if images:
        renditions = get_image_model().objects.prefetch_renditions()
        modules = modules.prefetch_related(Prefetch("image", renditions))
    else:
        modules = modules.defer("image")
    entries = {module.path: ModuleEntry(module) for module in modules}
    for lesson in live_lessons(course, private=private):
        entry = entries.get(lesson.path[: -Page.steplen])
        if entry is not None:
            entry.lessons.append(lesson)
    return list(entries.values())


def course_experts(course):
    """Everyone featured in the course's live lessons, by name, in the reader's language."""
    lesson_ids = live_lessons(course).values("pk")
    experts = _experts_queryset().filter(lessons__in=lesson_ids).distinct()
    return translated_snippets(experts, queryset=_experts_queryset())


def _neighbours(queryset, page):
    previous = queryset.filter(path__lt=page.path).order_by("-path").first()
    following = queryset.filter(path__gt=page.path).order_by("path").first()
    return previous, following


def lesson_neighbours(lesson: LessonPage) -> dict:
    """Where a lesson sits: its breadcrumbs, module, course, the lessons either side of it in
    the whole course, and the module's lessons with this one's place among them ("Lesson 2 of
    4", the outline beside the lesson) (7 queries; kept in the cache by LessonContent)."""
    ancestors = list(lesson.get_ancestors().filter(depth__gt=1).defer_streamfields().specific())
    module = ancestors[-1] if ancestors else None
    course = ancestors[-2] if len(ancestors) > 1 else None
    previous = following = None
    module_lessons = []
    if course is not None:
        private = private_sections()
        lessons = live_lessons(course, private=private).defer_streamfields()
        previous, following = _neighbours(lessons, lesson)
        module_lessons = list(live_lessons(module, private=private).defer_streamfields())
    ids = [item.pk for item in module_lessons]
    return {
        "breadcrumbs": ancestors,
        "module": module,
        "course": course,
        "previous_lesson": previous,
        "next_lesson": following,
        "module_lessons": module_lessons,
        # None for a lesson the outline leaves out (in a private section): no "Lesson n of m".
        "position": ids.index(lesson.pk) + 1 if lesson.pk in ids else None,
    }


class CourseContent:
    """What a course page shows besides its own fields, read when first asked for."""

    def __init__(self, course, request=None):
        self.course = course

    @cached_property
    def outline(self) -> list[ModuleEntry]:
        return course_outline(self.course)

    @cached_property
    def experts(self) -> list[Expert]:
        return course_experts(self.course)


class ModuleContent:
    """What a module page shows besides its own fields, read when first asked for."""

    def __init__(self, module, request=None):
        self.module = module

    @cached_property
    def course(self):
        return self.module.get_parent().specific_deferred

    @cached_property
    def breadcrumbs(self) -> list:
        return [self.course]

    @cached_property
    def lessons(self) -> list[LessonPage]:
        return list(live_lessons(self.module))

    @property
    def total_seconds(self) -> int:
        return lessons_seconds(self.lessons)

    @cached_property
    def experts(self) -> list[Expert]:
        ids = [lesson.pk for lesson in self.lessons]
        experts = _experts_queryset().filter(lessons__in=ids).distinct()
        return translated_snippets(experts, queryset=_experts_queryset())

    @cached_property
    def _neighbours(self):
        siblings = ModulePage.objects.live().public().child_of(self.course)
        return _neighbours(siblings, self.module)

    @property
    def previous_module(self):
        return self._neighbours[0]

    @property
    def next_module(self):
        return self._neighbours[1]


class LessonContent:
    """What a lesson page shows besides its own fields, read when first asked for.

    Its place in the course (breadcrumbs, module, neighbours) is also wanted outside the cached
    fragments, by the learner's "Next:" link, so it is kept in the cache as data (with the
    request, once per revision, language and content generation)."""

    def __init__(self, lesson, request=None):
        self.lesson, self.request = lesson, request

    @cached_property
    def place(self) -> dict:
        if self.request is None or getattr(self.request, "is_preview", False):
            return lesson_neighbours(self.lesson)
        return content_data(
            "lesson-place",
            self.lesson,
            lambda: lesson_neighbours(self.lesson),
            request=self.request,
        )

    @property
    def breadcrumbs(self) -> list:
        return self.place["breadcrumbs"]

    @property
    def module(self):
        return self.place["module"]

    @property
    def course(self):
        return self.place["course"]

    @property
    def previous_lesson(self):
        return self.place["previous_lesson"]

    @property
    def next_lesson(self):
        return self.place["next_lesson"]

    @property
    def module_lessons(self) -> list[LessonPage]:
        """The live lessons of the lesson's module, in order, each with `source_id`."""
        return self.place["module_lessons"]

    @property
    def position(self) -> int | None:
        """The lesson's place in its module, from 1 ("Lesson 2 of 4")."""
        return self.place["position"]

    @cached_property
    def lesson_themes(self) -> list:
        return translated_snippets(self.lesson.themes.all())

    @cached_property
    def source_id(self) -> int:
        """The English lesson's id (kept in the cache: the completion panel asks per request)."""
        return content_data("source-id", self.lesson, lambda: source_page_id(self.lesson))

    @cached_property
    def _tracks(self) -> list[PlayerTrack]:
        """Every valid track of the lesson (one query), the reader's language first."""
        reader = get_language()
        tracks = sorted(self.lesson.caption_tracks.all(), key=lambda t: t.language != reader)
        return [ready for track in tracks if (ready := player_track(track)) is not None]

    def _of_kind(self, kind) -> list[PlayerTrack]:
        return [track for track in self._tracks if track.kind == kind]

    @property
    def caption_tracks(self) -> list[PlayerTrack]:
        """The lesson's captions, the reader's language first: the player shows it by default,
        and the interactive transcript is built from each one's cues."""
        return self._of_kind(TrackKind.CAPTIONS)

    @property
    def description_tracks(self) -> list[PlayerTrack]:
        """Audio descriptions of what the slides show, for a screen reader to speak."""
        return [track for track in self._of_kind(TrackKind.DESCRIPTIONS) if track.src]

    @property
    def chapters(self) -> list[Cue]:
        """The chapters in the reader's language (or the first language there is)."""
        tracks = self._of_kind(TrackKind.CHAPTERS)
        return tracks[0].cues if tracks else []

    @cached_property
    def media_sources(self) -> list:
        return playable_sources(self.lesson.media) if self.lesson.media else []

    @property
    def playback_rates(self) -> list[tuple[str, str]]:
        """The speeds the player offers: the value as the script reads it ("1", "1.25") and as
        the reader writes it ("1,25" in Swedish)."""
        decimal = get_format("DECIMAL_SEPARATOR")
        return [(f"{rate:g}", f"{rate:g}".replace(".", decimal)) for rate in PLAYBACK_RATES]

    @property
    def chapter_tracks(self) -> list[PlayerTrack]:
        return [track for track in self._of_kind(TrackKind.CHAPTERS) if track.src]

    @cached_property
    def lesson_experts(self) -> list[Expert]:
        experts = _experts_queryset().filter(lessons=self.lesson)
        return translated_snippets(experts, queryset=_experts_queryset())
