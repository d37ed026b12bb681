"""Demo events: the course's own follow-up workshop and panel debate (upcoming, dated from when
the seed runs), one past webinar with its recording, captions, transcript and a summary, and the
programme's real past events from its source documents (FACTS).

Create-only and idempotent like modules.seed: everything is found by its slug, only what is
missing is made, and nothing an editor changed is touched. Call it after the course exists
(modules.seed.seed_demo); without the course it does nothing.
"""

import zoneinfo
from datetime import date, datetime, time, timedelta

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
            "The course's own follow-up workshop, three hours online for city officials: bring a "
            "digital project from your own municipality and work through it with researchers "
            "and colleagues from other cities."
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
            "This is the course's own follow-up session. The programme's first online "
            f"workshop was held during the conference “{CONFERENCE}” in June 2022; its record "
            "is under past events. Seats are limited so that every group stays small; if the "
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
            "The course's own follow-up debate: cities, researchers and the European Commission "
            "discuss how ethics can be built into the whole digital value chain of a smart city, "
            "from the devices it buys to the services residents use every day."
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
            "This is the course's own follow-up debate. The programme's panel debate took "
            f"place during the conference “{CONFERENCE}” in June 2022; its record is under "
            "past events.",
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


# The programme's real events, from its source documents, all in the past: the two live sessions
# of its conference (known by their days only) and two partners' events. Dates are given as the
# documents give them, in the timezone where the event happened; the Smart City Expo World
# Congress is listed by UN-Habitat without dates, so it has none here either.
FACTS = [
    {
        "slug": "beyond-smart-cities-2022-online-workshop",
        "title": "Online workshop of the conference Beyond Smart Cities Today",
        "kind": EventKind.WORKSHOP,
        "format": "online",
        "zone": "Europe/Brussels",
        "days": (date(2022, 6, 15), date(2022, 6, 17)),
        "conference": CONFERENCE,
        "summary": (
            "The programme's first online workshop, one of the two live events that "
            "complemented the eight modules, held during its conference in June 2022."
        ),
        "description": [
            "The course's modules were designed to be taken alone and at each learner's own "
            "pace. The conference added two moments of live conversation, and this online "
            "workshop was one of them; the panel debate in Brussels was the other.",
        ],
        "themes": ["governance-and-participation"],
        "modules": ["what-is-a-smart-city-for"],
        "partners": [],
    },
    {
        "slug": "beyond-smart-cities-2022-panel-debate",
        "title": "Panel debate: societal challenges in smart cities, towards a more ethical "
        "smart city",
        "kind": EventKind.PANEL_DEBATE,
        "format": "in-person",
        "zone": "Europe/Brussels",
        "days": (date(2022, 6, 15), date(2022, 6, 17)),
        "conference": CONFERENCE,
        "code": "10WS460",
        "theme_label": "A Europe Closer to Citizen",
        "venue": "Committee of the Regions (CoR), JDE building, room JDE 51",
        "address": "Rue Belliard 101\n1040 Brussels",
        "summary": (
            "Four European cities and regions and the European Commission asked how smart "
            "city strategies can give residents a fairer and more ethical place."
        ),
        "description": [
            "Early accounts of smart cities were mostly optimistic. The debate took up the "
            "doubts that came later: what a city owes residents whose everyday lives produce "
            "its data, how ethics can reach every link of the digital value chain, and "
            "whether digital tools strengthen or weaken local democracy.",
            "Tallinn, Lille Metropole, Espoo and the Brussels Capital Region spoke from their "
            "own work on bringing public services online, from neighbourhood centres that "
            "help people with digital services to residents taking part in designing their "
            "city. DG CNECT of the European Commission gave its view, and the chair of Open "
            "and Agile Smart Cities moderated.",
        ],
        "themes": ["data-and-privacy", "governance-and-participation", "inclusion"],
        "modules": ["ethics-in-the-digital-value-chain"],
        "partners": [
            "Brussels Capital Region",
            "City of Tallinn",
            "Espoo",
            "European Commission – DG CNECT",
            "Lille Metropole",
            "Open and Agile Smart Cities",
        ],
    },
    {
        "slug": "sharing-cities-webinar-digital-social-market-lisbon",
        "title": "Sharing Cities webinar: the Digital Social Market in Lisbon",
        "kind": EventKind.WEBINAR,
        "format": "online",
        "zone": "Europe/Brussels",
        "times": (datetime(2019, 1, 17, 15, 0), datetime(2019, 1, 17, 16, 0)),
        "host": "Sharing Cities",
        "summary": (
            "A webinar, listed by EUROCITIES, on getting residents involved in saving energy "
            "through Lisbon's Digital Social Market, an online engagement platform."
        ),
        "description": [
            "The Sharing Cities programme hosted this one-hour webinar. It presented the "
            "Digital Social Market (DSM) in Lisbon, a platform for engaging residents online, "
            "as a way to involve them actively in saving energy.",
        ],
        "themes": ["environment-and-energy", "governance-and-participation"],
        "modules": ["environment-and-energy"],
        "partners": [],
    },
    {
        "slug": "smart-city-expo-world-congress-barcelona",
        "title": "Smart City Expo World Congress, Barcelona",
        "kind": EventKind.CONFERENCE,
        "format": "in-person",
        "zone": "Europe/Madrid",
        "venue": "Barcelona",
        "host": "UN-Habitat",
        "host_url": "https://unhabitat.org/programme/people-centred-smart-cities",
        "summary": (
            "A world congress on smart cities in Barcelona, listed among the events of "
            "UN-Habitat's People-Centred Smart Cities programme."
        ),
        "description": [
            "UN-Habitat lists the congress among the events of its flagship programme on "
            "people-centred smart cities. Its dates are not given in the programme's listing; "
            "see UN-Habitat's site for them.",
        ],
        "themes": ["governance-and-participation"],
        "modules": [],
        "partners": [],
    },
]


def _fact_times(data: dict) -> tuple[datetime | None, datetime | None]:
    zone = zoneinfo.ZoneInfo(data["zone"])
    if "times" in data:
        start, end = data["times"]
        return start.replace(tzinfo=zone), end.replace(tzinfo=zone)
    if "days" in data:  # known by its days only: from the first midnight to the last
        first, last = data["days"]
        start = datetime.combine(first, time(0, 0), tzinfo=zone)
        return start, datetime.combine(last + timedelta(days=1), time(0, 0), tzinfo=zone)
    return None, None


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
    for data in FACTS:
        if EventPage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        start, end = _fact_times(data)
        event = EventPage(
            title=data["title"],
            slug=data["slug"],
            kind=data["kind"],
            event_format=data["format"],
            timezone=data["zone"],
            start=start,
            end=end,
            dates_only="days" in data,
            capacity=None,
            venue=data.get("venue", ""),
            address=data.get("address", ""),
            conference=data.get("conference", ""),
            code=data.get("code", ""),
            theme_label=data.get("theme_label", ""),
            host_name=data.get("host", ""),
            host_url=data.get("host_url", ""),
            summary=data["summary"],
            search_description=data["summary"],
            description=_paragraphs(data["description"]),
        )
        event.themes = list(Theme.objects.source().filter(slug__in=data["themes"]))
        event.related_modules = list(
            ModulePage.objects.child_of(course).filter(slug__in=data["modules"])
        )
        event.partners = [EventPartner(name=name) for name in data["partners"]]
        index.add_child(instance=event)
        event.save_revision().publish()
        report.add(f"event {event.title}")
