"""Event emails a web request decided on but could not enqueue (the broker was down): the
sweep finds them in the database, and sends each once, to the right people."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.notifications import missed_event_emails
from events.services import event_register, event_registration_cancel
from events.tasks import event_emails_enqueue_missed, event_reminder_sweep
from tests.events.factories import publish_change
from tests.factories import make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(event):
    """Two with seats (capacity 2) and one waiting. Nothing enqueued after commit runs in
    these tests unless a test says so: as if the broker had been down."""
    users = [make_learner(f"{name}@example.org") for name in ("seat1", "seat2", "waiting")]
    for user in users:
        event_register(event=event, user=user)
    return users


def missed(now=None):
    return sorted(
        (email.kind, email.user_id) for email in missed_event_emails(now or timezone.now())
    )


def test_a_seat_freed_while_the_broker_was_down_is_emailed_by_the_sweep_once(
    event, people, mailoutbox
):
    seat1, _, waiting = people
    assert missed() == []
    event_registration_cancel(event=event, user=seat1)  # its on-commit enqueue never ran
    assert missed() == [("seat", waiting.pk)]
    assert missed(event.start + timedelta(minutes=1)) == []  # too late to matter
    assert event_emails_enqueue_missed() == 1  # Celery is eager in tests: sent now
    assert event_reminder_sweep() == 0
    assert [m.to for m in mailoutbox] == [[waiting.email]]
    assert "You have a seat" in mailoutbox[0].subject


def test_a_move_goes_to_those_who_had_a_seat_then_not_to_later_ones(event, people, mailoutbox):
    seat1, seat2, _ = people
    publish_change(
        event, start=event.start + timedelta(hours=2), end=event.end + timedelta(hours=2)
    )
    later = make_learner("later@example.org")
    event_registration_cancel(event=event, user=seat2)  # the waiting one moves up: a seat email
    event_register(event=event, user=later)  # waiting list
    assert missed() == sorted([("update", seat1.pk), ("seat", people[2].pk)])
    assert event_emails_enqueue_missed() == 2
    assert sorted((m.to[0], m.subject.split(":")[0]) for m in mailoutbox) == [
        ("seat1@example.org", "Changed"),
        ("waiting@example.org", "You have a seat"),
    ]
    assert missed() == []


def test_a_cancellation_goes_to_everyone_with_a_seat_or_waiting(event, people, mailoutbox):
    publish_change(event, cancelled=True)
    assert missed() == sorted(("cancelled", user.pk) for user in people)
    assert event_emails_enqueue_missed() == 3
    assert {m.subject.split(":")[0] for m in mailoutbox} == {"Cancelled"}
    assert event_emails_enqueue_missed() == 0


def test_emails_sent_as_usual_are_not_found_again(
    event, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_change(
            event, start=event.start + timedelta(hours=2), end=event.end + timedelta(hours=2)
        )
    with django_capture_on_commit_callbacks(execute=True):
        event_registration_cancel(event=event, user=people[0])
    assert len(mailoutbox) == 3  # two updates, one seat
    assert missed() == []
