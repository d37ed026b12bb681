"""Demo events: the online workshop and the panel debate (upcoming, dated from when the seed
runs) and one past webinar with its recording, captions, transcript and a summary.

Create-only and idempotent like modules.seed: everything is found by its slug, only what is
missing is made, and nothing an editor changed is touched. Call it after the course exists
(modules.seed.seed_demo); without the course it does nothing.
"""

import zoneinfo
from datetime import datetime, time, timedelta

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from wagtailmedia.models import get_media_model

from events.models import EventIndexPage, EventKind, EventPage, EventPartner
from modules.captions import parse_vtt
from modules.demo import content
from modules.models import CoursePage, Expert, ModulePage, Theme
from modules.seed import MEDIA_DIR, transcript_text

CONFERENCE = "Beyond Smart Cities Today: Power, Justice and Resistance"

INDEX = {
    "title": "Events",
    "slug": "events",
    "intro": (
        "<p>The course's modules can be taken alone and at any time; these live events add "
        "conversation. Join an online workshop or a panel debate, ask the researchers your own "
        "questions, and meet officials from other cities. Recordings of past events stay "
        "here, with transcripts and a short account of what was said.</p>"
    ),
}

EVENTS = [
    {
        "slug": "online-workshop-research-meets-the-municipal-desk",
        "title": "Online workshop: research meets the municipal desk",
        "kind": EventKind.WORKSHOP,
        "format": "online",
        "zone": "Europe/Stockholm",
        "days_ahead": 21,
        "starts": time(13, 0),
        "hours": 3,
        "capacity": 30,
        "online_url": "https://meet.example.org/smart-cities-workshop",
        "summary": (
            "A three-hour online workshop for city officials: bring a digital project from your "
            "own municipality and work through it with researchers and colleagues from other "
            "cities."
        ),
        "description": [
            "The workshop is where the course's questions meet your own work. In small groups, "
            "participants take a project they are planning or running (a sensor network, a "
            "participation platform, a data-sharing agreement) and look at it through the lens "
            "of the modules: who decided, who benefits, who is left out and who carries the "
            "risk.",
            "Ingrid Halvorsen opens with a short talk on how Nordic municipalities turn "
            "international smart city ideas into local practice. Sofia Lindqvist then shares "
            "what her city learned from combining digital participation with meetings in "
            "schools and care homes. Most of the time is spent in groups, each with a "
            "facilitator.",
            "The workshop was first held as one of the two live events of the conference "
            f"“{CONFERENCE}”. Seats are limited so that every group stays small; if the "
            "workshop is full, join the waiting list and we will email you if a seat frees up.",
        ],
        "speakers": ["ingrid-halvorsen", "sofia-lindqvist"],
        "themes": ["governance-and-participation", "inclusion"],
        "modules": ["what-is-a-smart-city-for", "governance-and-participation"],
        "partners": [],
    },
    {
        "slug": "panel-debate-towards-a-more-ethical-smart-city",
        "title": "Panel debate: towards a more ethical smart city",
        "kind": EventKind.PANEL_DEBATE,
        "format": "hybrid",
        "zone": "Europe/Brussels",
        "days_ahead": 42,
        "starts": time(14, 30),
        "hours": 1.5,
        "capacity": 80,
        "venue": "JDE building, Room JDE 51",
        "address": "Rue Belliard 101\n1040 Brussels\nBelgium",
        "online_url": "https://meet.example.org/ethical-smart-city-debate",
        "summary": (
            "Cities, researchers and the European Commission debate how ethics can be built "
            "into the whole digital value chain of a smart city, from the devices it buys to "
            "the services residents use every day."
        ),
        "description": [
            "When everything and everyone is connected for the sake of efficiency, where does "
            "that leave residents? The first stories about smart cities were almost always "
            "hopeful; today cities are asked harder questions about the data residents leave "
            "behind, about the people who cannot or will not use digital services, and about "
            "the conditions under which the equipment itself is made.",
            "Representatives of four European cities and regions (Tallinn, Lille Métropole, "
            "Espoo and the Brussels Capital Region) describe how they have brought public "
            "services online while trying to keep them fair: connected neighbourhood centres, "
            "open cooperation between cities, residents designing a sustainable city, and "
            "digital inclusion programmes. The European Commission's DG CONNECT sets out its "
            "view, and the debate is moderated by the network Open & Agile Smart Cities.",
            "Amira Haddad and Anna Kask, who both lecture in the course, respond from research "
            "on digital rights and on the accountability of automated decisions. Will digital "
            "tools strengthen local democracy or wear it down? Come in person in Brussels or "
            "follow online, and bring your questions.",
            f"The debate is part of the conference “{CONFERENCE}”.",
        ],
        "speakers": ["amira-haddad", "anna-kask"],
        "themes": ["data-and-privacy", "governance-and-participation", "inclusion"],
        "modules": ["data-privacy-and-digital-rights", "ethics-in-the-digital-value-chain"],
        "partners": [
            "Brussels Capital Region",
            "City of Tallinn",
            "City of Espoo",
            "European Commission, DG CONNECT",
            "Lille Métropole",
            "Open & Agile Smart Cities",
        ],
    },
    {
        "slug": "webinar-participation-beyond-the-app",
        "title": "Webinar: participation beyond the app",
        "kind": EventKind.WEBINAR,
        "format": "online",
        "zone": "Europe/Oslo",
        "days_ahead": -35,
        "starts": time(10, 0),
        "hours": 1,
        "capacity": None,
        "online_url": "https://meet.example.org/participation-webinar",
        "summary": (
            "An open webinar on digital participation: what apps and online consultations add, "
            "and why reaching more people is not the same as giving them more say."
        ),
        "description": [
            "The webinar opened the module on governance and participation with a short "
            "lecture, followed by questions from officials in Norway, Sweden and Finland.",
        ],
        "recap": [
            "The lecture drew a line between reach and influence. Digital channels bring in "
            "people who never come to a public meeting, and that is worth having; but "
            "residents gain a say only when they can see how what they said changed a plan, a "
            "budget or a priority.",
            "In the questions that followed, participants compared how their cities report "
            "back to residents after a consultation, and several noted that the loudest online "
            "voices are rarely a picture of the whole city. The discussion closed on combining "
            "online tools with meetings where people already are: schools, libraries and care "
            "homes.",
        ],
        "recording": "m3-video",
        "speakers": ["sofia-lindqvist"],
        "themes": ["governance-and-participation"],
        "modules": ["governance-and-participation"],
        "partners": [],
    },
]


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def _when(data: dict, now: datetime) -> tuple[datetime, datetime]:
    zone = zoneinfo.ZoneInfo(data["zone"])
    day = now.astimezone(zone).date() + timedelta(days=data["days_ahead"])
    start = datetime.combine(day, data["starts"], tzinfo=zone)
    return start, start + timedelta(hours=data["hours"])


def _script_of(stem: str) -> list[str]:
    for module in content.MODULES:
        for lesson in module["lessons"]:
            if lesson["media"] == stem:
                return lesson["script"]
    return []


def _recording(stem: str, report):
    Media = get_media_model()
    title = "Webinar recording: participation beyond the app"
    media = Media.objects.filter(title=title).first()
    if media is None:
        cues = parse_vtt((MEDIA_DIR / f"{stem}.en.vtt").read_text(encoding="utf-8"))
        with (MEDIA_DIR / f"{stem}.mp4").open("rb") as handle:
            media = Media(
                title=title,
                type="video",
                duration=round(cues[-1].end, 1),
                width=640,
                height=360,
                file=File(handle, name=f"event-{stem}.mp4"),
            )
            media.save()
        report.add(f"media {title}")
    return media


@transaction.atomic
def seed_events(report, now: datetime | None = None) -> None:
    """Create the events index and the demo events that are missing; report what was made."""
    now = now or timezone.now()
    course = CoursePage.objects.filter(slug=content.COURSE["slug"]).first()
    if course is None:
        return
    index = EventIndexPage.objects.child_of(course).filter(slug=INDEX["slug"]).first()
    if index is None:
        index = EventIndexPage(title=INDEX["title"], slug=INDEX["slug"], intro=INDEX["intro"])
        course.add_child(instance=index)
        index.save_revision().publish()
        report.add("events index")
    for data in EVENTS:
        if EventPage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        start, end = _when(data, now)
        event = EventPage(
            title=data["title"],
            slug=data["slug"],
            kind=data["kind"],
            event_format=data["format"],
            timezone=data["zone"],
            start=start,
            end=end,
            capacity=data["capacity"],
            venue=data.get("venue", ""),
            address=data.get("address", ""),
            online_url=data["online_url"],
            summary=data["summary"],
            search_description=data["summary"],
            description=_paragraphs(data["description"]),
            recap=_paragraphs(data.get("recap", [])),
        )
        if data.get("recording"):
            stem = data["recording"]
            event.recording = _recording(stem, report)
            event.recording_captions = (MEDIA_DIR / f"{stem}.en.vtt").read_text(encoding="utf-8")
            event.transcript = transcript_text(_script_of(stem))
        event.speakers = list(Expert.objects.source().filter(slug__in=data["speakers"]))
        event.themes = list(Theme.objects.source().filter(slug__in=data["themes"]))
        event.related_modules = list(
            ModulePage.objects.child_of(course).filter(slug__in=data["modules"])
        )
        event.partners = [EventPartner(name=name) for name in data["partners"]]
        index.add_child(instance=event)
        event.save_revision().publish()
        report.add(f"event {event.title}")
