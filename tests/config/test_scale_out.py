"""Nothing lives in one process: two gunicorn servers on the same PostgreSQL and Redis.

A learner signs in through one server and is signed in on the other; signing out on the
second ends the session on the first. This is what lets docker compose (and production) put
any number of web instances behind the HTTP cache or a load balancer.
"""

import re

import pytest
import requests

from tests.config.gunicorn_support import Gunicorn, database_url
from tests.factories import make_course, make_learner

EMAIL = "two-servers@example.org"
PASSWORD = "a-long-passphrase"


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture
def two_servers(transactional_db, tmp_path, require_postgres, require_redis):
    servers = []
    try:
        for _ in range(2):
            servers.append(Gunicorn(tmp_path, DATABASE_URL=database_url()).start())
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_a_session_made_on_one_server_works_on_the_other(two_servers):
    first, second = two_servers
    make_course()  # the site the pages belong to (a transactional test starts without one)
    make_learner(email=EMAIL, password=PASSWORD)
    browser = requests.Session()  # one cookie jar: both servers are 127.0.0.1

    login_page = browser.get(f"{first.base_url}/accounts/login/", timeout=30)
    signed_in = browser.post(
        f"{first.base_url}/accounts/login/",
        data={
            "csrfmiddlewaretoken": csrf_token(login_page.text),
            "login": EMAIL,
            "password": PASSWORD,
        },
        allow_redirects=False,
        timeout=30,
    )
    assert signed_in.status_code == 302, signed_in.text[:2000]
    assert "sessionid" in browser.cookies

    dashboard = browser.get(f"{second.base_url}/dashboard/", allow_redirects=False, timeout=30)
    assert dashboard.status_code == 200
    assert EMAIL in dashboard.text or "Sign out" in dashboard.text

    # Sign out through the second server (its form, its CSRF check) ...
    logout_page = browser.get(f"{second.base_url}/accounts/logout/", timeout=30)
    signed_out = browser.post(
        f"{second.base_url}/accounts/logout/",
        data={"csrfmiddlewaretoken": csrf_token(logout_page.text)},
        allow_redirects=False,
        timeout=30,
    )
    assert signed_out.status_code == 302
    # ... and the first server no longer knows the learner.
    again = browser.get(f"{first.base_url}/dashboard/", allow_redirects=False, timeout=30)
    assert again.status_code == 302
    assert "/accounts/login/" in again.headers["Location"]
