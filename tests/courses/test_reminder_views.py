"""The learner's reminder settings, and the one-click unsubscribe that mail clients use.

The unsubscribe requests are made as a mail client makes them (RFC 8058): no session, no cookies,
no CSRF token, CSRF checks on.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.urls import reverse

from courses.models import ReminderPreference
from courses.reminders.selection import due_reminder_batches
from courses.reminders.sending import reminder_send
from courses.reminders.tokens import unsubscribe_token
from courses.services.progress import enrolment_start
from tests.factories import make_course, make_learner, make_lesson, make_module

pytestmark = pytest.mark.django_db

STUDIED = datetime(2025, 1, 5, 22, 30, tzinfo=UTC)  # already 6 January in Helsinki
DUE = datetime(2025, 1, 13, 8, 0, tzinfo=UTC)  # 10:00 in Helsinki
SETTINGS_URL = "/reminders/"


@pytest.fixture
def course():
    course = make_course()
    make_lesson(make_module(course, 1), "reading")
    return course


@pytest.fixture
def learner(course):
    learner = make_learner("kaisa@example.org", display_name="Kaisa", timezone="Europe/Helsinki")
    enrolment_start(user=learner, course=course, now=STUDIED)
    return learner


@pytest.fixture
def other(course):
    other = make_learner("other@example.org", timezone="Europe/Helsinki")
    enrolment_start(user=other, course=course, now=STUDIED)
    return other


@pytest.fixture
def mail_client():
    """What a mail client's one-click request looks like: nothing but the URL."""
    client = Client(enforce_csrf_checks=True)
    assert not client.cookies
    return client


@pytest.fixture
def csrf_client(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    return client


def unsubscribe_url(user) -> str:
    return reverse("reminder_unsubscribe", args=[unsubscribe_token(user)])


def preference(user) -> ReminderPreference | None:
    return ReminderPreference.objects.filter(user=user).first()


def due_emails(now):
    due = [reminder for batch in due_reminder_batches(now) for reminder in batch]
    learners = get_user_model().objects.filter(pk__in=[reminder.user_id for reminder in due])
    return sorted(learners.values_list("email", flat=True))


def send_due(now):
    for batch in due_reminder_batches(now):
        for due in batch:
            assert reminder_send(enrolment_id=due.enrolment_id, period=due.period, now=now)


# --- one-click unsubscribe ---------------------------------------------------------------------


def test_a_bare_post_unsubscribes_with_no_login_cookies_or_csrf_token(
    learner, mail_client, time_machine
):
    time_machine.move_to(DUE, tick=False)
    response = mail_client.post(unsubscribe_url(learner))
    assert response.status_code == 200
    assert "no more reminder emails" in response.content.decode()
    saved = preference(learner)
    assert saved.enabled is False
    assert saved.unsubscribed_at == DUE


def test_the_one_click_post_a_mail_client_sends(learner, mail_client):
    response = mail_client.post(
        unsubscribe_url(learner),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200  # an answer, not a redirect
    assert preference(learner).enabled is False
    assert preference(learner).unsubscribed_at is not None


def test_unsubscribing_twice_is_harmless(learner, mail_client, time_machine):
    time_machine.move_to(DUE, tick=False)
    mail_client.post(unsubscribe_url(learner))
    time_machine.move_to(DUE + timedelta(hours=1), tick=False)
    assert mail_client.post(unsubscribe_url(learner)).status_code == 200
    assert preference(learner).unsubscribed_at == DUE


def test_an_unsubscribed_learner_gets_no_more_reminders(learner, other, mail_client):
    mail_client.post(unsubscribe_url(learner))
    assert due_emails(DUE) == ["other@example.org"]


def test_a_get_only_asks_and_changes_nothing(learner, mail_client):
    url = unsubscribe_url(learner)
    response = mail_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<form method="post"[^>]*>\s*<button type="submit"', html)
    assert 'name="robots" content="noindex"' in html
    assert preference(learner) is None  # a link scanner opening it changes nothing

    assert mail_client.post(url).status_code == 200  # pressing the button
    assert preference(learner).enabled is False


def test_a_get_leaves_an_existing_choice_alone(learner, mail_client):
    ReminderPreference.objects.create(user=learner, cadence="monthly")
    mail_client.get(unsubscribe_url(learner))
    saved = preference(learner)
    assert (saved.enabled, saved.cadence, saved.unsubscribed_at) == (True, "monthly", None)


def tampered(token: str) -> str:
    """The token with one character of its signature changed."""
    position = len(token) - 10
    replacement = "A" if token[position] != "A" else "B"
    return token[:position] + replacement + token[position + 1 :]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_gets_a_clear_page_and_changes_nothing(learner, mail_client, method):
    token = tampered(unsubscribe_token(learner))
    url = reverse("reminder_unsubscribe", args=[token])
    response = getattr(mail_client, method)(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This unsubscribe link is not valid." in html
    assert "Nothing was changed." in html
    assert preference(learner) is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_token_gets_a_clear_page_and_changes_nothing(
    learner, mail_client, time_machine, method
):
    time_machine.move_to(DUE, tick=False)
    url = unsubscribe_url(learner)
    max_age = timedelta(seconds=django_settings.REMINDER_UNSUBSCRIBE_MAX_AGE)

    time_machine.move_to(DUE + max_age + timedelta(minutes=1), tick=False)
    response = getattr(mail_client, method)(url)
    assert response.status_code == 400
    assert "This unsubscribe link has expired." in response.content.decode()
    assert preference(learner) is None


def test_a_token_still_works_just_before_it_expires(learner, mail_client, time_machine):
    time_machine.move_to(DUE, tick=False)
    url = unsubscribe_url(learner)
    max_age = timedelta(seconds=django_settings.REMINDER_UNSUBSCRIBE_MAX_AGE)
    time_machine.move_to(DUE + max_age - timedelta(minutes=1), tick=False)
    assert mail_client.post(url).status_code == 200
    assert preference(learner).enabled is False


def test_one_learners_link_never_touches_another(learner, other, mail_client):
    mail_client.post(unsubscribe_url(learner))
    assert preference(learner).enabled is False
    assert preference(other) is None
    assert due_emails(DUE) == ["other@example.org"]


def test_a_token_signed_for_something_else_is_refused(other, mail_client):
    for token in [signing.dumps({"u": other.pk}), signing.dumps({"u": other.pk}, salt="other")]:
        response = mail_client.post(reverse("reminder_unsubscribe", args=[token]))
        assert response.status_code == 400
    assert preference(other) is None


def test_a_signed_in_learner_posting_someone_elses_link_changes_only_that_one(
    learner, other, csrf_client
):
    response = csrf_client.post(unsubscribe_url(other))
    assert response.status_code == 200
    assert preference(other).enabled is False
    assert preference(learner) is None


def test_the_link_of_a_deleted_account_does_not_fail(learner, mail_client):
    url = unsubscribe_url(learner)
    learner.delete()
    response = mail_client.post(url)
    assert response.status_code == 200
    assert not ReminderPreference.objects.exists()


# --- the settings page -------------------------------------------------------------------------


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def save_settings(client, **data):
    page = client.get(SETTINGS_URL).content.decode()
    return client.post(SETTINGS_URL, {"csrfmiddlewaretoken": csrf_token(page), **data})


def checked(html: str) -> set[str]:
    """The names (checkboxes) and values (radios) of the checked inputs."""
    found = set()
    for tag in re.findall(r"<input[^>]*>", html):
        if re.search(r"\bchecked\b", tag):
            value = re.search(r'value="([^"]*)"', tag)
            found.add(value.group(1) if value else re.search(r'name="([^"]*)"', tag).group(1))
    return found


def test_the_settings_need_a_login(client):
    response = client.get(SETTINGS_URL)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={SETTINGS_URL}"


def test_an_anonymous_post_saves_nothing(client):
    response = client.post(SETTINGS_URL, {"enabled": "on", "cadence": "monthly"})
    assert response.status_code == 302
    assert not ReminderPreference.objects.exists()


def test_the_page_shows_the_defaults_inside_the_site_layout(learner, csrf_client):
    response = csrf_client.get(SETTINGS_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert checked(html) == {"enabled", "weekly"}
    for part in ['<header class="site-header"', '<main id="main"', '<footer class="site-footer"']:
        assert part in html
    assert re.search(r"<title>\s*Reminder emails", html)
    assert "We have not sent you a reminder yet." in html
    assert preference(learner) is None  # looking saves nothing


def test_saving_changes_the_cadence(learner, csrf_client):
    response = save_settings(csrf_client, enabled="on", cadence="monthly")
    assert response.status_code == 302
    assert response.url == SETTINGS_URL
    saved = preference(learner)
    assert (saved.enabled, saved.cadence) == (True, "monthly")

    html = csrf_client.get(SETTINGS_URL).content.decode()
    assert "Your reminder settings are saved." in html
    assert checked(html) == {"enabled", "monthly"}


def test_switching_off_stops_the_reminders(learner, other, csrf_client):
    save_settings(csrf_client, cadence="weekly")  # the box left unticked
    assert preference(learner).enabled is False
    assert checked(csrf_client.get(SETTINGS_URL).content.decode()) == {"weekly"}
    assert due_emails(DUE) == ["other@example.org"]

    save_settings(csrf_client, enabled="on", cadence="weekly")
    assert due_emails(DUE) == ["kaisa@example.org", "other@example.org"]


def test_an_unknown_cadence_is_shown_again_with_an_error_and_nothing_is_saved(learner, csrf_client):
    ReminderPreference.objects.create(user=learner, cadence="fortnightly")
    response = save_settings(csrf_client, enabled="on", cadence="daily")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Select a valid choice. daily is not one of the available choices." in html
    assert preference(learner).cadence == "fortnightly"


def test_an_unknown_cadence_creates_no_preference(learner, csrf_client):
    response = save_settings(csrf_client, cadence="hourly")
    assert response.status_code == 200
    assert preference(learner) is None


def test_the_form_is_protected_against_csrf(learner, csrf_client):
    response = csrf_client.post(SETTINGS_URL, {"enabled": "", "cadence": "monthly"})
    assert response.status_code == 403
    assert preference(learner) is None


def test_the_page_says_when_the_last_reminder_went_and_why(learner, csrf_client, mailoutbox):
    send_due(DUE)
    assert len(mailoutbox) == 1
    html = csrf_client.get(SETTINGS_URL).content.decode()
    # In the learner's time (Helsinki): sent at 10:00; last studied on the 6th, not the 5th.
    assert (
        "Sent on Monday 13 January 2025, 10:00, because you had not studied since "
        "Monday 6 January 2025."
    ) in html
    assert "We have not sent you a reminder yet." not in html


def test_an_unsubscribed_learner_sees_reminders_off(learner, csrf_client):
    Client().post(unsubscribe_url(learner))
    html = csrf_client.get(SETTINGS_URL).content.decode()
    assert checked(html) == {"weekly"}


def test_a_saved_choice_takes_effect_for_the_next_sweep(learner, csrf_client):
    save_settings(csrf_client, enabled="on", cadence="fortnightly")
    assert due_emails(STUDIED + timedelta(days=7, hours=10)) == []
    assert due_emails(STUDIED + timedelta(days=14, hours=10)) == ["kaisa@example.org"]
