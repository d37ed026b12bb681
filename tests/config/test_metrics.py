"""/metrics: behind a bearer token, counting requests by route (never by raw path), and
reading queue lengths, recent reminders and the outbox backlog from Redis and the database."""

import uuid

import pytest
import redis
import requests
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from courses.models import ReminderSend, ReminderStatus
from courses.services.progress import enrolment_start
from mailing.models import OutboxEmail
from tests.config.gunicorn_support import Gunicorn, database_url
from tests.factories import make_course, make_learner

TOKEN = "a-metrics-token-of-some-length"


def scrape(client) -> dict:
    """{(sample name, sorted labels): value} from one authorised scrape."""
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200, response.content
    return parse(response.content.decode())


def parse(text: str) -> dict:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def requests_counted(samples: dict, **labels) -> float:
    key = ("course_http_requests_total", tuple(sorted(labels.items())))
    return samples.get(key, 0)


def test_without_a_configured_token_metrics_does_not_exist(client, db):
    with override_settings(METRICS_TOKEN=""):
        assert client.get("/metrics").status_code == 404
        assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x"],
)
def test_metrics_refuses_anyone_without_the_token(client, db, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization is not None else {}
    with override_settings(METRICS_TOKEN=TOKEN):
        response = client.get("/metrics", **headers)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"course_http_requests" not in response.content


@override_settings(METRICS_TOKEN=TOKEN)
def test_a_request_increments_the_counter_of_its_route(client, db):
    before = scrape(client)

    assert client.get("/privacy/").status_code == 200

    after = scrape(client)
    labels = {"method": "GET", "route": "privacy", "status": "2xx"}
    assert requests_counted(after, **labels) == requests_counted(before, **labels) + 1
    latency = ("course_http_request_duration_seconds_count", (("route", "privacy"),))
    assert after[latency] == before.get(latency, 0) + 1


@override_settings(METRICS_TOKEN=TOKEN)
def test_paths_never_become_labels(client, db):
    """However many URLs visitors try, the number of series stays bounded."""
    random_paths = [f"/probe-{uuid.uuid4().hex}/" for _ in range(5)]
    for path in random_paths:
        client.get(path)
    client.generic("BREW", "/privacy/")

    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")

    text = response.content.decode()
    assert not any(path.strip("/") in text for path in random_paths)
    assert "BREW" not in text
    samples = parse(text)
    assert requests_counted(samples, method="other", route="privacy", status="4xx") >= 1


@override_settings(METRICS_TOKEN=TOKEN)
def test_metrics_reads_reminders_and_the_outbox_from_the_database(client, db):
    learner = make_learner()
    enrolment = enrolment_start(user=learner, course=make_course())
    now = timezone.now()
    for period, status in [("a", ReminderStatus.SENT), ("b", ReminderStatus.SENT)]:
        ReminderSend.objects.create(
            user=learner,
            enrolment=enrolment,
            period=period,
            status=status,
            claimed_at=now,
            sent_at=now,
        )
    ReminderSend.objects.create(
        user=learner,
        enrolment=enrolment,
        period="old",
        status=ReminderStatus.SENT,
        claimed_at=now - timezone.timedelta(days=2),
    )
    OutboxEmail.objects.create(from_email="course@example.org", to=["someone@example.org"])
    OutboxEmail.objects.create(
        from_email="course@example.org", to=["other@example.org"], failed_at=now
    )

    samples = scrape(client)

    kind = ReminderSend.KIND_COURSE_INACTIVITY
    key = ("course_reminders_last_24h", (("kind", kind), ("status", "sent")))
    assert samples[key] == 2
    assert samples[("course_outbox_waiting", ())] == 1
    assert samples[("course_outbox_failed", ())] == 1
    assert samples[("course_outbox_due", ())] == 1
    assert samples[("course_outbox_oldest_waiting_seconds", ())] >= 0
    assert "someone@example.org" not in str(samples)


def test_metrics_reads_celery_queue_lengths_from_the_broker(client, db, require_redis):
    queue = f"metrics-test-{uuid.uuid4().hex}"
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    broker.rpush(queue, "message-1", "message-2", "message-3")
    try:
        with override_settings(METRICS_TOKEN=TOKEN, CELERY_TASK_DEFAULT_QUEUE=queue):
            samples = scrape(client)
    finally:
        broker.delete(queue)
        broker.close()

    assert samples[("course_celery_queue_length", (("queue", queue),))] == 3


@pytest.mark.django_db(transaction=True)
def test_two_gunicorn_workers_report_one_sum(tmp_path, require_postgres, require_redis):
    """Multiprocess mode: whichever worker answers the scrape, it counts every worker's requests."""
    server = Gunicorn(
        tmp_path, DATABASE_URL=database_url(), GUNICORN_WORKERS="2", METRICS_TOKEN=TOKEN
    ).start()
    try:
        before = parse(
            requests.get(
                f"{server.base_url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
            ).text
        )
        # Separate connections, so that both workers take some of them.
        for _ in range(20):
            assert requests.get(f"{server.base_url}/healthz", timeout=30).status_code == 200
        scrapes = [
            parse(
                requests.get(
                    f"{server.base_url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
                ).text
            )
            for _ in range(4)
        ]
    finally:
        server.stop()

    labels = {"method": "GET", "route": "healthz", "status": "2xx"}
    for samples in scrapes:
        assert requests_counted(samples, **labels) - requests_counted(before, **labels) == 20
