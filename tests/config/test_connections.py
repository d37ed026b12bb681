"""What a request costs before any page code runs: the database connection and the session.

Connections are kept between requests and opened in UTC, so no request pays for a connection or
a `SET TIME ZONE`; sessions are read from the cache with the database behind it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_learner

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_a_new_postgresql_connection_is_opened_in_utc(require_postgres):
    # Without the option this server starts sessions in its own zone and Django sends
    # `SET TIME ZONE` on each new connection (through the raw driver, so it is not among the
    # queries Django logs): ensure_timezone() says whether it had to.
    fresh = connection.copy()
    try:
        with CaptureQueriesContext(fresh) as queries:
            fresh.ensure_connection()
        assert fresh.connection.info.parameter_status("TimeZone") == "UTC"
        assert fresh.ensure_timezone() is False  # nothing to set
        assert len(queries) == 0
    finally:
        fresh.close()

    plain = connection.copy()
    plain.settings_dict["OPTIONS"] = {}
    try:
        plain.connection = plain.get_new_connection(plain.get_connection_params())
        server_zone = plain.connection.info.parameter_status("TimeZone")
    finally:
        plain.close()
    print(f"this server opens sessions in {server_zone!r}")  # noqa: T201 - for the record


def test_signed_in_requests_read_their_session_from_the_cache(client):
    learner = make_learner()
    client.force_login(learner)
    assert client.get("/dashboard/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/dashboard/").status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]

    cache.clear()  # a Redis restart: the database still holds the session
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert "Welcome" in response.content.decode()  # still signed in


def test_the_embedded_default_keeps_sqlite_with_persistent_connections():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    code = (
        "import django, json; django.setup(); from django.conf import settings;"
        "from django.db import connection; connection.ensure_connection();"
        "db = settings.DATABASES['default'];"
        "print(json.dumps([db['ENGINE'], db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'],"
        " db.get('OPTIONS', {}), settings.SESSION_ENGINE]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    engine, max_age, health_checks, options, sessions = json.loads(result.stdout)
    assert engine == "django.db.backends.sqlite3"
    assert (max_age, health_checks) == (60, True)
    assert "options" not in options  # PostgreSQL's connection option is not given to SQLite
    assert sessions == "django.contrib.sessions.backends.cached_db"
