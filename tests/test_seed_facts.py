"""The programme's real facts, as a reader finds them on the seeded site (issue 18).

The seed command is run as a newcomer would run it, then every fact is looked for on the rendered
pages, parsed with BeautifulSoup: UN-Habitat's eight publications in the library, read on the
publisher's site and marked as external links; the conference's two sessions and the partners'
events under "Past events" with their codes, themes, venues and times in their own timezone;
the course's own follow-up sessions still open for registration. Beside them, the rules an
editor meets: a resource is a file or a link, never both or neither; a partner's event takes no
registrations here.
"""

from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision

from events.models import EventPage, EventRegistration
from events.seed import seed_events
from library.demo import PUBLICATIONS
from library.models import ResourcePage
from library.seed import seed_library
from modules.seed import seed_demo
from tests.events.factories import make_event, make_event_index
from tests.factories import make_course, make_learner
from tests.library.factories import make_document, make_library, make_resource

pytestmark = pytest.mark.django_db

CONFERENCE = "Beyond Smart Cities Today: Power, Justice and Resistance"
UN_HABITAT_TITLES = [
    "People-Centered Smart Cities",
    "Sihanoukville for all: Promoting a Sustainable, Inclusive Smart City",
    "Innovation and digital technology to re-imagine Participatory Budgeting as a tool for "
    "building social resilience",
    "Mixed reality for public participation in urban and public space design - Towards a new "
    "way of crowdsourcing more inclusive smart cities",
    "Mainstreaming human rights in the digital transformation of cities – A guide for local "
    "governments",
    "UN-Habitat Innovation: Current projects, initiatives and partnerships",
    "Future Cities Advisory Outlook 2020: Urban Technologies in China",
    "Smart city Rwanda Master plan",
]


def soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def seed_course_library_and_events() -> None:
    """What `seed_demo` builds before the translations (which these pages do not need)."""
    report = seed_demo()
    seed_library(report)
    seed_events(report)


@pytest.fixture(scope="class")
def seeded_once(django_db_setup, django_db_blocker):
    """The seed, built once for the page tests of a class and rolled back after them.

    Seeding takes most of a minute; every page test only reads, and each runs in a savepoint
    inside this transaction (pytest-django's `db`), so none sees another's writes.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        seed_course_library_and_events()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, client):
    return client


def library_items(client) -> dict[str, BeautifulSoup]:
    """Every resource item of the library, over all its pages, by title."""
    items, url = {}, "/library/"
    while url:
        page = soup(client, url)
        for item in page.select(".resource-item"):
            items[text(item.select_one(".resource-item__title"))] = item
        following = page.select_one("a.pager__next")
        url = "/library/" + following["href"] if following else None
    return items


def test_seeding_twice_changes_nothing(client):
    call_command("seed_demo", stdout=StringIO())
    assert EventPage.objects.filter(slug="smart-city-expo-world-congress-barcelona").exists()
    pages, revisions = Page.objects.count(), Revision.objects.count()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "nothing to add" in out.getvalue()
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_a_type_without_resources_is_not_offered(client):
    library = make_library(make_course())
    make_resource(library, "only-a-toolkit", resource_type="toolkit")
    form = soup(client, "/library/").select_one("form.library-filters")
    assert [box["value"] for box in form.select("input[name=type]")] == ["toolkit"]


def past_items(client) -> dict[str, BeautifulSoup]:
    page = soup(client, "/events/")
    past = page.select_one("#past-heading").find_parent("section")
    return {
        text(item.select_one(".event-item__title")): item for item in past.select(".event-item")
    }


def test_an_upcoming_partner_event_sends_people_to_the_partners_registration(client):
    index = make_event_index(make_course())
    event = make_event(
        index,
        "partner-forum",
        host_name="EUROCITIES",
        host_url="https://eurocities.example/forum",
        host_registration_url="https://eurocities.example/forum/register",
        online_url="",
    )
    page = soup(client, event.url)
    registration = page.select_one("#registration")
    link = registration.select_one("a.button")
    assert text(link).startswith("Register on EUROCITIES's site")
    assert link["href"] == "https://eurocities.example/forum/register"
    assert "external" in link["rel"] and "(external site)" in text(link)
    assert registration.select("form") == [] and "seat" not in text(registration)
    assert "Sign in to register" not in text(registration)
    host = page.select_one(".event-host a")
    assert host["href"] == "https://eurocities.example/forum"

    # Even a hand-made POST cannot register here.
    client.force_login(make_learner())
    client.post(f"/events/{event.pk}/register/")
    assert not EventRegistration.objects.filter(event=event, status="registered").exists()


def test_a_resource_is_a_file_or_a_link_never_both_or_neither(db):
    library = make_library(make_course())
    both = make_resource(library, "both")
    both.external_url = "https://unhabitat.org/a-report"
    with pytest.raises(ValidationError) as error:
        both.full_clean()
    assert "not both" in str(error.value.message_dict["external_url"])
    neither = make_resource(library, "neither")
    neither.document = None
    with pytest.raises(ValidationError) as error:
        neither.full_clean()
    assert "Choose the file, or give the address" in str(error.value.message_dict["document"])
    link_only = make_resource(library, "link-only")
    link_only.document = None
    link_only.external_url = "https://www.unhabitat.org/a-report"
    link_only.full_clean()
    assert link_only.is_external and link_only.external_host == "unhabitat.org"
    file_only = make_resource(library, "file-only", document=make_document("A file"))
    file_only.full_clean()
    assert not file_only.is_external


def test_a_partner_event_takes_no_capacity_and_dates_are_given_in_pairs(db):
    index = make_event_index(make_course())
    event = make_event(index, "partner-day", host_name="UN-Habitat", online_url="")
    event.capacity = 20
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "capacity" in error.value.message_dict
    event.capacity = None
    event.end = None
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "Give both the start and the end." in error.value.message_dict["end"]
    own = make_event(index, "own-day")
    own.start = own.end = None
    with pytest.raises(ValidationError) as error:
        own.full_clean()
    assert "Only a partner's event may leave them empty." in str(error.value.message_dict)
    own.start = timezone.now() + timedelta(days=3)
    own.end = own.start + timedelta(hours=1)
    own.host_url = "https://example.org/"
    with pytest.raises(ValidationError) as error:
        own.full_clean()
    assert "host_name" in error.value.message_dict


class TestTheSeededSite:
    """Facts read on the pages of one seeded site (seeded once for the class)."""

    def test_the_eight_un_habitat_publications_open_on_the_publishers_site(self, seeded):
        assert [data["title"] for data in PUBLICATIONS] == UN_HABITAT_TITLES
        items = library_items(seeded)
        for data in PUBLICATIONS:
            item = items[data["title"]]
            assert "UN-Habitat" in text(item.select_one(".resource-item__facts"))
            link = item.select_one("a.resource-download")
            assert link["href"] == data["url"]
            host = urlsplit(link["href"]).hostname
            assert host == "unhabitat.org" or host.endswith(".unhabitat.org")
            assert f"on {host}" in text(item)
            assert "external" in link["rel"] and "external-link" in link["class"]
            assert not link.has_attr("download")
            # Said to screen readers too, not only drawn as an arrow.
            assert "(external site)" in text(link.select_one(".visually-hidden"))
            assert text(link).startswith(f"Read it on {host}")
        types = {
            data["title"]: text(items[data["title"]].select_one(".resource-type"))
            for data in PUBLICATIONS
        }
        assert types["People-Centered Smart Cities"] == "Brochure"
        assert types["Future Cities Advisory Outlook 2020: Urban Technologies in China"] == (
            "Technical report"
        )
        assert types["Smart city Rwanda Master plan"] == "Policy or strategy"
        assert [types[t] for t in UN_HABITAT_TITLES].count("Technical report") == 3
        assert [types[t] for t in UN_HABITAT_TITLES].count("Toolkit or guide") == 2

    def test_an_external_resource_page_says_where_it_is_read(self, seeded):
        resource = ResourcePage.objects.get(slug="un-habitat-smart-city-rwanda-master-plan")
        page = soup(seeded, resource.url)
        assert text(page.select_one("h1")) == "Smart city Rwanda Master plan"
        assert "Published by UN-Habitat · on unhabitat.org" in text(page.select_one(".meta"))
        facts = {text(div.dt): text(div.dd) for div in page.select(".resource-meta > div")}
        assert facts["Publisher"] == "UN-Habitat" and facts["Type"] == "Policy or strategy"
        assert facts["Where"] == "On unhabitat.org, the publisher's site"
        assert "File" not in facts and "Year" not in facts  # neither is known
        link = page.select_one(".resource-main a.resource-download")
        assert link["href"] == "https://unhabitat.org/programme/people-centred-smart-cities"
        assert "external" in link["rel"]
        assert len(resource.summary) > 80

    def test_every_filter_option_of_the_library_returns_resources(self, seeded):
        form = soup(seeded, "/library/").select_one("form.library-filters")
        options = [(box["name"], box["value"]) for box in form.select("input[type=checkbox]")]
        offered_types = {value for name, value in options if name == "type"}
        assert offered_types == set(ResourcePage.objects.values_list("resource_type", flat=True))
        assert "technical-report" in offered_types
        for name, value in options:
            count = text(soup(seeded, f"/library/?{name}={value}").select_one(".library-count"))
            assert "match your filters" in count and not count.startswith("0 "), (name, value)

    def test_events_lists_the_conference_and_partner_events_under_past_events(self, seeded):
        past = past_items(seeded)
        workshop = past["Online workshop of the conference Beyond Smart Cities Today"]
        debate = past[
            "Panel debate: societal challenges in smart cities, towards a more ethical smart city"
        ]
        for session in (workshop, debate):
            assert CONFERENCE in text(session.select_one(".event-item__conference"))
            when = text(session.select_one(".event-item__when"))
            assert "15 June 2022" in when and "17 June 2022" in when and "(Europe/Brussels)" in when
        facts = [text(li) for li in debate.select(".event-item__facts li")]
        assert "Code: 10WS460" in facts
        assert "Theme: A Europe Closer to Citizen" in facts
        assert "Venue: Committee of the Regions (CoR), JDE building, room JDE 51" in facts

        webinar = past["Sharing Cities webinar: the Digital Social Market in Lisbon"]
        assert "Thursday 17 January 2019, 15:00–16:00 (Europe/Brussels)" in text(
            webinar.select_one(".event-item__when")
        )
        assert "Hosted by Sharing Cities" in text(webinar)
        expo = past["Smart City Expo World Congress, Barcelona"]
        assert "Venue: Barcelona" in text(expo) and "Hosted by UN-Habitat" in text(expo)
        # The document gives no dates for the congress, so none are made up.
        assert expo.select_one("time") is None
        assert "Dates not given here: see UN-Habitat's site" in text(expo)

        # Upcoming: only the course's own follow-up sessions.
        page = soup(seeded, "/events/")
        upcoming = page.select_one("#upcoming-heading").find_parent("section")
        titles = [text(t) for t in upcoming.select(".event-item__title")]
        assert titles == [
            "Online workshop: research meets the municipal desk",
            "Panel debate: towards a more ethical smart city",
        ]

    def test_the_panel_page_carries_the_documents_facts_and_no_registration(self, seeded):
        event = EventPage.objects.get(slug="beyond-smart-cities-2022-panel-debate")
        page = soup(seeded, event.url)
        facts = {text(div.dt): text(div.dd) for div in page.select(".event-facts > div")}
        assert facts["Conference"] == CONFERENCE
        assert facts["Code"] == "10WS460" and facts["Theme"] == "A Europe Closer to Citizen"
        assert facts["Where"].startswith(
            "Committee of the Regions (CoR), JDE building, room JDE 51"
        )
        assert "Rue Belliard 101" in facts["Where"]
        assert facts["Partners"] == (
            "Brussels Capital Region, City of Tallinn, Espoo, European Commission – DG CNECT, "
            "Lille Metropole, Open and Agile Smart Cities"
        )
        registration = page.select_one("#registration")
        assert text(registration.h2) == "This event has taken place"
        assert registration.select("form") == [] and "Add to my calendar" not in text(page)

    def test_past_and_partner_event_pages_offer_no_registration_or_calendar(self, seeded):
        for slug in (
            "beyond-smart-cities-2022-online-workshop",
            "sharing-cities-webinar-digital-social-market-lisbon",
            "smart-city-expo-world-congress-barcelona",
            "webinar-participation-beyond-the-app",
        ):
            page = soup(seeded, EventPage.objects.get(slug=slug).url)
            registration = page.select_one("#registration")
            assert registration.select("form") == [], slug
            assert "Sign in to register" not in text(registration)
            assert "Add to my calendar" not in text(page)
            assert "seat" not in text(registration)

    def test_the_course_s_own_upcoming_sessions_say_they_are_follow_ups(self, seeded):
        for slug in (
            "online-workshop-research-meets-the-municipal-desk",
            "panel-debate-towards-a-more-ethical-smart-city",
        ):
            page = soup(seeded, EventPage.objects.get(slug=slug).url)
            assert "The course's own follow-up" in text(page.select_one(".lede"))
            assert CONFERENCE in text(page.select_one(".event-description"))
            assert page.select_one("#registration a.button")  # newcomers can still register
            assert "Add to my calendar" in text(page)
