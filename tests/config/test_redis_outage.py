"""A Redis outage is not a site outage: a real redis-server, killed and started again.

Each test starts its own `redis-server` on a free loopback port (no persistence), points the
cache and the Celery broker at it, and kills it (SIGKILL: no goodbye to the clients) or freezes
it (SIGSTOP: connections stay open and nothing answers, as with a hung server or a dropped
network). The site must answer every page and form as usual, only without the cache, and log
that it does; once Redis is back the cache is used again, and a reminder sweep run by a real
worker sends what the outage held back, once.
"""

import logging
import os
import signal
import statistics
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.test import Client, override_settings
from django.utils import timezone

from config.cache import ResilientRedisCache
from config.enqueue import enqueue
from courses.models import Enrolment, LessonProgress, ReminderSend
from events.models import EventRegistration, RegistrationStatus
from events.services import event_register
from events.tasks import event_email_task
from modules.navigation import CACHE_KEY as NAVIGATION_KEY
from tests.courses.reminder_worker_support import (
    Broker,
    SMTPServer,
    Worker,
    make_due_learner,
    wait_until_settled,
    worker_environment,
)
from tests.events.factories import make_event, make_event_index
from tests.factories import make_course, make_learner, make_lesson, make_module
from tests.support import free_port, skip_or_fail

REDIS_SERVER = "/usr/bin/redis-server"
PASSWORD = "a-long-passphrase"
KEY_PREFIX = "outage-test"
# Quicker than production (5 s), so that the test need not wait long for the cache to be tried
# again after Redis comes back.
RETRY_AFTER = 0.2


class RedisServer:
    """`redis-server` on 127.0.0.1:`port`, nothing written to disk; kill, freeze, start again."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("redis-server did not start") from None
                time.sleep(0.02)
        client.close()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # in case it was frozen
            self.process.kill()
            self.process.wait(timeout=10)

    def freeze(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def key_names(self, db: int = 0) -> list[str]:
        client = redis.Redis(port=self.port, db=db)
        try:
            return [key.decode() for key in client.keys("*")]
        finally:
            client.close()


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of the test's own, killed at the end whatever happens."""
    if not os.access(REDIS_SERVER, os.X_OK):
        skip_or_fail(
            f"{REDIS_SERVER} is not installed (apt-get install redis-server)", "REQUIRE_SERVICES"
        )
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()


def cache_settings(server: RedisServer) -> dict:
    """The CACHES of config.settings.base, pointed at `server`."""
    return {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": server.url(0),
            "KEY_PREFIX": KEY_PREFIX,
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.5,
                "RETRY_AFTER": RETRY_AFTER,
            },
        }
    }


@pytest.fixture
def site_on(redis_server):
    """The site's cache and its Celery broker (database 1, not eager) on `redis_server`."""
    from config.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_server.url(1)
    try:
        with override_settings(CACHES=cache_settings(redis_server)):
            yield redis_server
    finally:
        for key, value in saved.items():
            app.conf[key] = value


def timed(call):
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def median_seconds(client, url: str, times: int = 5) -> float:
    samples = []
    for _ in range(times):
        response, seconds = timed(lambda: client.get(url))
        assert response.status_code == 200
        samples.append(seconds)
    return statistics.median(samples)


# --- the backend on its own ---------------------------------------------------------------------


@pytest.fixture
def backend(redis_server):
    return ResilientRedisCache(
        redis_server.url(0),
        {
            "KEY_PREFIX": KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5, "RETRY_AFTER": 0},
        },
    )


def test_the_backend_answers_as_an_empty_cache_while_redis_is_down(redis_server, backend, caplog):
    backend.set("kept", "value")
    backend.set("count", 1)
    assert backend.get("kept") == "value"
    redis_server.kill()

    with caplog.at_level(logging.WARNING, logger="config.cache"):
        assert backend.get("kept") is None
        assert backend.get("kept", "fallback") == "fallback"
        assert backend.get_many(["kept", "count"]) == {}
        assert backend.has_key("kept") is False
        assert backend.get_or_set("computed", lambda: "fresh") == "fresh"
        assert backend.add("new", "value") is True  # absent from an empty cache, so added...
        assert backend.get("new") is None  # ...but not kept
        assert backend.set("kept", "other") is None
        assert backend.set_many({"a": 1, "b": 2}) == ["a", "b"]  # keys that were not stored
        assert backend.touch("kept") is False
        assert backend.delete("kept") is False
        assert backend.delete_many(["a", "b"]) is None
        with pytest.raises(ValueError, match="not found"):
            backend.incr("count")
        backend.clear()

    warnings = [r for r in caplog.records if r.name == "config.cache"]
    assert len(warnings) == 1, "an outage is logged once per LOG_EVERY seconds, not per call"
    assert warnings[0].levelno == logging.WARNING
    assert "Redis is unreachable" in warnings[0].getMessage()

    redis_server.start()  # an empty Redis again
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        backend.set("kept", "again")
        assert backend.get("kept") == "again"
        assert backend.add("count", 1) is True
        assert backend.incr("count") == 2
    assert "Redis is reachable again" in caplog.records[-1].getMessage()


def test_an_unreachable_rate_limit_is_logged_as_an_error(redis_server, backend, caplog):
    redis_server.kill()
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        assert backend.add("allauth:rl:allauth.account:login_failed:5/300/key:abc:lock", True)
    (record,) = caplog.records
    assert record.levelno == logging.ERROR
    assert "rate limits are NOT enforced" in record.getMessage()


def test_after_a_failure_the_backend_pauses_instead_of_waiting_on_each_call(redis_server):
    paused = ResilientRedisCache(
        redis_server.url(0),
        {"OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5, "RETRY_AFTER": 30}},
    )
    paused.set("key", "value")
    redis_server.freeze()
    try:
        _, first = timed(lambda: paused.get("key"))
        _, rest = timed(lambda: [paused.get("key") for _ in range(100)])
    finally:
        redis_server.thaw()
    assert 0.4 < first < 1.5, "a frozen Redis costs one socket timeout"
    assert rest < 0.05, "then nothing, until RETRY_AFTER has passed"
    assert paused.available is False


def test_enqueueing_with_the_broker_down_logs_and_returns_at_once(site_on, caplog):
    assert enqueue(event_email_task, 1, "seat", "a-period") is True
    site_on.kill()
    with caplog.at_level(logging.WARNING, logger="config.enqueue"):
        done, seconds = timed(lambda: enqueue(event_email_task, 1, "seat", "a-period"))
    assert done is False
    assert seconds < 0.5
    assert "was not enqueued" in caplog.text
    site_on.start()
    assert enqueue(event_email_task, 1, "seat", "a-period") is True


# --- the site -----------------------------------------------------------------------------------


@pytest.fixture
def site(db):
    course = make_course()
    module = make_module(course, 1)
    reading = make_lesson(module, "reading", title="Reading about streets")
    video = make_lesson(module, "lecture", kind="video", title="A lecture")
    index = make_event_index(course)
    event = make_event(index, "workshop", capacity=1)
    return {"course": course, "module": module, "reading": reading, "video": video, "event": event}


def exercise_the_site(site, learner) -> dict[str, tuple[int, float]]:
    """Every kind of request a visitor and a learner make; status and seconds of each."""
    anonymous, signed_in = Client(), Client()
    seat_holder = Client()
    seat_holder.force_login(learner["seat"])
    reading, video, event = site["reading"], site["video"], site["event"]
    calls = {
        "course home": lambda: anonymous.get("/"),
        "module page": lambda: anonymous.get(site["module"].url),
        "lesson page": lambda: anonymous.get(reading.url),
        "search": lambda: anonymous.get("/search/", {"q": "streets"}),
        "events index": lambda: anonymous.get("/events/"),
        "login page": lambda: anonymous.get("/accounts/login/"),
        "wrong password": lambda: anonymous.post(
            "/accounts/login/", {"login": learner["login"].email, "password": "wrong"}
        ),
        "login": lambda: signed_in.post(
            "/accounts/login/", {"login": learner["login"].email, "password": PASSWORD}
        ),
        "sign-up": lambda: Client().post(
            "/accounts/signup/",
            {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
        ),
        "dashboard": lambda: signed_in.get("/dashboard/"),
        "progress report": lambda: signed_in.post(
            f"/progress/lessons/{video.pk}/report/",
            {"position": 20, "played": 14},
            content_type="application/json",
        ),
        "mark complete": lambda: signed_in.post(f"/progress/lessons/{reading.pk}/complete/"),
        "event registration": lambda: signed_in.post(f"/events/{event.pk}/register/"),
        # Frees the only seat: the waiting learner moves up and is to be emailed.
        "event cancellation": lambda: seat_holder.post(f"/events/{event.pk}/cancel/"),
    }
    results = {}
    for name, call in calls.items():
        response, seconds = timed(call)
        results[name] = (response.status_code, seconds)
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres", "require_redis")
def test_with_redis_killed_the_site_answers_and_after_a_restart_reminders_go_once(
    site, site_on, caplog, tmp_path
):
    redis_server = site_on
    now = timezone.now()
    learner = {
        "login": make_learner("learner@example.org", PASSWORD),
        "seat": make_learner("seat@example.org"),
    }
    waiting = make_learner("waiting@example.org")
    make_due_learner(site["course"], "due@example.org", now=now)
    assert event_register(event=site["event"], user=learner["seat"]).outcome == "registered"
    assert event_register(event=site["event"], user=waiting).outcome == "waitlisted"

    client = Client()
    assert client.get("/").status_code == 200
    assert f"{KEY_PREFIX}:1:{NAVIGATION_KEY}:en" in redis_server.key_names(), "the cache is in use"
    normal = median_seconds(client, site["reading"].url)

    redis_server.kill()
    with caplog.at_level(logging.WARNING):
        results = exercise_the_site(site, learner)
        dead = median_seconds(client, site["reading"].url)
        # allauth's limits cannot count without the cache: they fail open (config/cache.py).
        wrong = [
            Client().post("/accounts/login/", {"login": "learner@example.org", "password": "x"})
            for _ in range(12)
        ]

    statuses = {name: status for name, (status, _) in results.items()}
    assert all(200 <= status < 400 for status in statuses.values()), statuses
    assert statuses["login"] == 302 and statuses["sign-up"] == 302
    assert statuses["wrong password"] == 200
    assert {response.status_code for response in wrong} == {200}
    # What the requests did is stored.
    reading, video = site["reading"], site["video"]
    progress = {p.lesson_id: p for p in LessonProgress.objects.filter(user=learner["login"])}
    assert progress[reading.pk].completed_at is not None
    assert progress[video.pk].seconds_played == 14
    assert Enrolment.objects.filter(user=learner["login"]).exists()
    registrations = EventRegistration.objects.filter(event=site["event"])
    assert registrations.get(user=learner["login"]).status == RegistrationStatus.WAITLISTED
    assert registrations.get(user=waiting).status == RegistrationStatus.REGISTERED
    assert registrations.get(user=learner["seat"]).status == RegistrationStatus.CANCELLED
    # ...and logged, briefly.
    cache_warnings = [r for r in caplog.records if r.name == "config.cache"]
    assert cache_warnings and len(cache_warnings) <= 2  # the cache, and the rate limits
    assert any("rate limits are NOT enforced" in r.getMessage() for r in cache_warnings)
    assert "events.tasks.event_email_task" in "\n".join(
        r.getMessage() for r in caplog.records if r.name == "config.enqueue"
    )
    slowest = max(results.items(), key=lambda item: item[1][1])
    print(
        f"\nlesson page, median of 5: {normal * 1000:.1f} ms with Redis, "
        f"{dead * 1000:.1f} ms with Redis killed; slowest request while down: "
        f"{slowest[0]} {slowest[1][1] * 1000:.0f} ms"
    )
    assert dead < normal + 0.25, "a dead Redis must not slow pages down"

    # Redis comes back (empty, as after a crash): the cache is used again.
    redis_server.start()
    time.sleep(RETRY_AFTER)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        assert client.get("/").status_code == 200
    assert f"{KEY_PREFIX}:1:{NAVIGATION_KEY}:en" in redis_server.key_names()
    assert "Redis is reachable again" in caplog.text

    # The sweeps find in the database what the outage held back: the due course reminder, and
    # the seat email the cancellation could not enqueue. Run twice, they send each once.
    with SMTPServer() as smtp, Broker(redis_server.url(1)) as broker:
        worker = Worker(
            environment=worker_environment(broker=broker, smtp=smtp),
            log_path=tmp_path / "worker.log",
            name="outage-test",
        )
        try:
            for _ in range(2):
                broker.send_sweep()
                send_event_sweep(broker)
                wait_until_settled(broker, workers=[worker])
        finally:
            worker.stop()
        assert smtp.handler.per_recipient() == {"due@example.org": 1, "waiting@example.org": 1}
    seat = ReminderSend.objects.get(kind=ReminderSend.KIND_EVENT_SEAT)
    assert (seat.user, seat.status) == (waiting, "sent")


def send_event_sweep(broker: Broker) -> None:
    """Publish the event sweep as beat does (see Broker.send_sweep)."""
    import warnings

    from celery.exceptions import AlwaysEagerIgnored

    from config.celery import app

    with app.connection_for_write(broker.url) as connection, warnings.catch_warnings():
        warnings.simplefilter("ignore", AlwaysEagerIgnored)
        app.send_task("events.tasks.event_reminder_sweep", connection=connection)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres", "require_redis")
def test_a_frozen_redis_costs_one_timeout_not_one_per_request(site, site_on, caplog):
    """A Redis that accepts connections and never answers (SIGSTOP) is the slow case: the first
    request waits for the cache's socket timeout once, the next ones do not wait at all; a
    request that enqueues a task waits at most a second for the broker."""
    redis_server = site_on
    seat_holder = make_learner("learner@example.org", PASSWORD)
    assert event_register(event=site["event"], user=seat_holder).outcome == "registered"
    waiting = make_learner("waiting@example.org")
    assert event_register(event=site["event"], user=waiting).outcome == "waitlisted"
    client = Client()
    client.force_login(seat_holder)
    url = site["reading"].url
    normal = median_seconds(client, url)
    # Production's pause after a failure, long enough for the requests below.
    settings = cache_settings(redis_server)
    settings["default"]["OPTIONS"]["RETRY_AFTER"] = 30
    with override_settings(CACHES=settings):
        assert client.get(url).status_code == 200
        redis_server.freeze()
        try:
            with caplog.at_level(logging.WARNING):
                _, first = timed(lambda: client.get(url))
                frozen = median_seconds(client, url)
                # Frees the seat: the waiting learner moves up, and their email is enqueued.
                cancellation, cancelling = timed(
                    lambda: client.post(f"/events/{site['event'].pk}/cancel/")
                )
        finally:
            redis_server.thaw()
    print(
        f"\nlesson page: {normal * 1000:.1f} ms with Redis; with Redis frozen, first request "
        f"{first * 1000:.0f} ms, then a median of {frozen * 1000:.1f} ms; a cancellation that "
        f"enqueues an email {cancelling * 1000:.0f} ms"
    )
    assert first < normal + 1.0
    assert frozen < normal + 0.25
    assert cancellation.status_code == 302
    assert cancelling < normal + 1.5
    assert "was not enqueued" in caplog.text
