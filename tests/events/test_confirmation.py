"""Registering for an event: a confirmation email with the calendar file, once, in the learner's
language, through the outbox; and a cancelled event's page no longer says "You are registered"."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from events.models import EventRegistration
from events.services import event_register
from mailing.messages import message_from_outbox_email
from mailing.models import OutboxEmail
from tests.events.factories import make_event, publish_change
from tests.factories import make_learner, translate_page

pytestmark = pytest.mark.django_db


def register(client, event):
    return client.post(reverse("event_register", args=[event.pk]))


def calendar_of(message):
    [(name, content, mimetype)] = message.attachments
    assert name == f"{message_event_slug(message)}.ics"
    assert mimetype == "text/calendar; charset=utf-8; method=REQUEST"
    return Calendar.from_ical(content)


def message_event_slug(message):
    return message.attachments[0][0].removesuffix(".ics")


def test_registering_sends_one_confirmation_with_the_calendar_file(client, event, mailoutbox):
    learner = make_learner("kaisa@example.org")
    client.force_login(learner)

    assert register(client, event).status_code == 302
    assert register(client, event).status_code == 302  # a second click: already registered

    [message] = mailoutbox
    assert message.to == ["kaisa@example.org"]
    assert message.subject == f"You are registered: {event.title}"
    assert "Your seat is booked" in message.body
    assert "you registered for this event" in message.body
    [vevent] = calendar_of(message).walk("VEVENT")
    assert vevent["DTSTART"].dt == event.start
    assert str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert "secret-room" in str(vevent["LOCATION"]) + str(vevent.get("DESCRIPTION", ""))


def test_a_place_on_the_waiting_list_sends_no_confirmation(client, event, mailoutbox):
    for n in range(2):  # the event's two seats
        event_register(event=event, user=make_learner(f"seat{n}@example.org"))
    client.force_login(make_learner("waiting@example.org"))
    register(client, event)
    assert EventRegistration.objects.get(user__email="waiting@example.org").is_waitlisted
    assert mailoutbox == []


def test_the_confirmation_is_in_the_learners_language(client, course, event, mailoutbox):
    translate_page(course, "fi", title="Älykkäät kaupungit")
    translate_page(event, "fi", title="Avoimen datan työpaja")
    learner = make_learner("aino@example.org", language="fi")
    client.force_login(learner)
    register(client, event)
    [message] = mailoutbox
    assert message.extra_headers["Content-Language"] == "fi"
    assert "Avoimen datan työpaja" in message.subject
    assert "/fi/" in message.body  # the link to the Finnish event page


def test_the_confirmation_goes_through_the_outbox_in_the_registrations_transaction(
    client, event, settings
):
    settings.EMAIL_BACKEND = "mailing.backends.OutboxEmailBackend"
    client.force_login(make_learner("kaisa@example.org"))
    register(client, event)
    register(client, event)
    [row] = OutboxEmail.objects.all()
    message = message_from_outbox_email(row)
    assert message.to == ["kaisa@example.org"]
    assert message.attachments[0][0].endswith(".ics")
    assert mail.outbox == []  # queued, not sent from the request


def test_a_cancelled_events_page_does_not_say_you_are_registered(client, index):
    event = make_event(index, "talk", capacity=5)
    learner = make_learner("kaisa@example.org")
    event_register(event=event, user=learner)
    client.force_login(learner)
    assert "You are registered." in client.get(event.url).content.decode()

    publish_change(event, cancelled=True)

    page = client.get(event.url).content.decode()
    assert "You are registered" not in page
    assert "You were registered, but the event has been cancelled." in page
    listing = client.get(index.url).content.decode()
    assert "Cancelled" in listing and "You are registered" not in listing
