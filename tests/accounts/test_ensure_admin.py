"""ensure_admin: the admin login is printed once, and it is a login that works."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

# The admin this command makes has no two-step sign-in until they set it up.
pytestmark = [pytest.mark.django_db, pytest.mark.staff_without_mfa]

PASSWORD = re.compile(r"^\s*Password:\s*(\S+)\s*$", re.MULTILINE)


def run(*args) -> str:
    out = StringIO()
    call_command("ensure_admin", *args, stdout=out)
    return out.getvalue()


def password_in(output: str) -> str:
    match = PASSWORD.search(output)
    assert match, f"no password printed in:\n{output}"
    return match[1]


@pytest.fixture(autouse=True)
def _admin_env(monkeypatch):
    monkeypatch.delenv("DJANGO_ADMIN_EMAIL", raising=False)
    monkeypatch.setenv("PORT", "8123")


def test_first_run_creates_a_superuser_whose_printed_login_works(client):
    output = run()

    user = get_user_model().objects.get()
    assert user.email == "admin@example.com"
    assert user.is_superuser and user.is_staff and user.is_active
    assert "http://127.0.0.1:8123/admin/" in output
    assert "admin@example.com" in output
    password = password_in(output)
    assert len(password) >= 20
    # The admin signs in the way everyone does, through allauth's login, and lands in the admin.
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": "admin@example.com", "password": password}
    )
    assert response.status_code == 302
    assert response.url == "/admin/"
    # The admin has no second step yet: the admin sends them to set one up first, and opens
    # once they have (tests/accounts/test_mfa.py goes through the setting up).
    assert client.get("/admin/").url == reverse("mfa_index")


def test_second_run_creates_nothing_and_prints_no_password():
    first = password_in(run())

    second = run()

    assert get_user_model().objects.count() == 1
    assert PASSWORD.search(second) is None
    assert first not in second
    assert "make admin-password" in second
    assert len(second.strip().splitlines()) == 1


def test_an_existing_superuser_counts(monkeypatch):
    get_user_model().objects.create_superuser(email="editor@example.org", password="x" * 20)

    output = run()

    assert get_user_model().objects.count() == 1
    assert PASSWORD.search(output) is None


def test_email_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_ADMIN_EMAIL", "webmaster@city.example")

    output = run()

    assert get_user_model().objects.get(is_superuser=True).email == "webmaster@city.example"
    assert "webmaster@city.example" in output


def test_reset_password_prints_a_new_working_password():
    old = password_in(run())

    new = password_in(run("--reset-password"))

    assert new != old
    assert get_user_model().objects.count() == 1
    assert authenticate(email="admin@example.com", password=new) is not None
    assert authenticate(email="admin@example.com", password=old) is None


def test_reset_password_verifies_the_address_of_an_admin_made_without_one(client):
    get_user_model().objects.create_superuser(email="editor@example.org", password="x" * 20)

    password = password_in(run("--reset-password"))

    response = client.post(
        "/accounts/login/", {"login": "editor@example.org", "password": password}
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_reset_password_creates_the_admin_when_there_is_none():
    password = password_in(run("--reset-password"))

    assert authenticate(email="admin@example.com", password=password).is_superuser


def test_refuses_to_take_over_a_learner_with_the_admin_email():
    get_user_model().objects.create_user(email="admin@example.com", password="x" * 20)

    with pytest.raises(CommandError, match="not a superuser"):
        run()
    assert not get_user_model().objects.filter(is_superuser=True).exists()
