"""The reminder email in the learner's language: Finnish words, Finnish dates, links to the
Finnish pages, the Finnish course and lesson titles, and a message that says it is Finnish; an
English learner's reminder is unchanged.

The words of our own templates come from locale/fi (the translators' catalogue): the tests that
compare them with `gettext` fail until that catalogue holds them. Dates come from Django's own
Finnish catalogue and config/formats/fi, so they are checked without ours.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from modules.models import LessonPage
from tests.courses.test_reminder_email import (
    SITE,
    Elements,
    html_part,
    learner_with_module_one_done,
    send_due,
)
from tests.factories import make_course, make_lesson, make_module, translate_page

pytestmark = pytest.mark.django_db


FINNISH_LESSON = "Anturit kadulla"
FINNISH_COURSE = "Älykkäät kaupungit kuntien päättäjille"


@pytest.fixture(autouse=True)
def https_site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def course():
    """As in test_reminder_email: the learner will have done module 1, and module 2 starts with
    "Sensors in the street"."""
    course = make_course()
    first = make_module(course, 1)
    make_lesson(first, "why-cities", kind="video")
    make_lesson(first, "who-decides")
    second = make_module(course, 2)
    make_lesson(second, "sensors", title="Sensors in the street")
    for number in range(3, 9):
        make_lesson(make_module(course, number), f"lesson-{number}")
    return course


@pytest.fixture
def finnish(course):
    """The course home and the lesson the learner is to continue with, in Finnish."""
    translate_page(course, "fi", title=FINNISH_COURSE)
    lesson = translate_page(LessonPage.objects.get(slug="sensors"), "fi", title=FINNISH_LESSON)
    return lesson


@pytest.fixture
def finnish_message(finnish, mailoutbox):
    learner_with_module_one_done(language="fi")
    assert send_due() == ["sent"]
    [message] = mailoutbox
    return message


def test_a_finnish_learners_reminder_says_it_is_finnish(finnish_message):
    assert finnish_message.message()["Content-Language"] == "fi"
    [root] = Elements(html_part(finnish_message)).find("html")
    assert root["lang"] == "fi"


def test_dates_are_written_the_finnish_way_in_the_learners_timezone(finnish_message):
    # Monday 6 January in Helsinki (still Sunday the 5th in UTC), with the month in the
    # partitive as Finnish writes a date: Django's Finnish catalogue and config/formats/fi.
    for part in (finnish_message.body, html_part(finnish_message)):
        assert "maanantai 6. tammikuuta 2025" in part
        assert "January" not in part and "Monday" not in part


def test_links_lead_to_the_finnish_pages(finnish, finnish_message):
    links = [attrs["href"] for attrs in Elements(html_part(finnish_message)).find("a")]
    assert links[0] == f"{SITE}{finnish.url}"
    assert finnish.url.startswith("/fi/")
    assert all(link.startswith(f"{SITE}/fi/") for link in links)
    assert f"{SITE}{finnish.url}" in finnish_message.body


def test_the_course_and_lesson_titles_are_the_finnish_ones(finnish_message):
    assert FINNISH_LESSON in finnish_message.subject
    assert FINNISH_LESSON in finnish_message.body and FINNISH_COURSE in finnish_message.body
    assert "Sensors in the street" not in html_part(finnish_message)


def test_the_subject_and_body_are_in_finnish(finnish_message):
    """Needs locale/fi: fails until the translators' Finnish catalogue is merged."""
    with translation.override("fi"):
        subject = gettext("Pick up where you left off: %(title)s")
        why = gettext("Why you got this email")
        stop = gettext("Stop these reminders")
    assert subject != "Pick up where you left off: %(title)s", "no Finnish catalogue yet"
    assert finnish_message.subject == subject % {"title": FINNISH_LESSON}
    assert why != "Why you got this email" and why in finnish_message.body
    assert stop in html_part(finnish_message)


def test_a_finnish_learner_of_an_untranslated_lesson_gets_the_english_one(course, mailoutbox):
    learner_with_module_one_done(language="fi")
    send_due()
    [message] = mailoutbox
    assert "Sensors in the street" in message.subject
    assert message.message()["Content-Language"] == "fi"
    assert "maanantai 6. tammikuuta 2025" in message.body


def test_an_english_learner_still_gets_english(finnish, mailoutbox):
    learner_with_module_one_done(language="en")
    send_due()
    [message] = mailoutbox
    assert message.message()["Content-Language"] == "en"
    assert message.subject == "Pick up where you left off: Sensors in the street"
    assert "Monday 6 January 2025" in message.body
    links = [attrs["href"] for attrs in Elements(html_part(message)).find("a")]
    assert not any("/fi/" in link for link in links)
    assert FINNISH_LESSON not in message.body
