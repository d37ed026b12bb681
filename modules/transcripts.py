"""A lesson's transcript as files to keep: plain text and a tagged PDF (PDF/UA-1).

The words come from the lesson's `transcript` field, or, when an editor left it empty, from its
captions (the track in the lesson's own language first), cues run together into paragraphs at
each pause. A file is written wholly in the language of the lesson's content: its words and its
few labels ("Module 2", "Transcript") alike, so that a PDF has one document language.

Both files are built once per revision and language and kept in the default cache: the lesson
page shows their sizes (in its cached content) and the download views serve the same bytes. The
PDF's dates are the revision's, never "now", so that a rebuild after the cache lost it is the
same file to the byte and the size the page showed stays true.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from config.pdf import tagged_pdf
from modules.captions import parse_vtt
from modules.content_cache import CONTENT_CACHE_SECONDS, page_version
from modules.models import CoursePage, ModulePage, TrackKind
from modules.translations import content_language

# A pause at least this long between two cues starts a new paragraph.
PARAGRAPH_PAUSE_SECONDS = 2.0
TEXT_TYPE = "text/plain; charset=utf-8"
PDF_TYPE = "application/pdf"


@dataclass(frozen=True)
class Transcript:
    """What a transcript file says, in the language of the lesson's content."""

    language: str
    title: str
    module: str  # "Module 2: Who owns the data?", or "" for a lesson outside a module
    course: str
    source: str  # where it comes from: the course and the lesson's address
    paragraphs: list[str]
    published: datetime | None


def caption_paragraphs(tracks, language: str) -> list[str]:
    """The words of the captions in `language` (else the first captions), one paragraph per
    stretch of speech."""
    captions = [track for track in tracks if track.kind == TrackKind.CAPTIONS]
    captions.sort(key=lambda track: track.language != language)
    for track in captions:
        try:
            cues = parse_vtt(track.vtt)
        except ValidationError:
            continue
        paragraphs, current, last_end = [], [], None
        for cue in cues:
            if current and last_end is not None and cue.start - last_end >= PARAGRAPH_PAUSE_SECONDS:
                paragraphs.append(" ".join(current))
                current = []
            if cue.text:
                current.append(cue.text)
            last_end = cue.end
        if current:
            paragraphs.append(" ".join(current))
        return paragraphs
    return []


def lesson_transcript(lesson) -> Transcript | None:
    """The lesson's transcript, or None when it has neither a transcript nor captions."""
    language = content_language(lesson)
    paragraphs = lesson.transcript_paragraphs or caption_paragraphs(
        list(lesson.caption_tracks.all()), language
    )
    if not paragraphs:
        return None
    ancestors = {type(page): page for page in lesson.get_ancestors().specific()}
    module, course = ancestors.get(ModulePage), ancestors.get(CoursePage)
    with translation.override(language):
        module_label = (
            _("Module %(number)s: %(title)s") % {"number": module.number, "title": module.title}
            if module is not None
            else ""
        )
        course_title = course.title if course is not None else ""
        source = _("From the course “%(course)s”: %(url)s") % {
            "course": course_title,
            "url": lesson.get_full_url() or lesson.url_path,
        }
    return Transcript(
        language=language,
        title=lesson.title,
        module=module_label,
        course=course_title,
        source=source,
        paragraphs=paragraphs,
        published=lesson.last_published_at or lesson.first_published_at,
    )


def transcript_text(transcript: Transcript) -> bytes:
    """The transcript as UTF-8 plain text: title, module, source line, then the paragraphs."""
    head = [transcript.title, "=" * len(transcript.title)]
    if transcript.module:
        head.append(transcript.module)
    head.append(transcript.source)
    body = "\n\n".join(transcript.paragraphs)
    return ("\n".join(head) + "\n\n" + body + "\n").encode("utf-8")


def transcript_pdf(transcript: Transcript) -> bytes:
    """The transcript as a tagged PDF (PDF/UA-1): language, title, headings, reading order."""
    published = transcript.published or datetime(2000, 1, 1, tzinfo=UTC)
    return tagged_pdf(
        "modules/transcript_pdf.html",
        "modules/transcript_pdf.css",
        {"transcript": transcript, "published": published.astimezone(UTC)},
        language=transcript.language,
    )


BUILDERS = {"txt": transcript_text, "pdf": transcript_pdf}


def transcript_filename(lesson, fmt: str) -> str:
    """ "what-cities-measure-sv-transcript.pdf": the lesson, its language, what the file is."""
    return f"{lesson.slug}-{content_language(lesson)}-transcript.{fmt}"


def transcript_file(lesson, fmt: str) -> bytes | None:
    """The transcript file of `lesson` in `fmt` ("txt" or "pdf"), built once per revision and
    language (kept in the cache), or None when the lesson has no transcript."""
    key = f"transcript:{fmt}:{lesson.pk}:{page_version(lesson)}:{content_language(lesson)}"
    content = cache.get(key)
    if content is None:
        transcript = lesson_transcript(lesson)
        content = b"" if transcript is None else BUILDERS[fmt](transcript)
        cache.set(key, content, CONTENT_CACHE_SECONDS)
    return content or None
