"""Event emails in each learner's language: a Swedish learner's 24-hour reminder is in Swedish
(dates from Django's Swedish catalogue and config/formats/sv, the event's Swedish title, links
to the Swedish page), beside an English learner's unchanged English one.

The words of our own templates come from locale/sv: the test comparing them with `gettext`
fails until the translators' Swedish catalogue is merged.
"""

from datetime import datetime, timedelta

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from events.notifications import event_email_send, reminder_period
from events.services import event_register
from tests.events.factories import OSLO, make_event
from tests.factories import make_learner, translate_page

pytestmark = pytest.mark.django_db


SITE = "https://course.example.org"
SWEDISH_TITLE = "Workshop om smarta städer"
# A Monday afternoon in Oslo, which is also the Swedish learner's timezone.
START = datetime(2031, 3, 3, 13, 0, tzinfo=OSLO)


@pytest.fixture(autouse=True)
def https_site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def event(course, index):
    event = make_event(index, start=START)
    translate_page(course, "sv", title="Smarta städer för kommunens tjänstepersoner")
    translate_page(event, "sv", title=SWEDISH_TITLE)
    return event


def remind(event, user, mailoutbox):
    event_register(event=event, user=user)
    registration = user.event_registrations.get()
    period = reminder_period(event.pk, event.start)
    now = event.start - timedelta(hours=20)
    assert (
        event_email_send(registration_id=registration.pk, kind="reminder", period=period, now=now)
        == "sent"
    )
    return mailoutbox[-1]


def test_a_swedish_learners_event_reminder_is_in_swedish(event, mailoutbox):
    learner = make_learner("astrid@example.org", language="sv", timezone="Europe/Stockholm")
    message = remind(event, learner, mailoutbox)
    [(html, _mimetype)] = message.alternatives

    assert message.message()["Content-Language"] == "sv"
    assert '<html lang="sv">' in html
    assert SWEDISH_TITLE in message.subject and SWEDISH_TITLE in message.body
    # "måndag 3 mars 2031 kl. 13.00–15.00": Django's Swedish names, config/formats/sv.
    assert "måndag 3 mars 2031 kl. 13.00–15.00" in message.body
    assert "Monday" not in message.body and "March" not in html
    translated = event.get_translation(event.locale.__class__.objects.get(language_code="sv"))
    assert translated.url.startswith("/sv/")
    assert f"{SITE}{translated.url}" in message.body and f"{SITE}{translated.url}" in html


def test_the_swedish_reminder_uses_the_swedish_catalogue(event, mailoutbox):
    """Needs locale/sv: fails until the translators' Swedish catalogue is merged."""
    learner = make_learner("astrid@example.org", language="sv", timezone="Europe/Stockholm")
    message = remind(event, learner, mailoutbox)
    with translation.override("sv"):
        subject = gettext("Tomorrow or sooner: %(title)s")
        when = gettext("When")
    assert subject != "Tomorrow or sooner: %(title)s", "no Swedish catalogue yet"
    assert message.subject == subject % {"title": SWEDISH_TITLE}
    assert f"{when}:" in message.body


def test_an_english_learner_still_gets_english(event, mailoutbox):
    learner = make_learner("ada@example.org", language="en", timezone="Europe/Oslo")
    message = remind(event, learner, mailoutbox)
    assert message.message()["Content-Language"] == "en"
    assert message.subject == f"Tomorrow or sooner: {event.title}"
    assert "Monday 3 March 2031, 13:00–15:00" in message.body
    assert SWEDISH_TITLE not in message.body and "/sv/" not in message.body


def test_the_learners_own_time_is_written_in_their_language(event, mailoutbox):
    learner = make_learner("aino@example.org", language="fi", timezone="Europe/Helsinki")
    message = remind(event, learner, mailoutbox)
    with translation.override("fi"):
        start = date_format(START.astimezone(OSLO), "DATETIME_FORMAT")
    assert start == "maanantai 3. maaliskuuta 2031 klo 13.00"
    assert start in message.body
    assert "maanantai 3. maaliskuuta 2031 klo 14.00–16.00" in message.body  # in Helsinki
