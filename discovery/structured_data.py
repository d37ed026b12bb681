"""What a page says about itself to other software: schema.org JSON-LD and Open Graph.

One builder per kind of page turns what the page already reads into plain dicts (schema.org
terms, `@context` https://schema.org); `json_ld_text` serialises them with `json`, safely for an
HTML `<script>` element. The template tag (discovery/templatetags/discovery_tags.py) picks the
builder, keeps the result of the course pages in the content cache, and renders
templates/discovery/metadata.html.

Builders read only what their page's template reads anyway (the course outline, a lesson's place
and captions, an event's seats): a page's query count does not grow with the course.
"""

import json
import mimetypes
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from modules.translations import content_language

SCHEMA = "https://schema.org/"

# og:locale wants language_TERRITORY: each interface language in the country it is mostly read in.
OG_LOCALES = {"en": "en_GB", "sv": "sv_SE", "fi": "fi_FI", "nb": "nb_NO", "da": "da_DK"}

# The course and its events cost nothing; schema.org's Offer still names a currency.
FREE_CURRENCY = "EUR"

DESCRIPTION_LENGTH = 300

_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class PageMetadata:
    """A page's JSON-LD and Open Graph properties, as they are kept in the cache."""

    json_ld: dict
    open_graph: list[tuple[str, str]] = field(default_factory=list)

    @property
    def json_ld_text(self) -> SafeString:
        return json_ld_text(self.json_ld)


def json_ld_text(data: dict) -> SafeString:
    """`data` as JSON that cannot end its `<script>` element early or open a comment: `<`, `>`
    and `&` are written as JSON escapes, which every JSON parser reads back unchanged."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    # Safe for the element: the only characters HTML reads inside it are escaped just here.
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # nosec B308, B703


def absolute(request, url: str | None) -> str | None:
    if not url:
        return None
    return request.build_absolute_uri(url)


def page_url(request, page) -> str | None:
    return absolute(request, page.get_url(request))


def plain(text: str | None, length: int = DESCRIPTION_LENGTH) -> str:
    """Rich or multi-line text as one short plain line, for a description."""
    words = " ".join(strip_tags(text or "").split())
    return Truncator(words).chars(length)


def iso_duration(seconds) -> str | None:
    """A length as an ISO 8601 duration ("PT1H5M30S"), or None when unknown."""
    if not seconds:
        return None
    total = round(float(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{v}{unit}" for v, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if v]
    return "PT" + ("".join(parts) or "0S")


def licence_url(page) -> str | None:
    """The address of the licence a lesson or resource is published under, if it has one.

    Read by name so that lessons carry theirs as soon as they have the field."""
    return getattr(page, "licence_url", None) or None


def compact(data: dict) -> dict:
    """The dict without its empty values: schema.org has no use for a blank property."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def provider(request) -> dict:
    """Who offers the course: the programme, named as the site is."""
    return {
        "@type": "Organization",
        "@id": absolute(request, "/") + "#organization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute(request, "/"),
    }


def free_offer(url: str | None, availability: str = "InStock") -> dict:
    return compact(
        {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": FREE_CURRENCY,
            "category": "Free",
            "availability": SCHEMA + availability,
            "url": url,
        }
    )


def breadcrumb_list(items: list[tuple[str, str | None]]) -> dict | None:
    """A BreadcrumbList of (name, absolute address) from the top; the last is the page itself."""
    if len(items) < 2:
        return None
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            compact({"@type": "ListItem", "position": index, "name": name, "item": url})
            for index, (name, url) in enumerate(items, start=1)
        ],
    }


def page_crumbs(request, ancestors, page, url) -> list[tuple[str, str | None]]:
    return [(crumb.title, page_url(request, crumb)) for crumb in ancestors] + [(page.title, url)]


def graph(*nodes) -> dict:
    """One JSON-LD document: the page's main thing first, then its breadcrumbs."""
    return {"@context": "https://schema.org", "@graph": [node for node in nodes if node]}


def open_graph(
    *,
    title: str,
    description: str,
    kind: str,
    url: str,
    language: str,
    alternates=(),
    image: str | None = None,
) -> list[tuple[str, str]]:
    """Open Graph properties for sharing: absolute addresses, the page's own locale first."""
    tags = [
        ("og:title", title),
        ("og:type", kind),
        ("og:url", url),
        ("og:site_name", settings.WAGTAIL_SITE_NAME),
    ]
    if description:
        tags.append(("og:description", description))
    if image:
        tags.append(("og:image", image))
    own = OG_LOCALES.get(language, language)
    tags.append(("og:locale", own))
    for code in alternates:
        other = OG_LOCALES.get(code, code)
        if other != own:
            tags.append(("og:locale:alternate", other))
    return tags


def image_url(request, image) -> str | None:
    """The original of a Wagtail image, absolute (its renditions cost queries to find)."""
    if image is None or not image.file:
        return None
    return absolute(request, image.file.url)


def person(request, expert) -> dict:
    """An expert as a schema.org Person: name, role and organisation; never contact details."""
    url = absolute(request, reverse("expert_detail", args=[expert.slug])) if expert.slug else None
    affiliation = {"@type": "Organization", "name": expert.organisation}
    return compact(
        {
            "@type": "Person",
            "@id": url + "#person" if url else None,
            "name": expert.name,
            "jobTitle": expert.role,
            "affiliation": affiliation if expert.organisation else None,
            "url": url,
        }
    )


# --- The course, its modules and lessons -------------------------------------------------


def course_node(request, course, url: str) -> dict:
    return {"@type": "Course", "@id": url + "#course", "name": course.title, "url": url}


def module_node(request, module, url: str) -> dict:
    return {
        "@type": "LearningResource",
        "@id": url + "#module",
        "name": module.title,
        "url": url,
        "position": module.number,
    }


def course_metadata(request, course, outline, *, canonical: str, languages) -> PageMetadata:
    """The course: a free, online, self-paced Course with its modules as parts."""
    language = content_language(course)
    seconds = sum(entry.total_seconds for entry in outline)
    modules = []
    for entry in outline:
        module_url = page_url(request, entry.module)
        modules.append(
            compact(
                {
                    **module_node(request, entry.module, module_url),
                    "learningResourceType": "Module",
                    "timeRequired": iso_duration(entry.total_seconds),
                }
            )
        )
    description = plain(course.search_description or course.tagline or course.introduction)
    data = compact(
        {
            **course_node(request, course, canonical),
            "description": description,
            "inLanguage": language,
            "provider": provider(request),
            "isAccessibleForFree": True,
            "offers": free_offer(canonical),
            "hasCourseInstance": compact(
                {
                    "@type": "CourseInstance",
                    "courseMode": "online",
                    # Self-paced: no dates to keep, only the time it takes in all.
                    "courseWorkload": iso_duration(seconds),
                    "inLanguage": language,
                    "offers": free_offer(canonical),
                }
            ),
            "hasPart": modules,
        }
    )
    image = next(
        (image_url(request, entry.module.image) for entry in outline if entry.module.image_id),
        None,
    )
    tags = open_graph(
        title=course.seo_title or course.title,
        description=description,
        kind="website",
        url=canonical,
        language=language,
        alternates=languages,
        image=image,
    )
    return PageMetadata(graph(data), tags)


def module_metadata(request, module, course, lessons, *, canonical: str, languages) -> PageMetadata:
    """A module: a LearningResource, part of the Course, with its lessons as parts."""
    language = content_language(module)
    course_url = page_url(request, course)
    seconds = sum(lesson.duration_seconds or 0 for lesson in lessons)
    parts = [
        {
            "@type": "LearningResource",
            "@id": (lesson_url := page_url(request, lesson)) + "#lesson",
            "name": lesson.title,
            "url": lesson_url,
            "position": index,
        }
        for index, lesson in enumerate(lessons, start=1)
    ]
    description = plain(module.search_description or module.summary)
    data = compact(
        {
            **module_node(request, module, canonical),
            "learningResourceType": "Module",
            "description": description,
            "inLanguage": language,
            "isAccessibleForFree": True,
            "timeRequired": iso_duration(seconds),
            "isPartOf": course_node(request, course, course_url),
            "provider": provider(request),
            "hasPart": parts,
        }
    )
    crumbs = breadcrumb_list([(course.title, course_url), (module.title, canonical)])
    tags = open_graph(
        title=module.seo_title or module.title,
        description=description,
        kind="website",
        url=canonical,
        language=language,
        alternates=languages,
        image=image_url(request, module.image) if module.image_id else None,
    )
    return PageMetadata(graph(data, crumbs), tags)


def caption_node(request, track) -> dict:
    return compact(
        {
            "@type": "MediaObject",
            "contentUrl": absolute(request, track.src),
            "encodingFormat": "text/vtt",
            "inLanguage": track.language,
            "name": track.label,
        }
    )


def media_node(request, lesson, captions, *, language: str, licence: str | None) -> dict | None:
    """A lesson's lecture as a VideoObject or AudioObject."""
    media = lesson.media
    if media is None:
        return None
    kind = "AudioObject" if media.type == "audio" else "VideoObject"
    fallback = "audio/mpeg" if media.type == "audio" else "video/mp4"
    return compact(
        {
            "@type": kind,
            "name": lesson.title,
            "description": plain(lesson.intro or lesson.title),
            "contentUrl": absolute(request, media.file.url),
            "encodingFormat": mimetypes.guess_type(media.file.name)[0] or fallback,
            "duration": iso_duration(media.duration),
            "uploadDate": media.created_at.replace(microsecond=0).isoformat()
            if media.created_at
            else None,
            "thumbnailUrl": absolute(request, media.thumbnail.url) if media.thumbnail else None,
            "transcript": lesson.transcript.strip(),
            "caption": [caption_node(request, track) for track in captions if track.src],
            "inLanguage": language,
            "license": licence,
        }
    )


def lesson_metadata(
    request, lesson, place: dict, captions, experts, *, canonical: str, languages
) -> PageMetadata:
    """A lesson: a LearningResource in its module, with its lecture and the experts in it."""
    language = content_language(lesson)
    licence = licence_url(lesson)
    module, course = place["module"], place["course"]
    module_url = page_url(request, module) if module else None
    course_url = page_url(request, course) if course else None
    part_of = None
    if module is not None:
        part_of = module_node(request, module, module_url)
        if course is not None:
            part_of["isPartOf"] = course_node(request, course, course_url)
    media = media_node(request, lesson, captions, language=language, licence=licence)
    description = plain(lesson.search_description or lesson.intro)
    data = compact(
        {
            "@type": "LearningResource",
            "@id": canonical + "#lesson",
            "name": lesson.title,
            "url": canonical,
            "description": description,
            "learningResourceType": str(lesson.kind.label),
            "inLanguage": language,
            "isAccessibleForFree": True,
            "license": licence,
            "position": place["position"],
            "timeRequired": iso_duration(lesson.duration_seconds),
            "isPartOf": part_of,
            "provider": provider(request),
            "contributor": [person(request, expert) for expert in experts],
            "video" if lesson.kind == "video" else "audio": media,
        }
    )
    crumbs = breadcrumb_list(page_crumbs(request, place["breadcrumbs"], lesson, canonical))
    thumbnail = lesson.media.thumbnail if lesson.media_id else None
    tags = open_graph(
        title=lesson.seo_title or lesson.title,
        description=description,
        kind="video.other" if lesson.kind == "video" else "article",
        url=canonical,
        language=language,
        alternates=languages,
        image=absolute(request, thumbnail.url) if thumbnail else None,
    )
    return PageMetadata(graph(data, crumbs), tags)


# --- Events, resources, experts, and every other page -------------------------------------

ATTENDANCE_MODES = {
    "online": "OnlineEventAttendanceMode",
    "in-person": "OfflineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}


def event_date(event, moment: datetime | None, *, end: bool = False) -> str | None:
    """An event's start or end in its own timezone with the offset, or only the day when only
    the days are known (the stored end is then the day after the last)."""
    if moment is None:
        return None
    local = moment.astimezone(event.zone)
    if event.dates_only:
        day = local.date()
        if end:
            day = day.fromordinal(day.toordinal() - 1)
        return day.isoformat()
    return local.isoformat()


def event_availability(event, *, has_ended: bool, seats_left: int | None) -> str:
    if event.cancelled or has_ended:
        return "Discontinued"
    if seats_left == 0:
        return "SoldOut"  # a waiting list is still open, but no seat
    return "InStock"


def event_metadata(request, event, *, canonical: str, languages, context) -> PageMetadata:
    """An event: when, where (a place, online, or both), who speaks and who organises it, and
    the free registration here or on the partner's site."""
    language = content_language(event)
    location = []
    if event.is_online:
        # The page, never the joining link: that one is for registered participants only.
        location.append({"@type": "VirtualLocation", "url": canonical})
    if event.is_in_person:
        location.append(
            compact(
                {
                    "@type": "Place",
                    "name": event.venue,
                    "address": ", ".join(
                        line.strip() for line in event.address.splitlines() if line.strip()
                    ),
                }
            )
        )
    if event.is_hosted_by_partner:
        organizer = compact(
            {"@type": "Organization", "name": event.host_name, "url": event.host_url}
        )
        registration = event.host_registration_url or event.host_url or canonical
    else:
        organizer = provider(request)
        registration = canonical
    availability = event_availability(
        event,
        has_ended=context.get("has_ended", False),
        seats_left=context.get("seats_left"),
    )
    description = plain(event.search_description or event.summary)
    data = compact(
        {
            "@type": "Event",
            "@id": canonical + "#event",
            "name": event.title,
            "url": canonical,
            "description": description,
            "inLanguage": language,
            "startDate": event_date(event, event.start),
            "endDate": event_date(event, event.end, end=True),
            "eventAttendanceMode": SCHEMA + ATTENDANCE_MODES.get(event.event_format, "Online"),
            "eventStatus": SCHEMA + ("EventCancelled" if event.cancelled else "EventScheduled"),
            "location": location,
            "organizer": organizer,
            "performer": [person(request, speaker) for speaker in context.get("speakers", [])],
            "isAccessibleForFree": True,
            "offers": free_offer(registration, availability),
        }
    )
    crumbs = breadcrumb_list(page_crumbs(request, context.get("breadcrumbs", []), event, canonical))
    tags = open_graph(
        title=event.seo_title or event.title,
        description=description,
        kind="website",
        url=canonical,
        language=language,
        alternates=languages,
    )
    return PageMetadata(graph(data, crumbs), tags)


RESOURCE_TYPES = {"technical-report": "Report"}


def resource_metadata(request, resource, *, canonical: str, languages, context) -> PageMetadata:
    """A library resource: a Report or DigitalDocument with its licence and publisher."""
    licence = licence_url(resource)
    if licence is None and resource.licence == "other":
        licence = resource.licence_other or None
    document = resource.document if resource.document_id else None
    description = plain(resource.search_description or resource.summary)
    data = compact(
        {
            "@type": RESOURCE_TYPES.get(resource.resource_type, "DigitalDocument"),
            "@id": canonical + "#resource",
            "name": resource.title,
            "url": canonical,
            "description": description,
            "genre": str(resource.get_resource_type_display()),
            "inLanguage": resource.language,
            "datePublished": str(resource.year) if resource.year else None,
            "publisher": {"@type": "Organization", "name": resource.publisher},
            "author": [person(request, author) for author in context.get("authors", [])],
            "license": licence,
            "isAccessibleForFree": True,
            "sameAs": resource.external_url if resource.is_external else None,
            "associatedMedia": compact(
                {
                    "@type": "MediaObject",
                    "contentUrl": absolute(request, document.url),
                    "encodingFormat": mimetypes.guess_type(document.file.name)[0],
                    "contentSize": f"{document.file_size} B" if document.file_size else None,
                }
            )
            if document
            else None,
        }
    )
    crumbs = breadcrumb_list(
        page_crumbs(request, context.get("breadcrumbs", []), resource, canonical)
    )
    tags = open_graph(
        title=resource.seo_title or resource.title,
        description=description,
        kind="article",
        url=canonical,
        language=content_language(resource),
        alternates=languages,
    )
    return PageMetadata(graph(data, crumbs), tags)


def web_page_metadata(
    request,
    *,
    title: str,
    description: str,
    canonical: str,
    language: str,
    languages,
    crumbs: list[tuple[str, str | None]],
    kind: str = "WebPage",
    main=None,
    image: str | None = None,
) -> PageMetadata:
    """Any other public page (a list, the events, the library): a WebPage of the site, with its
    breadcrumbs, and about `main` when the page is about one thing (an expert)."""
    data = compact(
        {
            "@type": kind,
            "@id": canonical,
            "name": title,
            "url": canonical,
            "description": description,
            "inLanguage": language,
            "isPartOf": {
                "@type": "WebSite",
                "@id": absolute(request, "/") + "#website",
                "name": settings.WAGTAIL_SITE_NAME,
                "url": absolute(request, "/"),
            },
            "mainEntity": main,
        }
    )
    tags = open_graph(
        title=title,
        description=description,
        kind="profile" if main and main.get("@type") == "Person" else "website",
        url=canonical,
        language=language,
        alternates=languages,
        image=image,
    )
    return PageMetadata(graph(data, breadcrumb_list(crumbs)), tags)


def expert_metadata(
    request, expert, *, home, canonical: str, language: str, languages
) -> PageMetadata:
    """An expert's page: a ProfilePage about the Person."""
    description = plain(expert.biography) or ", ".join(
        part for part in (expert.name, expert.affiliation) if part
    )
    main = compact({**person(request, expert), "description": plain(expert.biography)})
    crumbs = [(home.title, page_url(request, home))] if home is not None else []
    crumbs += [
        (gettext("Experts"), absolute(request, reverse("expert_list"))),
        (expert.name, canonical),
    ]
    return web_page_metadata(
        request,
        title=expert.name,
        description=description,
        canonical=canonical,
        language=language,
        languages=languages,
        crumbs=crumbs,
        kind="ProfilePage",
        main=main,
        image=image_url(request, expert.photo) if expert.photo_id else None,
    )
