"""Sign-up, verification, log-in, password and email flows, as a learner goes through them.

allauth does the work; these tests hold it to the settings we rely on (email only, mandatory
verification, no account enumeration, rate limits) and to our templates (site layout, labelled
fields, an error summary, CSRF on every form).
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "plane-trees-along-the-canal-42"
NEW_PASSWORD = "cycle-lanes-and-cargo-trams-77"
BRAND = "Smart Cities for City Officials"


def make_learner(email="learner@example.com", **fields):
    return factories.make_learner(email, PASSWORD, **fields)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def link_in(message, path_prefix):
    """The path of the first link in an email's body that starts with `path_prefix`."""
    match = re.search(rf"https?://testserver({re.escape(path_prefix)}\S+)", message.body)
    assert match, f"no {path_prefix} link in:\n{message.body}"
    return match.group(1)


def assert_site_layout(response, *, form=True):
    """The page is one of ours: site header and <main>, and its form carries a CSRF token."""
    assert response.status_code == 200
    html = response.content.decode()
    assert BRAND in html
    assert '<main id="main"' in html
    if form:
        assert "csrfmiddlewaretoken" in html
        assert '<form class="form' in html


# --- sign-up and verification ------------------------------------------------------------------


def test_signup_asks_only_for_email_and_password_twice(client):
    response = client.get(reverse("account_signup"))

    assert_site_layout(response)
    assert list(response.context["form"].fields) == ["email", "password1", "password2"]
    html = response.content.decode()
    for field_id in ("id_email", "id_password1", "id_password2"):
        assert f'<label class="field__label" for="{field_id}">' in html
    assert "username" not in html.lower()
    assert f'href="{reverse("account_login")}"' in html


def test_signup_then_confirming_the_emailed_link_logs_in_and_lands_on_dashboard(client, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None
    assert_site_layout(client.get(response.url), form=False)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new@example.com"]
    confirm_path = link_in(mailoutbox[0], "/accounts/confirm-email/")

    # Opening the link only shows a page: mail scanners that follow links confirm nothing.
    page = client.get(confirm_path)
    assert_site_layout(page)
    assert "new@example.com" in page.content.decode()
    assert not EmailAddress.objects.get(email="new@example.com").verified
    assert signed_in_user_id(client) is None

    response = client.post(confirm_path)

    user = get_user_model().objects.get(email="new@example.com")
    assert response.status_code == 302
    assert response.url == "/dashboard/"
    assert EmailAddress.objects.get(email="new@example.com").verified
    assert signed_in_user_id(client) == str(user.pk)
    assert client.session["offer_local_progress_import"] is True


def test_logging_in_before_verifying_gives_no_session(client, mailoutbox):
    make_learner("unverified@example.com", verified=False)

    response = client.post(
        reverse("account_login"), {"login": "unverified@example.com", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None
    assert "offer_local_progress_import" not in client.session
    # The link is sent again, to the address that has to be confirmed.
    assert [m.to for m in mailoutbox] == [["unverified@example.com"]]


def test_invalid_signup_shows_errors_next_to_fields_and_in_a_summary(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "not-an-email", "password1": PASSWORD, "password2": "something else"},
    )

    assert_site_layout(response)
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert '<a href="#id_email">' in html
    assert 'id="id_email_error"' in html
    email_input = re.search(r"<input[^>]*name=\"email\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in email_input
    assert 'aria-describedby="id_email_error"' in email_input
    assert not get_user_model().objects.exists()


# --- log-in ------------------------------------------------------------------------------------


def test_login_page_links_to_sign_up_and_password_reset(client):
    response = client.get(reverse("account_login"))

    assert_site_layout(response)
    html = response.content.decode()
    assert f'href="{reverse("account_signup")}"' in html
    assert f'href="{reverse("account_reset_password")}"' in html
    assert '<label class="field__label" for="id_login">' in html
    assert '<label class="field__label" for="id_password">' in html


def test_login_lands_on_dashboard_and_offers_to_import_browser_progress(client):
    user = make_learner()

    response = client.post(
        reverse("account_login"), {"login": "learner@example.com", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/dashboard/"
    assert signed_in_user_id(client) == str(user.pk)
    assert client.session["offer_local_progress_import"] is True


def test_login_with_a_wrong_password_shows_an_error(client):
    make_learner()

    response = client.post(
        reverse("account_login"), {"login": "learner@example.com", "password": "wrong"}
    )

    assert_site_layout(response)
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "password you specified are not correct" in html
    assert signed_in_user_id(client) is None


def test_repeated_failed_logins_are_rate_limited(client):
    make_learner()
    url = reverse("account_login")
    for _attempt in range(5):
        response = client.post(url, {"login": "learner@example.com", "password": "wrong"})
        assert "not correct" in response.content.decode()

    # Even the right password is refused now, for this address, with the site's own 429 page.
    response = client.post(url, {"login": "learner@example.com", "password": PASSWORD})

    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts" in html
    assert BRAND in html and '<main id="main"' in html
    assert signed_in_user_id(client) is None


# --- no account enumeration --------------------------------------------------------------------


def test_signing_up_with_a_registered_email_looks_like_a_new_sign_up(client, mailoutbox):
    make_learner("taken@example.com")
    url = reverse("account_signup")

    fresh = client.post(
        url, {"email": "fresh@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    client.logout()
    taken = client.post(
        url, {"email": "taken@example.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert taken.status_code == fresh.status_code == 302
    assert taken.url == fresh.url == reverse("account_email_verification_sent")
    assert get_user_model().objects.filter(email__iexact="taken@example.com").count() == 1
    assert get_user_model().objects.get(email="taken@example.com").check_password(PASSWORD)
    to_taken = [m for m in mailoutbox if m.to == ["taken@example.com"]]
    assert len(to_taken) == 1
    assert "Account Already Exists" in to_taken[0].subject
    assert reverse("account_reset_password") in to_taken[0].body


def test_password_reset_for_an_unknown_email_looks_like_a_real_one(client, mailoutbox):
    make_learner()
    url = reverse("account_reset_password")

    known = client.post(url, {"email": "learner@example.com"})
    unknown = client.post(url, {"email": "nobody@example.com"})

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("account_reset_password_done")
    assert_site_layout(client.get(unknown.url), form=False)
    assert [m.to for m in mailoutbox] == [["learner@example.com"], ["nobody@example.com"]]
    assert "Unknown Account" in mailoutbox[1].subject
    assert "/accounts/password/reset/key/" not in mailoutbox[1].body


# --- passwords ---------------------------------------------------------------------------------


def test_password_reset_from_the_emailed_link(client, mailoutbox):
    user = make_learner()
    assert_site_layout(client.get(reverse("account_reset_password")))
    client.post(reverse("account_reset_password"), {"email": "learner@example.com"})
    key_path = link_in(mailoutbox[0], "/accounts/password/reset/key/")

    # allauth moves the key out of the URL into the session before showing the form.
    response = client.get(key_path)
    assert response.status_code == 302
    form_page = client.get(response.url)
    assert_site_layout(form_page)
    response = client.post(response.url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_from_key_done")
    assert_site_layout(client.get(response.url), form=False)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    response = client.post(
        reverse("account_login"), {"login": "learner@example.com", "password": NEW_PASSWORD}
    )
    assert response.url == "/dashboard/"


def test_a_used_password_reset_link_is_refused(client, mailoutbox):
    make_learner()
    client.post(reverse("account_reset_password"), {"email": "learner@example.com"})
    key_path = link_in(mailoutbox[0], "/accounts/password/reset/key/")
    form_url = client.get(key_path).url
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = client.get(key_path, follow=True)

    assert_site_layout(response, form=False)
    assert response.context["token_fail"]


def test_password_change(client):
    user = make_learner()
    client.force_login(user)
    url = reverse("account_change_password")
    assert_site_layout(client.get(url))

    wrong = client.post(
        url, {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert 'role="alert"' in wrong.content.decode()
    response = client.post(
        url, {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert signed_in_user_id(client) == str(user.pk)  # still signed in after the change


# --- email address -----------------------------------------------------------------------------


def test_changing_email_adds_an_address_that_needs_verification(client, mailoutbox):
    user = make_learner()
    client.force_login(user)
    url = reverse("account_email")
    assert_site_layout(client.get(url))

    response = client.post(url, {"action_add": "", "email": "moved@example.com"})

    assert response.status_code == 302
    added = EmailAddress.objects.get(user=user, email="moved@example.com")
    assert not added.verified
    assert not added.primary
    user.refresh_from_db()
    assert user.email == "learner@example.com"  # unchanged until the new address is confirmed
    assert [m.to for m in mailoutbox] == [["moved@example.com"]]
    link_in(mailoutbox[0], "/accounts/confirm-email/")
    page = client.get(url).content.decode()
    assert "Waiting for confirmation" in page
    assert "moved@example.com" in page


# --- log-out -----------------------------------------------------------------------------------


def test_logout_needs_a_post(client):
    user = make_learner()
    client.force_login(user)
    url = reverse("account_logout")

    page = client.get(url)

    assert_site_layout(page)
    assert signed_in_user_id(client) == str(user.pk)
    response = client.post(url)
    assert response.status_code == 302
    assert signed_in_user_id(client) is None


# --- every page is one of ours -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "has_form"),
    [
        ("account_login", True),
        ("account_signup", True),
        ("account_reset_password", True),
        ("account_reset_password_done", False),
        ("account_email_verification_sent", False),
    ],
)
def test_entrance_pages_render_in_the_site_layout(client, url_name, has_form):
    assert_site_layout(client.get(reverse(url_name)), form=has_form)


@pytest.mark.parametrize(
    "url_name",
    ["account_change_password", "account_email", "account_logout", "account_profile"],
)
def test_account_settings_pages_render_in_the_site_layout(client, url_name):
    client.force_login(make_learner())

    response = client.get(reverse(url_name))

    assert_site_layout(response)
    assert 'aria-label="Account settings"' in response.content.decode()


# --- the header's account links ----------------------------------------------------------------


def render_nav(user):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("accounts/nav.html", request=request)


def test_header_nav_for_anonymous_visitors_has_links_only():
    from django.contrib.auth.models import AnonymousUser

    html = render_nav(AnonymousUser())

    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_signup")}"' in html
    assert "Log in" in html and "Sign up" in html
    assert "<form" not in html  # anonymous pages stay free of CSRF tokens, and cacheable


def test_header_nav_for_learners_has_dashboard_profile_and_a_logout_form():
    html = render_nav(make_learner())

    assert f'href="{reverse("dashboard")}"' in html
    assert f'href="{reverse("account_profile")}"' in html
    assert f'method="post" action="{reverse("account_logout")}"' in html
    assert "csrfmiddlewaretoken" in html
    assert "Log in" not in html


def test_rate_limited_sign_ups_get_a_styled_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    data = {"email": "first@example.com", "password1": PASSWORD, "password2": PASSWORD}
    client.post(reverse("account_signup"), data)
    response = client.post(reverse("account_signup"), {**data, "email": "second@example.com"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "Smart Cities for City Officials" in response.content.decode()
