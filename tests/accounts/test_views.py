"""Every sign-in goes through allauth: Wagtail's admin and private-page logins lead there.

Wagtail has its own login pages (`/admin/login/`, `/_util/login/`) built on Django's plain
LoginView, with no rate limit and no check of a verified address. These tests knock on each
door as a visitor, an editor or a script would, and expect allauth's rules behind every one.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests import factories
from tests.mfa_support import staff_totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "plane-trees-along-the-canal-42"
LOGIN = "/accounts/login/"


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def make_editor(email="editor@example.com", *, verified=True):
    """A staff member in Wagtail's Editors group, who may use the admin."""
    user = factories.make_learner(email, PASSWORD, verified=verified, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def private_page():
    """A module page that only signed-in visitors may read."""
    course = factories.make_course()
    module = factories.make_module(course, 1)
    PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.LOGIN)
    return module


# --- every door leads to allauth's login, with `next` kept -------------------------------------


@pytest.mark.parametrize("door", ["/admin/login/", "/_util/login/"])
def test_wagtails_login_pages_lead_to_allauths_keeping_next(client, door):
    response = client.get(door, {"next": "/admin/pages/"})

    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=%2Fadmin%2Fpages%2F"
    page = client.get(response.url)
    assert page.status_code == 200
    assert page.context["form"].__class__.__module__.startswith("allauth.")
    assert 'name="login"' in page.content.decode()


def test_the_admin_sends_visitors_to_allauths_login(client):
    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/admin/pages/"


def test_a_private_page_sends_visitors_to_allauths_login(client, private_page):
    response = client.get(private_page.url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={private_page.url}"


def test_the_admin_password_reset_leads_to_allauths(client):
    response = client.get("/admin/password_reset/")

    assert response.status_code == 302
    assert response.url == reverse("account_reset_password")
    # Wagtail's own reset (Django's, with no rate limit) is switched off behind it.
    assert client.get("/admin/password_reset/done/").status_code == 404


# --- an editor's way into the admin and back out -------------------------------------------------


def test_a_staff_member_reaches_the_wagtail_dashboard_through_allauths_login(client):
    editor = make_editor()
    login_url = client.get("/admin/").url

    response = client.post(login_url, {"login": "editor@example.com", "password": PASSWORD})
    # Staff have two-step sign-in (tests/mfa_support.py): the code from their app comes next.
    assert response.url == reverse("mfa_authenticate")
    response = client.post(response.url, {"code": staff_totp_code(editor)})

    assert response.status_code == 302
    assert response.url == "/admin/"
    dashboard = client.get(response.url)
    assert dashboard.status_code == 200
    assert dashboard.resolver_match.url_name == "wagtailadmin_home"
    assert signed_in_user_id(client) == str(editor.pk)


def test_a_password_posted_to_the_admin_door_is_judged_by_allauth(client):
    editor = make_editor()

    response = client.post(
        "/admin/login/?next=/admin/",
        {"login": "editor@example.com", "password": PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[0] == (f"{LOGIN}?next=%2Fadmin%2F", 307)
    assert response.resolver_match.url_name == "mfa_authenticate"
    response = client.post(
        reverse("mfa_authenticate"), {"code": staff_totp_code(editor)}, follow=True
    )
    assert response.resolver_match.url_name == "wagtailadmin_home"
    assert signed_in_user_id(client) == str(editor.pk)


def test_logging_out_of_the_admin_is_allauths_logout(client):
    client.force_login(make_editor())

    response = client.post("/admin/logout/", follow=True)

    assert response.redirect_chain[0] == (reverse("account_logout"), 307)
    assert signed_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302


def test_an_editor_changes_their_password_at_allauths_page_not_in_the_admin(client):
    client.force_login(make_editor())

    account = client.get(reverse("wagtailadmin_account")).content.decode()

    assert 'name="password-old_password"' not in account
    assert client.get(reverse("account_change_password")).status_code == 200


def test_a_private_page_opens_after_signing_in(client, private_page):
    factories.make_learner("learner@example.com", PASSWORD)
    login_url = client.get(private_page.url).url

    response = client.post(login_url, {"login": "learner@example.com", "password": PASSWORD})

    assert response.url == private_page.url
    assert client.get(private_page.url).status_code == 200


# --- no way around the rate limit ---------------------------------------------------------------


def test_fifteen_wrong_passwords_at_the_admin_door_are_blocked(client):
    make_editor()
    answers = []
    for _attempt in range(15):
        response = client.post(
            "/admin/login/?next=/admin/",
            {"login": "editor@example.com", "password": "guess"},
            follow=True,
        )
        answers.append(response.status_code)

    assert answers[:5] == [200] * 5  # the form again, "not correct"
    assert answers[5:] == [429] * 10
    # Not even the right password opens it now.
    response = client.post(
        "/admin/login/?next=/admin/",
        {"login": "editor@example.com", "password": PASSWORD},
        follow=True,
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert signed_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302


# --- an unverified address gets no session by any door -----------------------------------------


@pytest.mark.parametrize("door", ["/admin/login/?next=/admin/", "/_util/login/", LOGIN])
def test_an_unverified_account_gets_no_session_at_any_login(client, mailoutbox, door):
    make_editor("new-editor@example.com", verified=False)

    response = client.post(
        door, {"login": "new-editor@example.com", "password": PASSWORD}, follow=True
    )

    assert response.resolver_match.url_name == "account_email_verification_sent"
    assert signed_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302
    assert [m.to for m in mailoutbox] == [["new-editor@example.com"]]


def test_an_unverified_account_gets_no_session_from_a_password_reset(client, mailoutbox):
    make_editor("new-editor@example.com", verified=False)
    new_password = "cycle-lanes-and-cargo-trams-77"

    client.post("/admin/password_reset/", {"email": "new-editor@example.com"}, follow=True)
    key_path = mailoutbox[0].body.split("http://testserver", 1)[1].split()[0]
    form_url = client.get(key_path).url
    response = client.post(
        form_url, {"password1": new_password, "password2": new_password}, follow=True
    )

    assert response.resolver_match.url_name == "account_reset_password_from_key_done"
    assert signed_in_user_id(client) is None
    # The new password works, and still leads to the verification step, not into a session.
    response = client.post(
        LOGIN, {"login": "new-editor@example.com", "password": new_password}, follow=True
    )
    assert response.resolver_match.url_name == "account_email_verification_sent"
    assert signed_in_user_id(client) is None
    assert get_user_model().objects.get(email="new-editor@example.com").check_password(new_password)
