"""Request ids in the logs: every line of a request carries the id the response returned.

The JSON lines are checked twice: in process, through the formatter and filter production
uses, and from a real gunicorn configured as production logs (JSON, access log on), whose
whole output must parse line by line.
"""

import io
import json
import logging
import re

import pytest
import requests
from celery import shared_task

from config.ops.logging import ContextFilter, json_formatter
from tests.config.gunicorn_support import Gunicorn, database_url
from tests.factories import make_course, make_learner


@pytest.fixture
def json_log():
    """The production handler (JSON formatter, context filter) on the root logger, into a
    string; access lines included. Yields a function returning the records written so far."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFilter())
    handler.setFormatter(json_formatter())
    root, access = logging.getLogger(), logging.getLogger("course.access")
    levels = root.level, access.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    access.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(levels[0])
    access.setLevel(levels[1])


def test_a_request_logs_one_access_line_with_the_id_it_returned(client, db, json_log):
    response = client.get("/no-such-page/?token=secret-in-query")

    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    records = json_log()
    # Django's own "Not Found" warning and the access line, both with the request's id.
    assert {record["logger"] for record in records} >= {"django.request", "course.access"}
    assert all(record["request_id"] == request_id for record in records)
    access = next(record for record in records if record["logger"] == "course.access")
    assert access["level"] == "INFO"
    assert access["method"] == "GET"
    assert access["path"] == "/no-such-page/"
    assert access["status"] == 404
    assert access["duration_ms"] >= 0
    assert access["user_id"] is None
    assert "time" in access
    assert "secret-in-query" not in json.dumps(records)


def test_the_access_line_names_the_user_by_number_never_by_email(client, db, json_log):
    learner = make_learner(email="someone@example.org")
    client.force_login(learner)

    response = client.get("/dashboard/")

    access = [record for record in json_log() if record["logger"] == "course.access"]
    assert access[-1]["request_id"] == response["X-Request-ID"]
    assert access[-1]["user_id"] == learner.pk
    assert "someone@example.org" not in json.dumps(json_log())


def test_a_safe_incoming_request_id_is_kept(client, db, json_log):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c21:0042")

    assert response["X-Request-ID"] == "lb-7f3a9c21:0042"


@pytest.mark.parametrize(
    "incoming",
    [
        "short",
        "x" * 129,
        "has spaces in it",
        'quote"and\\backslash',
        "line\nbreak-injected",
        "<script>alert(1)</script>",
        "ünïcödé-request-id",
    ],
)
def test_an_unsafe_incoming_request_id_is_replaced(client, db, json_log, incoming):
    response = client.get("/privacy/", HTTP_X_REQUEST_ID=incoming)

    assert response["X-Request-ID"] != incoming
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert json_log()[-1]["request_id"] == response["X-Request-ID"]


def test_probes_are_logged_below_info(client, json_log):
    client.get("/healthz")

    assert not [record for record in json_log() if record["logger"] == "course.access"]


@shared_task(name="tests.config.log_from_a_task")
def log_from_a_task():
    logging.getLogger("courses.tasks").warning("working on it")


def test_a_task_logs_with_its_task_id(json_log):
    result = log_from_a_task.apply(task_id="c0ffee00-task-id")

    assert result.successful()
    record = next(record for record in json_log() if record["message"] == "working on it")
    assert record["task_id"] == "c0ffee00-task-id"
    assert record["task_name"] == "tests.config.log_from_a_task"


@pytest.mark.django_db(transaction=True)
def test_gunicorn_in_production_logging_writes_only_json_lines(
    tmp_path, require_postgres, require_redis
):
    make_course()  # the site the pages belong to (a transactional test starts without one)
    server = Gunicorn(
        tmp_path,
        DATABASE_URL=database_url(),
        DJANGO_LOG_FORMAT="json",
        DJANGO_ACCESS_LOG="true",
        DJANGO_LOG_LEVEL="INFO",
    ).start()
    try:
        found = requests.get(f"{server.base_url}/privacy/", timeout=30)
        missing = requests.get(
            f"{server.base_url}/no-such-page/", headers={"X-Request-ID": "probe-12345678"}
        )
    finally:
        server.stop()
        output = server.output()

    records = [json.loads(line) for line in output.splitlines() if line.strip()]
    assert {"gunicorn.error", "course.access", "django.request"} <= {r["logger"] for r in records}
    by_id = {}
    for record in records:
        by_id.setdefault(record.get("request_id"), []).append(record)
    found_access = [
        r for r in by_id[found.headers["X-Request-ID"]] if r["logger"] == "course.access"
    ]
    assert [r["status"] for r in found_access] == [200], by_id[found.headers["X-Request-ID"]]
    assert missing.headers["X-Request-ID"] == "probe-12345678"
    assert {r["logger"] for r in by_id["probe-12345678"]} == {"django.request", "course.access"}
