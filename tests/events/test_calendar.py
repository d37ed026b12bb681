"""Calendar files parsed back with icalendar: the required properties, a stable UID, a
SEQUENCE that grows when an editor moves the event, folding, and the feed of upcoming events."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.services import event_register
from tests.events.factories import make_event, publish_change
from tests.factories import make_learner

pytestmark = pytest.mark.django_db


def download(client, event):
    response = client.get(f"/events/{event.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f"{event.slug}.ics" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def only_event(raw: bytes):
    calendar = Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    [vevent] = calendar.walk("VEVENT")
    return calendar, vevent


def test_download_has_every_required_property_in_utc(client, event):
    calendar, vevent = only_event(download(client, event))
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert vevent["DTSTAMP"].dt.tzinfo is not None
    assert vevent["DTSTART"].dt == event.start
    assert vevent["DTSTART"].dt.utcoffset() == timedelta(0)
    assert vevent["DTEND"].dt == event.end
    assert str(vevent["SUMMARY"]) == event.title
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert int(vevent["SEQUENCE"]) == 0
    assert str(vevent["URL"]).endswith(event.url)
    assert "What workshop is about." in str(vevent["DESCRIPTION"])


def test_raw_file_is_rfc5545_text(client, event):
    raw = download(client, event)
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    start = event.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ").encode()
    assert b"DTSTART:" + start in lines


def test_long_descriptions_are_folded_and_come_back_whole(client, index):
    summary = "A long summary about mobility, data and fairness in the city. " * 12
    event = make_event(index, "long-one", summary=summary.strip())
    raw = download(client, event)
    assert b"\r\n " in raw  # continuation lines
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    _, vevent = only_event(raw)
    assert summary.strip() in str(vevent["DESCRIPTION"])


def test_uid_stays_and_sequence_grows_when_time_or_place_changes(client, event):
    _, first = only_event(download(client, event))
    moved = publish_change(event, start=event.start + timedelta(hours=1))
    _, second = only_event(download(client, moved))
    assert str(second["UID"]) == str(first["UID"])
    assert int(second["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    assert second["DTSTART"].dt == moved.start

    publish_change(moved, summary="New words only.")  # not time or place: no new sequence
    _, third = only_event(download(client, moved))
    assert int(third["SEQUENCE"]) == int(second["SEQUENCE"])

    relocated = publish_change(moved, online_url="https://meet.example.org/another-room")
    _, fourth = only_event(download(client, relocated))
    assert int(fourth["SEQUENCE"]) == int(third["SEQUENCE"]) + 1


def test_in_person_location_and_joining_link_only_for_registered(client, index):
    event = make_event(index, "hybrid-one", event_format="hybrid")
    _, anonymous = only_event(download(client, event))
    assert "City Hall, Room 3" in str(anonymous["LOCATION"])
    assert "secret-room" not in download(client, event).decode()
    learner = make_learner()
    event_register(event=event, user=learner)
    client.force_login(learner)
    assert "https://meet.example.org/secret-room" in only_event(download(client, event))[1][
        "DESCRIPTION"
    ].replace("\r\n ", "")


def test_a_cancelled_event_is_cancelled_in_its_file(client, event):
    cancelled = publish_change(event, cancelled=True)
    _, vevent = only_event(download(client, cancelled))
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) == 1


def test_the_feed_holds_every_upcoming_event_in_one_calendar(client, index, event):
    later = make_event(index, "later", start=event.start + timedelta(days=7))
    past = make_event(index, "past", start=timezone.now() - timedelta(days=3))
    draft = make_event(index, "draft", start=event.start + timedelta(days=1))
    draft.unpublish()
    response = client.get("/events/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert len(calendar.walk("VCALENDAR")) == 1
    uids = [str(v["UID"]) for v in calendar.walk("VEVENT")]
    assert uids == [f"event-{event.pk}@127.0.0.1", f"event-{later.pk}@127.0.0.1"]
    assert f"event-{past.pk}@" not in response.content.decode()


def test_a_draft_event_has_no_calendar_file(client, event):
    event.unpublish()
    assert client.get(f"/events/{event.pk}/calendar.ics").status_code == 404
