"""Editors create and change events in the Wagtail admin: validation with clear messages, times
read in the event's own timezone, and publishing that tells registered people."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from events.models import EventPage, EventState
from events.services import event_register
from tests.factories import ExpertFactory, ThemeFactory, make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chief@example.org", "pw")
    client.force_login(user)
    return client


def event_form(**overrides):
    data = {
        "title": "Workshop on open data",
        "slug": "workshop-on-open-data",
        "kind": "workshop",
        "summary": "Bring a dataset.",
        "description": rich_text("<p>We look at open data together.</p>"),
        "start": "2031-05-06 13:00",
        "end": "2031-05-06 16:00",
        "timezone": "Europe/Oslo",
        "event_format": "online",
        "venue": "",
        "address": "",
        "online_url": "https://meet.example.org/open-data",
        "capacity": "20",
        "partners": inline_formset([{"name": "City of Bergen", "url": ""}]),
        "recording": "",
        "recording_captions": "",
        "transcript": "",
        "recap": rich_text(""),
        "action-publish": "action-publish",
    }
    choices = {name: overrides.pop(name, []) for name in ("speakers", "themes", "related_modules")}
    data.update(overrides)
    form = nested_form_data(data)
    form.update(choices)  # several values for one name: the test client sends each
    return form


def add_event(client, index, **overrides):
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", index.pk))
    return client.post(url, event_form(**overrides))


def test_an_editor_publishes_an_event_with_times_read_in_its_timezone(admin_client, index):
    expert, theme = ExpertFactory(), ThemeFactory()
    response = add_event(admin_client, index, speakers=[expert.pk], themes=[theme.pk])
    assert response.status_code == 302
    event = EventPage.objects.get(slug="workshop-on-open-data", locale__language_code="en")
    assert event.live
    assert event.start == datetime(2031, 5, 6, 13, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    assert event.start.astimezone(ZoneInfo("UTC")).hour == 11
    assert list(event.speakers.all()) == [expert]
    assert list(event.themes.all()) == [theme]
    assert event.partners.get().name == "City of Bergen"
    assert EventState.objects.get(event=event).sequence == 0

    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    assert 'value="2031-05-06 13:00"' in edit.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end": "2031-05-06 12:00"}, "The event has to end after it starts."),
        ({"online_url": ""}, "An online or hybrid event needs a joining link."),
        ({"event_format": "in-person", "online_url": ""}, "An event in person or hybrid needs"),
        ({"timezone": "Mars/Olympus"}, "is not a timezone name"),
    ],
)
def test_invalid_events_are_refused_with_a_clear_message(admin_client, index, overrides, message):
    response = add_event(admin_client, index, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventPage.objects.exists()


def test_moving_an_event_in_the_admin_emails_the_registered_once(
    admin_client, index, mailoutbox, django_capture_on_commit_callbacks
):
    add_event(admin_client, index)
    event = EventPage.objects.get(locale__language_code="en")
    event_register(event=event, user=make_learner())
    edit_url = reverse("wagtailadmin_pages:edit", args=(event.pk,))
    for _ in range(2):  # the same new time published twice
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                edit_url, event_form(start="2031-05-06 14:00", end="2031-05-06 17:00")
            )
        assert response.status_code == 302
    assert [m.subject for m in mailoutbox] == ["Changed: Workshop on open data"]
    assert EventState.objects.get(event=event).sequence == 1
    assert "14:00" in mailoutbox[0].body


def test_saving_a_draft_tells_nobody(
    admin_client, index, mailoutbox, django_capture_on_commit_callbacks
):
    add_event(admin_client, index)
    event = EventPage.objects.get(locale__language_code="en")
    event_register(event=event, user=make_learner())
    data = event_form(start="2031-05-07 14:00", end="2031-05-07 17:00")
    del data["action-publish"]
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("wagtailadmin_pages:edit", args=(event.pk,)), data)
    assert mailoutbox == []
    assert EventState.objects.get(event=event).sequence == 0
