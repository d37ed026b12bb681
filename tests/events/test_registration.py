"""Registering, cancelling and the waiting list: the services and the buttons."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import ReminderSend
from events.models import EventRegistration, RegistrationStatus
from events.services import event_register, event_registration_cancel
from tests.events.factories import make_event, publish_change
from tests.factories import make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def learners():
    return [make_learner(f"learner{n}@example.org") for n in range(4)]


def status_of(event, user):
    return EventRegistration.objects.get(event=event, user=user).status


def test_seats_then_waiting_list_in_order(event, learners):
    outcomes = [event_register(event=event, user=u).outcome for u in learners]
    assert outcomes == ["registered", "registered", "waitlisted", "waitlisted"]
    waiting = list(EventRegistration.objects.filter(event=event).waitlisted())
    assert [r.user for r in waiting] == learners[2:]


def test_registering_twice_changes_nothing(event, learners):
    event_register(event=event, user=learners[0])
    assert event_register(event=event, user=learners[0]).outcome == "already-registered"
    assert EventRegistration.objects.count() == 1


def test_cancelling_a_seat_moves_the_first_waiting_up_and_emails_them_once(
    event, learners, mailoutbox, django_capture_on_commit_callbacks
):
    for user in learners:
        event_register(event=event, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        assert event_registration_cancel(event=event, user=learners[0]).outcome == "cancelled"
    assert status_of(event, learners[0]) == RegistrationStatus.CANCELLED
    assert status_of(event, learners[2]) == RegistrationStatus.REGISTERED
    assert status_of(event, learners[3]) == RegistrationStatus.WAITLISTED
    assert [m.to for m in mailoutbox] == [[learners[2].email]]
    assert "You have a seat" in mailoutbox[0].subject
    claim = ReminderSend.objects.get(kind=ReminderSend.KIND_EVENT_SEAT)
    assert claim.event_id == event.pk and claim.status == "sent"


def test_leaving_the_waiting_list_frees_no_seat(event, learners, mailoutbox):
    for user in learners[:3]:
        event_register(event=event, user=user)
    event_registration_cancel(event=event, user=learners[2])
    assert EventRegistration.objects.filter(event=event).registered().count() == 2
    assert mailoutbox == []


def test_coming_back_after_cancelling_joins_the_end_of_the_list(event, learners):
    for user in learners:
        event_register(event=event, user=user)
    event_registration_cancel(event=event, user=learners[2])
    assert event_register(event=event, user=learners[2]).outcome == "waitlisted"
    waiting = list(EventRegistration.objects.filter(event=event).waitlisted())
    assert [r.user for r in waiting] == [learners[3], learners[2]]


def test_unlimited_capacity_never_waitlists(index, learners):
    event = make_event(index, "open-webinar", capacity=None)
    assert {event_register(event=event, user=u).outcome for u in learners} == {"registered"}


def test_registration_closes_at_the_start(event, learners):
    at_start = event.start
    result = event_register(event=event, user=learners[0], now=at_start)
    assert result.outcome == "closed"
    assert "closed when the event started" in result.reason
    assert not EventRegistration.objects.exists()
    just_before = event.start - timedelta(seconds=1)
    assert event_register(event=event, user=learners[0], now=just_before).outcome == "registered"
    assert event_registration_cancel(event=event, user=learners[0], now=at_start).outcome == (
        "closed"
    )
    assert status_of(event, learners[0]) == RegistrationStatus.REGISTERED


def test_more_seats_published_move_the_waiting_list_up(event, learners, mailoutbox):
    for user in learners:
        event_register(event=event, user=user)
    publish_change(event, capacity=3)
    assert status_of(event, learners[2]) == RegistrationStatus.REGISTERED
    assert status_of(event, learners[3]) == RegistrationStatus.WAITLISTED


# --- the buttons -----------------------------------------------------------------------------


def test_anonymous_visitor_is_asked_to_sign_in_with_a_way_back(client, event):
    html = client.get(event.url).content.decode()
    assert "Sign in to register" in html
    assert f"/accounts/login/?next={event.url}" in html
    response = client.post(f"/events/{event.pk}/register/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not EventRegistration.objects.exists()


def test_register_and_cancel_with_one_button_each(client, event, learners):
    client.force_login(learners[0])
    response = client.post(f"/events/{event.pk}/register/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == event.url + "#registration"
    assert "You are registered. See you there!" in html
    assert "Cancel my registration" in html
    assert "https://meet.example.org/secret-room" in html

    html = client.post(f"/events/{event.pk}/cancel/", follow=True).content.decode()
    assert "Your registration is cancelled." in html
    assert ">Register</button>" in html
    assert "https://meet.example.org/secret-room" not in html


def test_register_needs_post(client, event, learners):
    client.force_login(learners[0])
    assert client.get(f"/events/{event.pk}/register/").status_code == 405
    assert not EventRegistration.objects.exists()


def test_register_needs_a_csrf_token(event, learners):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learners[0])
    assert strict.post(f"/events/{event.pk}/register/").status_code == 403
    assert not EventRegistration.objects.exists()


def test_unknown_or_draft_event_is_404(client, event, learners):
    client.force_login(learners[0])
    assert client.post("/events/999999/register/").status_code == 404
    event.unpublish()
    assert client.post(f"/events/{event.pk}/register/").status_code == 404


def test_a_full_event_offers_the_waiting_list_and_says_the_place(client, event, learners):
    for user in learners[:2]:
        event_register(event=event, user=user)
    client.force_login(learners[2])
    html = client.get(event.url).content.decode()
    assert "Join the waiting list" in html
    html = client.post(f"/events/{event.pk}/register/", follow=True).content.decode()
    assert "you are on the waiting list" in html
    assert "You are number 1 on the waiting list." in html
    assert "https://meet.example.org/secret-room" not in html


def test_after_the_start_the_page_says_registration_is_closed(client, index, learners):
    started = make_event(index, "under-way", start=timezone.now() - timedelta(minutes=5))
    client.force_login(learners[0])
    html = client.get(started.url).content.decode()
    assert "Registration closed when the event started." in html
    assert ">Register</button>" not in html
    html = client.post(f"/events/{started.pk}/register/", follow=True).content.decode()
    assert "Registration closed when the event started." in html
    assert not EventRegistration.objects.exists()


def test_the_joining_link_is_only_in_registered_participants_html(client, event, learners):
    assert "secret-room" not in client.get(event.url).content.decode()
    for user in learners[:3]:
        event_register(event=event, user=user)
    client.force_login(learners[2])  # waiting
    assert "secret-room" not in client.get(event.url).content.decode()
    client.force_login(learners[3])  # signed in, not registered
    assert "secret-room" not in client.get(event.url).content.decode()
    client.force_login(learners[0])
    assert "secret-room" in client.get(event.url).content.decode()
