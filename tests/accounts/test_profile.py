"""The learner's profile page: their own data only, validated, saved with a message."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.forms import ProfileForm
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "plane-trees-along-the-canal-42"
URL = "/accounts/profile/"


def make_learner(email="learner@example.com", **fields):
    return factories.make_learner(email, PASSWORD, **fields)


def profile_data(**overrides):
    data = {
        "display_name": "Aino Virtanen",
        "organisation": "City of Tampere",
        "role": "official",
        "country": "FI",
        "timezone": "Europe/Helsinki",
        "language": "fi",
    }
    data.update(overrides)
    return data


def test_url_name():
    assert reverse("account_profile") == URL


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={URL}"


def test_page_shows_own_email_and_links_to_email_and_password_pages(client):
    user = make_learner(display_name="Aino")
    make_learner("someone.else@example.com", display_name="Someone Else")
    client.force_login(user)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Smart Cities for City Officials" in html
    assert '<main id="main"' in html
    assert "csrfmiddlewaretoken" in html
    assert "learner@example.com" in html
    assert 'value="Aino"' in html
    assert "someone.else@example.com" not in html
    assert "Someone Else" not in html
    assert f'href="{reverse("account_email")}"' in html
    assert f'href="{reverse("account_change_password")}"' in html
    for field in ("display_name", "organisation", "role", "country", "timezone", "language"):
        assert f'<label class="field__label" for="id_{field}">' in html


def test_saving_updates_only_the_signed_in_user(client):
    user = make_learner()
    other = make_learner("other@example.com", display_name="Other", timezone="Asia/Tokyo")
    client.force_login(user)

    response = client.post(URL, profile_data())

    assert response.status_code == 302
    assert response.url == "/fi" + URL  # the profile, in the language just chosen
    user.refresh_from_db()
    assert user.display_name == "Aino Virtanen"
    assert user.organisation == "City of Tampere"
    assert user.role == "official"
    assert user.country.code == "FI"
    assert user.timezone == "Europe/Helsinki"
    assert user.language == "fi"
    other.refresh_from_db()
    assert (other.display_name, other.timezone, other.language) == ("Other", "Asia/Tokyo", "en")
    # The confirmation, on the profile in the language just chosen.
    page = client.get(response.url).content.decode()
    with translation.override("fi"):
        saved = gettext("Your profile has been saved.")
    assert saved != "Your profile has been saved."
    assert saved in page


def test_fields_outside_the_profile_cannot_be_changed(client):
    user = make_learner()
    client.force_login(user)

    client.post(URL, profile_data(email="attacker@example.com", is_staff="on", is_superuser="on"))

    user.refresh_from_db()
    assert user.email == "learner@example.com"
    assert not user.is_staff
    assert not user.is_superuser
    assert user.check_password(PASSWORD)


def test_an_invalid_timezone_redisplays_the_form_and_saves_nothing(client):
    user = make_learner(display_name="Before")
    client.force_login(user)

    response = client.post(URL, profile_data(timezone="Mars/Olympus_Mons"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in html
    assert "Choose a timezone from the list." in html
    assert 'id="id_timezone_error"' in html
    assert 'value="Aino Virtanen"' in html  # what the learner typed is kept for them
    user.refresh_from_db()
    assert user.display_name == "Before"
    assert user.timezone == "UTC"


@pytest.mark.parametrize(
    ("field", "value"),
    [("language", "xx"), ("role", "mayor"), ("country", "ZZ"), ("display_name", "x" * 151)],
)
def test_other_invalid_values_are_refused(field, value):
    user = make_learner()

    form = ProfileForm(profile_data(**{field: value}), instance=user)

    assert not form.is_valid()
    assert field in form.errors


def test_timezones_are_real_zone_names_grouped_by_area():
    form = ProfileForm(instance=get_user_model()(email="x@example.com"))
    choices = form.fields["timezone"].choices

    assert choices[0] == ("UTC", "UTC")
    groups = dict(choices[1:])
    assert ("Europe/Stockholm", "Europe/Stockholm") in groups["Europe"]
    assert ("America/New_York", "America/New York") in groups["Americas"]
    for name in ("localtime", "Factory", "Not/AZone"):
        data = profile_data(timezone=name)
        assert not ProfileForm(data, instance=make_learner(f"{name}@example.com")).is_valid()


def test_a_legacy_timezone_already_on_the_account_is_kept():
    user = make_learner(timezone="US/Eastern")

    form = ProfileForm(profile_data(timezone="US/Eastern"), instance=user)

    assert ("US/Eastern", "US/Eastern") in form.fields["timezone"].choices
    assert form.is_valid(), form.errors
    form.save()
    user.refresh_from_db()
    assert user.timezone == "US/Eastern"


def test_empty_choices_say_what_they_mean():
    form = ProfileForm(instance=get_user_model()(email="x@example.com"))

    assert form.fields["role"].choices[0] == ("", "Prefer not to say")
    assert list(form.fields["country"].choices)[0] == ("", "Prefer not to say")


def test_only_get_and_post(client):
    client.force_login(make_learner())

    assert client.put(URL).status_code == 405
