"""The events index and event pages: upcoming and past apart, times in two timezones, past
events with their recordings, module listings, and a fixed number of queries at two sizes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import EventIndexPage, EventPage
from events.queries import module_events
from events.services import event_register
from modules.models import CoursePage
from tests.events.factories import make_event
from tests.factories import ExpertFactory, ThemeFactory, make_learner, make_media, make_module
from tests.support import page_queries

pytestmark = pytest.mark.django_db

VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nWelcome to the recording.\n"


def test_tree_events_index_under_the_course_and_events_under_it():
    assert EventIndexPage.allowed_parent_page_models() == [CoursePage]
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert EventIndexPage in CoursePage.allowed_subpage_models()


def test_upcoming_and_past_events_are_listed_apart(client, index):
    now = timezone.now()
    soon = make_event(index, "soon", start=now + timedelta(days=2))
    later = make_event(index, "later", start=now + timedelta(days=9))
    past = make_event(index, "earlier", start=now - timedelta(days=9))
    recent = make_event(index, "recent", start=now - timedelta(days=2))
    html = client.get("/events/").content.decode()
    upcoming_part, past_part = html.split('id="past-heading"')
    assert upcoming_part.index(soon.title) < upcoming_part.index(later.title)
    assert past.title not in upcoming_part and recent.title not in upcoming_part
    assert past_part.index(recent.title) < past_part.index(past.title)
    assert list(EventPage.objects.live().public().upcoming(now)) == [soon, later]
    assert list(EventPage.objects.live().public().past(now)) == [recent, past]


def test_times_in_the_events_zone_and_the_learners(client, index):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    start = datetime(2031, 3, 4, 13, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    event = make_event(index, "zones", start=start)
    html = client.get(event.url).content.decode()
    assert "Tuesday 4 March 2031, 13:00–15:00" in html and "(Europe/Oslo)" in html
    assert "Your time" not in html
    client.force_login(make_learner(timezone="America/New_York"))
    html = client.get(event.url).content.decode()
    assert "Your time: Tue 4 Mar, 07:00–09:00 (America/New_York)" in html
    client.force_login(make_learner("osloite@example.org", timezone="Europe/Oslo"))
    assert "Your time" not in client.get(event.url).content.decode()


def test_a_past_event_shows_its_recording_captions_transcript_and_summary(client, index):
    event = make_event(
        index,
        "recorded",
        start=timezone.now() - timedelta(days=3),
        recording=make_media("video", title="The recording"),
        recording_captions=VTT,
        transcript="First paragraph said.\n\nSecond paragraph said.",
        recap="<p>They agreed on three things.</p>",
    )
    html = client.get(event.url).content.decode()
    assert "<video" in html and f'src="/events/{event.pk}/captions.vtt"' in html
    assert "Second paragraph said." in html
    assert "They agreed on three things." in html
    assert "This event has taken place" in html
    assert ">Register</button>" not in html
    captions = client.get(f"/events/{event.pk}/captions.vtt")
    assert captions["Content-Type"].startswith("text/vtt")
    assert captions.content.decode() == VTT


def test_module_events_splits_upcoming_and_past_in_one_query(
    index, course, django_assert_num_queries
):
    module = make_module(course, 1)
    other = make_module(course, 2)
    now = timezone.now()
    coming = make_event(index, "coming", start=now + timedelta(days=3), modules=[module])
    gone = make_event(
        index,
        "gone",
        start=now - timedelta(days=3),
        modules=[module],
        recording=make_media("video"),
    )
    make_event(index, "elsewhere", modules=[other])
    with django_assert_num_queries(2):  # view restrictions, then the events
        result = module_events(module)
    assert result.upcoming == [coming] and result.past == [gone]

    from django.template.loader import render_to_string

    html = render_to_string("events/includes/module_events.html", {"module_events": result})
    assert "coming" in html.lower() and "Recording available" in html
    assert not render_to_string(
        "events/includes/module_events.html",
        {"module_events": module_events(make_module(course, 3))},
    ).strip()


def fill(index, course, n, *, offset=0):
    """n upcoming and n past events, each with speakers, themes, partners, modules and seats."""
    now = timezone.now()
    module = make_module(course, 100 + offset)
    made = []
    for i in range(n):
        speakers = [ExpertFactory(), ExpertFactory()]
        themes = [ThemeFactory(), ThemeFactory()]
        upcoming = make_event(
            index,
            f"up-{offset}-{i}",
            start=now + timedelta(days=5 + i),
            capacity=3,
            speakers=speakers,
            themes=themes,
            modules=[module],
            partners=["A partner", "Another partner"],
        )
        make_event(
            index,
            f"past-{offset}-{i}",
            start=now - timedelta(days=5 + i),
            speakers=speakers,
            recording=make_media("audio"),
            transcript="Words.\n\nMore words.",
        )
        for k in range(3):
            event_register(event=upcoming, user=make_learner(f"r{offset}-{i}-{k}@example.org"))
        made.append(upcoming)
    return made


@pytest.mark.parametrize("signed_in", [False, True])
def test_event_pages_make_a_fixed_number_of_queries_whatever_the_content(
    client, course, index, signed_in
):
    learner = make_learner("me@example.org", timezone="Asia/Tokyo")
    [first] = fill(index, course, 1)
    event_register(event=first, user=learner)  # full: on the waiting list
    if signed_in:
        client.force_login(learner)
    urls = ["/events/", first.url, f"/events/{first.pk}/calendar.ics", "/events/calendar.ics"]
    small = {url: page_queries(client, url) for url in urls}

    fill(index, course, 12, offset=1)  # more than a page of past events
    for extra in ExpertFactory.create_batch(4):
        first.speakers.add(extra)
    large = {url: page_queries(client, url) for url in urls}

    assert large == small
    # Wagtail's routing takes 8 to 9 of these (one finds the reader's language tree), a
    # signed-in visitor's session 5 or 6 more.
    assert small["/events/"] <= (20 if signed_in else 15)
    assert small[first.url] <= (21 if signed_in else 15)
    # A signed-in visitor's English address asks their profile's language (config/languages.py).
    assert small["/events/calendar.ics"] <= (4 if signed_in else 3)
