"""/healthz and /readyz, as a load balancer sees them: real PostgreSQL and Redis, then dead or
hung ones (a redis-server of our own killed or frozen, a port that never answers)."""

import json
import time

import pytest
import requests
from django.test import override_settings

from tests.config.gunicorn_support import Gunicorn, SilentServer, database_url
from tests.config.test_redis_outage import RedisServer
from tests.support import free_port

TIMEOUT = 1.0
# What a probe may take beyond the timeout: the JSON, the thread hand-over, a busy machine.
SLACK = 1.5


def redis_settings(url: str) -> dict:
    return {
        "CACHES": {"default": {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": url}},
        "CELERY_BROKER_URL": url,
        "CELERY_TASK_ALWAYS_EAGER": False,
        "READYZ_TIMEOUT": TIMEOUT,
    }


def test_healthz_is_ok_without_touching_database_session_or_cookies(
    client, db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    assert "Vary" not in response


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_any_host_and_plain_http(client, db, path):
    """A load balancer probes by the instance's address, over HTTP, even in production."""
    with override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["course.example.org"]):
        response = client.get(path, HTTP_HOST="10.0.3.7:8000")

    assert response.status_code in (200, 503)  # answered, neither 400 nor a redirect
    # ... while every other page still insists on a known host.
    with override_settings(ALLOWED_HOSTS=["course.example.org"]):
        assert client.get("/privacy/", HTTP_HOST="10.0.3.7:8000").status_code == 400


def test_probes_refuse_other_methods(client):
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405


def test_readyz_is_ok_with_real_postgres_and_redis(client, db, require_postgres, require_redis):
    response = client.get("/readyz")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage"} | (
        {"broker"} if "broker" in body["checks"] else set()
    )
    for check in body["checks"].values():
        assert check["status"] == "ok"
        assert 0 <= check["ms"] < TIMEOUT * 1000 * 2
    assert not response.cookies


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()


def test_readyz_follows_redis_dying_and_freezing(client, db, redis_server):
    with override_settings(**redis_settings(redis_server.url(3))):
        assert client.get("/readyz").status_code == 200

        redis_server.freeze()
        started = time.monotonic()
        response = client.get("/readyz")
        elapsed = time.monotonic() - started
        redis_server.thaw()

        assert response.status_code == 503
        checks = response.json()["checks"]
        assert checks["cache"]["status"] == checks["broker"]["status"] == "timeout"
        assert checks["database"]["status"] == "ok"
        assert elapsed < TIMEOUT + SLACK

        redis_server.kill()
        response = client.get("/readyz")

        assert response.status_code == 503
        assert response.json()["checks"]["cache"]["status"] == "error"


def test_readyz_gives_up_on_a_hung_redis_within_the_timeout(client, db):
    silent = SilentServer()
    try:
        with override_settings(**redis_settings(f"redis://127.0.0.1:{silent.port}/0")):
            started = time.monotonic()
            response = client.get("/readyz")
            elapsed = time.monotonic() - started
    finally:
        silent.close()

    assert response.status_code == 503
    assert elapsed < TIMEOUT + SLACK


@pytest.fixture
def hung_database():
    silent = SilentServer()
    yield silent
    silent.close()


@pytest.mark.django_db
def test_a_gunicorn_with_a_hung_database_is_alive_but_not_ready(
    tmp_path, hung_database, require_postgres, require_redis
):
    """The process answers /healthz at once while /readyz says 503 within the timeout."""
    server = Gunicorn(
        tmp_path,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{hung_database.port}/course",
        READYZ_TIMEOUT=str(TIMEOUT),
    ).start()
    try:
        started = time.monotonic()
        response = requests.get(f"{server.base_url}/readyz", timeout=10)
        elapsed = time.monotonic() - started
        alive = requests.get(f"{server.base_url}/healthz", timeout=2)
    finally:
        server.stop()

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["status"] == "timeout"
    assert checks["cache"]["status"] == "ok"
    assert elapsed < TIMEOUT + SLACK
    assert alive.status_code == 200


@pytest.mark.django_db
def test_a_gunicorn_with_a_dead_database_port_is_not_ready(tmp_path, require_postgres):
    dead_port = free_port()  # nothing listens: connections are refused
    server = Gunicorn(
        tmp_path,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{dead_port}/course",
        READYZ_TIMEOUT=str(TIMEOUT),
    ).start()
    try:
        response = requests.get(f"{server.base_url}/readyz", timeout=10)
    finally:
        server.stop()

    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["database"]["status"] == "error"


@pytest.mark.django_db
def test_a_gunicorn_on_the_real_services_is_ready(tmp_path, require_postgres, require_redis):
    server = Gunicorn(tmp_path, DATABASE_URL=database_url()).start()
    try:
        response = requests.get(f"{server.base_url}/readyz", timeout=10)
    finally:
        server.stop()

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ok"
