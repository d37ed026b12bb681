"""A learner in a real browser registers for the workshop and downloads its calendar file."""

from pathlib import Path

import pytest
from icalendar import Calendar

from events.models import EventPage, EventRegistration
from events.seed import seed_events
from modules.seed import SeedReport, seed_demo
from tests.factories import make_learner

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long and private passphrase"


@pytest.fixture
def demo_events(live_server):
    seed_demo()
    seed_events(SeedReport())
    return live_server.url


def test_learner_registers_for_the_workshop_and_downloads_its_calendar(browser_page, demo_events):
    page = browser_page
    learner = make_learner("official@example.org", PASSWORD, timezone="America/Toronto")
    workshop = EventPage.objects.get(slug="online-workshop-research-meets-the-municipal-desk")

    page.goto(demo_events + "/events/")
    page.get_by_role("link", name=workshop.title).click()
    page.get_by_role("link", name="Sign in to register").click()
    page.fill("input[name=login]", learner.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**{workshop.url}")
    assert page.get_by_text("Your time:").is_visible()
    assert page.locator("a.event-join").count() == 0

    page.get_by_role("button", name="Register").click()
    page.wait_for_url(f"**{workshop.url}#registration")
    assert page.get_by_text("You are registered. See you there!").is_visible()
    assert page.locator("a.event-join").get_attribute("href") == workshop.online_url
    assert EventRegistration.objects.get(user=learner).status == "registered"

    with page.expect_download() as info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    download = info.value
    assert download.suggested_filename == f"{workshop.slug}.ics"
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{workshop.pk}@127.0.0.1"
    assert vevent["DTSTART"].dt == workshop.start
    assert workshop.online_url in str(vevent["DESCRIPTION"]).replace("\r\n ", "")
