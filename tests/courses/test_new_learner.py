"""Small things that confused a new learner: the greeting on a brand-new account's dashboard,
and the reminder settings, which were reachable only from a reminder email."""

import pytest
from django.urls import reverse

from courses.models import ReminderPreference
from tests.factories import make_learner

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase"


def sign_in(client, email):
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def heading(client) -> str:
    page = client.get(reverse("dashboard")).content.decode()
    start = page.index("<h1>")
    return page[start + 4 : page.index("</h1>", start)]


def test_a_new_accounts_first_dashboard_says_welcome_and_later_ones_welcome_back(client):
    make_learner("kaisa@example.org", PASSWORD, first_name="Kaisa", last_name="Virtanen")

    sign_in(client, "kaisa@example.org")
    assert heading(client) == "Welcome, Kaisa Virtanen"

    client.post(reverse("account_logout"))
    sign_in(client, "kaisa@example.org")
    assert heading(client) == "Welcome back, Kaisa Virtanen"


def test_a_returning_learner_is_welcomed_back(client):
    from django.utils import timezone

    learner = make_learner("ada@example.org", PASSWORD, first_name="Ada", last_name="Lovelace")
    learner.last_login = timezone.now()
    learner.save()
    sign_in(client, "ada@example.org")
    assert heading(client) == "Welcome back, Ada Lovelace"


@pytest.mark.parametrize("page", ["dashboard", "account_profile", "account_email"])
def test_the_reminder_settings_are_linked_from_the_dashboard_profile_and_account_menu(client, page):
    """Followed as a signed-in learner, with no token from an email: the settings open and save."""
    learner = make_learner("kaisa@example.org", PASSWORD)
    client.force_login(learner)
    settings_url = reverse("reminder_settings")

    html = client.get(reverse(page)).content.decode()
    assert f'href="{settings_url}"' in html

    response = client.get(settings_url)
    assert response.status_code == 200
    assert "Reminder emails" in response.content.decode()
    saved = client.post(settings_url, {"cadence": "monthly"})
    assert saved.status_code == 302
    preference = ReminderPreference.objects.get(user=learner)
    assert not preference.enabled and preference.cadence == "monthly"


def test_the_account_menu_marks_the_reminder_settings_as_the_current_page(client):
    client.force_login(make_learner("kaisa@example.org", PASSWORD))
    html = client.get(reverse("reminder_settings")).content.decode()
    settings_url = reverse("reminder_settings")
    assert f'<a href="{settings_url}" aria-current="page">Reminders</a>' in html
