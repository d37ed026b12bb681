"""Event emails, each exactly once: the update when an editor moves an event, the cancellation,
the reminder 24 hours before, all through the claim-before-send records of the reminders."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from icalendar import Calendar

from courses.models import ReminderSend, ReminderStatus
from events.notifications import due_event_reminders, event_email_send, reminder_period
from events.services import event_register
from events.tasks import event_reminder_sweep, event_reminders_enqueue_due
from tests.events.factories import make_event, publish_change
from tests.factories import make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(event):
    """Two with seats (capacity 2) and one waiting."""
    users = [
        make_learner("seat1@example.org", timezone="America/New_York"),
        make_learner("seat2@example.org"),
        make_learner("waiting@example.org"),
    ]
    for user in users:
        event_register(event=event, user=user)
    return users


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a change and run what it enqueued after commit (Celery runs eagerly in tests)."""

    def run(event, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return publish_change(event, **changes)

    return run


def attachment(message):
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".ics")
    return Calendar.from_ical(content), mimetype


def test_moving_an_event_emails_each_registered_person_once_with_the_new_file(
    event, people, mailoutbox, publish
):
    moved = publish(
        event, start=event.start + timedelta(hours=2), end=event.end + timedelta(hours=2)
    )
    publish(moved)  # published again with the same time and place
    publish(moved, summary="A clearer summary.")  # not time or place
    assert sorted(m.to[0] for m in mailoutbox) == ["seat1@example.org", "seat2@example.org"]
    message = mailoutbox[0]
    assert message.subject == f"Changed: {event.title}"
    calendar, mimetype = attachment(message)
    assert mimetype == "text/calendar; charset=utf-8; method=REQUEST"
    assert str(calendar["METHOD"]) == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    assert int(vevent["SEQUENCE"]) == 1
    assert vevent["DTSTART"].dt == moved.start
    assert str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert "mailto:" in str(vevent["ORGANIZER"])
    html = message.alternatives[0][0]
    assert "The event has changed" in html and 'role="article"' in html
    assert ReminderSend.objects.filter(kind="event-update", status="sent").count() == 2


def test_the_update_shows_the_learners_own_time_beside_the_events(
    event, people, mailoutbox, publish
):
    publish(event, start=event.start + timedelta(hours=1))
    message = next(m for m in mailoutbox if m.to == ["seat1@example.org"])
    assert "Your time" in message.body and "America/New_York" in message.body
    assert "(Europe/Oslo)" in message.body


def test_retrying_an_update_sends_nothing_more(event, people, mailoutbox, publish):
    publish(event, start=event.start + timedelta(days=1), end=event.end + timedelta(days=1))
    registration = people[0].event_registrations.get()
    period = ReminderSend.objects.filter(user=people[0]).get().period
    assert event_email_send(registration_id=registration.pk, kind="update", period=period) == (
        "already"
    )
    assert len(mailoutbox) == 2


def test_an_older_update_still_queued_is_skipped_for_the_newer_one(event, people, mailoutbox):
    publish_change(event, start=event.start + timedelta(hours=1))  # enqueued nothing here
    publish_change(
        event, start=event.start + timedelta(hours=3), end=event.end + timedelta(hours=3)
    )
    registration = people[0].event_registrations.get()
    stale = f"event-{event.pk}:seq-1"
    fresh = f"event-{event.pk}:seq-2"
    assert event_email_send(registration_id=registration.pk, kind="update", period=stale) == (
        "skipped"
    )
    assert event_email_send(registration_id=registration.pk, kind="update", period=fresh) == "sent"
    assert len(mailoutbox) == 1


def test_cancelling_emails_everyone_registered_or_waiting_once(event, people, mailoutbox, publish):
    cancelled = publish(event, cancelled=True)
    publish(cancelled)
    publish(cancelled, summary="Sadly cancelled.")
    assert sorted(m.to[0] for m in mailoutbox) == [
        "seat1@example.org",
        "seat2@example.org",
        "waiting@example.org",
    ]
    message = mailoutbox[0]
    assert message.subject == f"Cancelled: {event.title}"
    calendar, mimetype = attachment(message)
    assert str(calendar["METHOD"]) == "CANCEL" and mimetype.endswith("method=CANCEL")
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert "secret-room" not in message.body


def test_a_cancelled_event_shows_it_and_takes_no_registrations(client, event, people, publish):
    publish(event, cancelled=True)
    client.force_login(make_learner("late@example.org"))
    html = client.get(event.url).content.decode()
    assert "This event has been cancelled." in html
    assert ">Register</button>" not in html
    response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert "This event has been cancelled." in response.content.decode()


def test_the_24_hour_reminder_goes_once_to_those_with_a_seat(
    event, people, mailoutbox, django_capture_on_commit_callbacks
):
    too_early = event.start - timedelta(hours=25)
    assert list(due_event_reminders(too_early)) == []
    now = event.start - timedelta(hours=23)
    # The enqueued tasks run after their transaction commits (Celery is eager in tests).
    with django_capture_on_commit_callbacks(execute=True):
        assert event_reminders_enqueue_due(now) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert event_reminders_enqueue_due(now) == 0  # a second sweep finds them claimed
    assert sorted(m.to[0] for m in mailoutbox) == ["seat1@example.org", "seat2@example.org"]
    assert mailoutbox[0].subject == f"Tomorrow or sooner: {event.title}"
    registration = people[0].event_registrations.get()
    period = reminder_period(event.pk, event.start)
    assert event_email_send(registration_id=registration.pk, kind="reminder", period=period) == (
        "already"
    )
    assert len(mailoutbox) == 2


def test_the_sweep_task_and_the_command_share_the_claims(event, people, mailoutbox, capsys):
    import time_machine

    with time_machine.travel(event.start - timedelta(hours=20), tick=False):
        call_command("send_reminders")
        assert "Event reminders: 2 sent." in capsys.readouterr().out
        assert event_reminder_sweep() == 0
        call_command("send_reminders")
        assert "Event reminders: none due." in capsys.readouterr().out
    assert len(mailoutbox) == 2


def test_a_moved_event_gets_a_new_24_hour_reminder(event, people, mailoutbox, publish):
    now = event.start - timedelta(hours=23)
    for batch in due_event_reminders(now):
        for due in batch:
            event_email_send(
                registration_id=due.registration_id, kind="reminder", period=due.period, now=now
            )
    assert len(mailoutbox) == 2
    later = publish(event, start=event.start + timedelta(days=2), end=event.end + timedelta(days=2))
    mailoutbox.clear()  # the two update emails
    now = later.start - timedelta(hours=23)
    sent = [
        event_email_send(
            registration_id=due.registration_id, kind="reminder", period=due.period, now=now
        )
        for batch in due_event_reminders(now)
        for due in batch
    ]
    assert sent == ["sent", "sent"]
    assert ReminderSend.objects.filter(kind="event-reminder").count() == 4


def test_no_reminder_for_a_cancelled_seat_or_event(event, people, mailoutbox, publish):
    now = event.start - timedelta(hours=23)
    due = [d for batch in due_event_reminders(now) for d in batch]
    publish(event, cancelled=True)
    mailoutbox.clear()
    outcomes = [
        event_email_send(
            registration_id=d.registration_id, kind="reminder", period=d.period, now=now
        )
        for d in due
    ]
    assert outcomes == ["skipped", "skipped"]
    assert mailoutbox == []
    assert set(
        ReminderSend.objects.filter(kind="event-reminder").values_list("status", flat=True)
    ) == {ReminderStatus.SKIPPED}
    assert list(due_event_reminders(now)) == []


def test_a_past_event_gets_no_reminder(index, mailoutbox):
    from django.utils import timezone

    past = make_event(index, "gone", start=timezone.now() - timedelta(days=1))
    assert past.pk
    assert list(due_event_reminders(timezone.now())) == []
