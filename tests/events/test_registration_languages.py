"""One set of seats in every language: a registration made on a translation of an event is the
English event's, and every translation of the event says so."""

import pytest
from wagtail.models import Locale

from events.models import EventPage, EventRegistration
from events.services import event_register, event_registration_cancel
from tests.factories import make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def swedish(event):
    copy = event.copy_for_translation(Locale.objects.get(language_code="sv"), copy_parents=True)
    copy.title = "Verkstad"
    copy.save_revision().publish()
    return EventPage.objects.get(pk=copy.pk)


def test_registering_on_the_swedish_page_registers_for_the_english_event(client, event, swedish):
    learner = make_learner("kaisa@example.org")
    client.force_login(learner)
    assert swedish.url.startswith("/sv/")
    response = client.post(f"/events/{swedish.pk}/register/")
    assert response.status_code == 302
    assert response["Location"].startswith(swedish.url)  # back to the page they were on
    registration = EventRegistration.objects.get(user=learner)
    assert registration.event_id == event.pk and registration.is_registered

    english_html = client.get(event.url).content.decode()
    assert "You are registered." in english_html
    assert "1 seat left of 2" in english_html
    swedish_html = client.get(swedish.url).content.decode()
    assert 'class="event-status"' in swedish_html  # registered, in whatever words Swedish has
    assert "meet.example.org/secret-room" in swedish_html  # the joining link is theirs


def test_seats_are_shared_between_the_languages(event, swedish):
    first, second, third = (make_learner(f"l{n}@example.org") for n in range(3))
    assert event_register(event=swedish, user=first).outcome == "registered"
    assert event_register(event=event, user=second).outcome == "registered"
    assert event_register(event=swedish, user=third).outcome == "waitlisted"  # capacity 2
    assert event_register(event=event, user=first).outcome == "already-registered"
    assert EventRegistration.objects.filter(event=swedish).count() == 0

    assert event_registration_cancel(event=swedish, user=second).outcome == "cancelled"
    assert EventRegistration.objects.get(user=third).is_registered  # moved up


def test_the_event_list_in_swedish_shows_the_learners_registration(client, event, swedish):
    learner = make_learner("kaisa@example.org")
    event_register(event=event, user=learner)
    client.force_login(learner)
    html = client.get(swedish.get_parent().url).content.decode()
    assert "Verkstad" in html
    assert html.count('<strong class="event-badge">') == 1  # "You are registered", in Swedish
