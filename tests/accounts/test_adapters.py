"""Failed-login limits that hold: per account whatever the Host header says, per visitor behind
a proxy, shared by every process through Redis, and answered with the site's 429 page."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from accounts.adapters import login_attempts_key
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "plane-trees-along-the-canal-42"
REPO_ROOT = Path(__file__).resolve().parents[2]
BRAND = "Smart Cities for City Officials"


def log_in(client, email, password, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def assert_styled_429(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts" in html
    assert BRAND in html
    assert '<main id="main"' in html


@pytest.mark.parametrize(
    "login", ["learner@example.com", "Learner@Example.COM", "  learner@example.com "]
)
def test_the_key_of_an_account_is_its_normalised_email_alone(login):
    assert login_attempts_key(login) == "learner@example.com"


def test_changing_the_port_in_the_host_header_does_not_reset_the_count(client):
    factories.make_learner("learner@example.com", PASSWORD)
    for port in range(8001, 8006):
        response = log_in(client, "learner@example.com", "wrong", HTTP_HOST=f"testserver:{port}")
        assert "not correct" in response.content.decode()

    # A sixth try, on yet another port and with the address in capitals, is refused (the
    # per-address limit, well below the per-IP one), even with the right password.
    response = log_in(client, "LEARNER@example.com", PASSWORD, HTTP_HOST="testserver:8006")

    assert_styled_429(response)
    assert signed_in_user_id(client) is None


def test_behind_one_trusted_proxy_one_visitors_failures_do_not_lock_out_another(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    factories.make_learner("colleague@example.com", PASSWORD)
    # Visitor A tries many addresses (so no single account's limit is what stops them); the
    # proxy appends A's address to whatever A wrote in the header.
    for attempt in range(10):
        response = log_in(
            client,
            f"guess{attempt}@example.com",
            "wrong",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, 203.0.113.7",
        )
        assert response.status_code == 200
    assert_styled_429(
        log_in(client, "guess99@example.com", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.7")
    )

    # Visitor B, through the same proxy (the same REMOTE_ADDR), signs in.
    response = log_in(
        client, "colleague@example.com", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.20"
    )

    assert response.status_code == 302
    assert signed_in_user_id(client) is not None


def test_the_number_of_trusted_proxies_is_set_by_the_environment_and_compose_sets_two():
    read_setting = (
        "import django; django.setup(); from allauth import app_settings; "
        "print(app_settings.TRUSTED_PROXY_COUNT)"
    )
    env = {name: value for name, value in os.environ.items() if name != "TRUSTED_PROXY_COUNT"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    counts = [
        subprocess.run(
            [sys.executable, "-c", read_setting],
            cwd=REPO_ROOT,
            env={**env, "TRUSTED_PROXY_COUNT": value} if value else env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout.strip()
        for value in ("", "2")
    ]

    assert counts == ["0", "2"]
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    # The TLS terminator production assumes, then the stack's Varnish.
    for service in ("migrate", "web1", "web2", "worker", "beat"):
        assert compose["services"][service]["environment"]["TRUSTED_PROXY_COUNT"] == (
            "${TRUSTED_PROXY_COUNT:-2}"
        )


def test_without_a_trusted_proxy_a_forged_forwarded_for_header_changes_nothing(client):
    factories.make_learner("learner@example.com", PASSWORD)
    for attempt in range(10):
        log_in(
            client,
            f"guess{attempt}@example.com",
            "wrong",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}",
        )

    response = log_in(client, "learner@example.com", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert_styled_429(response)


def test_failures_counted_by_another_process_hold_here(client, require_redis):
    """Every gunicorn worker sees the same count: it lives in Redis, not in process memory."""
    factories.make_learner("learner@example.com", PASSWORD)
    other_process = textwrap.dedent(
        """
        import django
        django.setup()
        from allauth.account.adapter import get_adapter
        from django.test import RequestFactory

        request = RequestFactory().post("/accounts/login/")
        for _ in range(5):
            # What a failed login does to the count, without the database.
            get_adapter(request).pre_authenticate(request, email="learner@example.com")
        """
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    subprocess.run(
        [sys.executable, "-c", other_process], cwd=REPO_ROOT, env=env, check=True, timeout=120
    )

    response = log_in(client, "learner@example.com", PASSWORD)

    assert_styled_429(response)
    assert signed_in_user_id(client) is None
