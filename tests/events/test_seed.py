"""The demo events: the workshop and the panel debate ahead of when the seed runs, one past
webinar with its recording, and the programme's real past events (tests/test_seed_facts.py);
idempotent and create-only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import EventIndexPage, EventPage
from events.seed import FACTS, seed_events
from modules.seed import SeedReport, seed_demo

pytestmark = pytest.mark.django_db


def test_seed_events_after_the_course(client):
    seed_demo()
    report = SeedReport()
    seed_events(report)
    assert "events index" in report.created
    now = timezone.now()
    workshop = EventPage.objects.get(slug="online-workshop-research-meets-the-municipal-desk")
    debate = EventPage.objects.get(slug="panel-debate-towards-a-more-ethical-smart-city")
    webinar = EventPage.objects.get(slug="webinar-participation-beyond-the-app")
    assert workshop.event_format == "online" and workshop.start > now + timedelta(days=14)
    assert debate.start > workshop.start and debate.venue and debate.partners.count() == 6
    assert webinar.end < now and webinar.recording and webinar.transcript
    assert webinar.recording_captions.startswith("WEBVTT")
    assert {e.slug for e in workshop.speakers.all()} == {"ingrid-halvorsen", "sofia-lindqvist"}
    assert workshop.themes.filter(slug="governance-and-participation").exists()
    assert workshop.related_modules.filter(slug="governance-and-participation").exists()
    assert all(e.live for e in (workshop, debate, webinar))
    assert EventIndexPage.objects.get().url == "/events/"

    html = client.get("/events/").content.decode()
    upcoming, past = html.split('id="past-heading"')
    assert workshop.title in upcoming and debate.title in upcoming
    assert webinar.title in past
    assert client.get(webinar.url).status_code == 200

    again = SeedReport()
    seed_events(again)
    assert again.created == []
    assert EventPage.objects.count() == 3 + len(FACTS)


def test_seed_events_without_a_course_does_nothing():
    report = SeedReport()
    seed_events(report)
    assert report.created == [] and not EventPage.objects.exists()
