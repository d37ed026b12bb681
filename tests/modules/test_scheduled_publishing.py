"""Scheduled publishing: a lesson with a go-live time becomes visible after it, one with an
expiry time is hidden after it, because something runs Wagtail's `publish_scheduled`.

The task is tested in process first (the clock moved with time-machine), then as deployed: a
real `celery -A config beat` sends it on its schedule (every second here through
PUBLISH_SCHEDULED_SECONDS; every minute by default) to a real `celery -A config worker` on
Redis, and the pages answer an anonymous visitor 200 or 404 on the real clock. Last, the
embedded default: `manage.py runserver_beat` runs the schedule in the serving process.
"""

import subprocess
import sys
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from wagtail.models import PageLogEntry

from config.celery import app
from modules.models import LessonPage
from modules.tasks import publish_scheduled_task
from tests.celery_support import (
    REPO_ROOT,
    Beat,
    Broker,
    Worker,
    broker_url,
    celery_environment,
    wait_for,
)
from tests.factories import make_course, make_lesson, make_module
from tests.support import free_port, process_stop, wait_until_listening

TASK = "modules.tasks.publish_scheduled_task"


def schedule_go_live(lesson: LessonPage, at) -> LessonPage:
    """Take the lesson offline and schedule its publication, as an editor does: publishing a
    revision whose go-live time is still ahead only approves it for then."""
    lesson.unpublish()
    lesson.refresh_from_db()
    lesson.go_live_at = at
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert not lesson.live
    return lesson


def schedule_expiry(lesson: LessonPage, at) -> LessonPage:
    lesson.expire_at = at
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert lesson.live
    return lesson


@pytest.fixture
def lessons():
    course = make_course()
    module = make_module(course, 1)
    return module, make_lesson(module, "coming"), make_lesson(module, "going")


# --- the task, in process ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_task_publishes_what_is_due_and_hides_what_has_expired(client, lessons):
    module, coming, going = lessons
    now = timezone.now()
    schedule_go_live(coming, now + timedelta(hours=1))
    schedule_expiry(going, now + timedelta(hours=2))
    assert client.get(coming.url).status_code == 404
    assert "Coming" not in client.get(module.url).content.decode()  # warms the module's cache

    assert publish_scheduled_task() == "0 published, 0 expired"  # nothing due yet
    assert client.get(coming.url).status_code == 404

    with time_machine.travel(now + timedelta(hours=1, minutes=1), tick=False):
        assert publish_scheduled_task() == "1 published, 0 expired"
    assert client.get(coming.url).status_code == 200
    assert client.get(going.url).status_code == 200
    assert "Coming" in client.get(module.url).content.decode()  # the cached list was replaced

    with time_machine.travel(now + timedelta(hours=2, minutes=1), tick=False):
        assert publish_scheduled_task() == "0 published, 1 expired"
    going.refresh_from_db()
    assert going.expired and not going.live
    assert client.get(going.url).status_code == 404
    assert "Going" not in client.get(module.url).content.decode()


def test_beat_runs_it_every_minute_and_a_missed_run_does_not_queue_up():
    entry = settings.CELERY_BEAT_SCHEDULE["publish-scheduled"]
    assert entry["task"] == TASK
    assert entry["schedule"] == 60 == settings.PUBLISH_SCHEDULED_SECONDS
    assert entry["options"]["expires"] == 60
    assert app.tasks[TASK].name == publish_scheduled_task.name == TASK


# --- beat and a worker on Redis, as in the full stack -----------------------------------------


def status(client, url: str) -> int:
    return client.get(url).status_code


def totals(results: list[str]) -> tuple[int, int]:
    """How many lessons the worker's runs published and hid, from what each run returned."""
    runs = [[int(part.split()[0]) for part in result.split(", ")] for result in results]
    return sum(run[0] for run in runs), sum(run[1] for run in runs)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres", "require_redis")
def test_beat_and_a_worker_publish_and_expire_on_time(client, lessons, tmp_path):
    module, coming, going = lessons
    with Broker(broker_url()) as broker:
        environment = celery_environment(
            broker=broker,
            # The site's cache, shared as in the stack, so that the worker's publishing
            # replaces the content this process has cached; the broker stays apart.
            REDIS_URL=settings.REDIS_URL,
            CACHE_KEY_PREFIX=settings.CACHES["default"].get("KEY_PREFIX", ""),
            PUBLISH_SCHEDULED_SECONDS="1",
        )
        worker = Worker(environment=environment, log_path=tmp_path / "worker.log", name="sched")
        beat = Beat(environment=environment, log_path=tmp_path / "beat.log")
        processes = [worker, beat]
        try:
            # Both running: beat sends the task every second and the worker has run it.
            wait_for(
                lambda: worker.results(TASK),
                timeout=60,
                what="a first scheduled run",
                workers=processes,
            )
            go_live = timezone.now() + timedelta(seconds=3)
            expiry = go_live + timedelta(seconds=2)
            schedule_go_live(coming, go_live)
            schedule_expiry(going, expiry)
            assert status(client, coming.url) == 404
            assert status(client, going.url) == 200
            assert "Coming" not in client.get(module.url).content.decode()

            wait_for(
                lambda: status(client, coming.url) == 200,
                timeout=30,
                what="the scheduled lesson to go live",
                workers=processes,
            )
            assert timezone.now() >= go_live
            wait_for(
                lambda: status(client, going.url) == 404,
                timeout=30,
                what="the expiring lesson to be hidden",
                workers=processes,
            )
            assert timezone.now() >= expiry
        finally:
            beat.stop()
            worker.stop()

    assert beat.sent(TASK) >= 3
    assert totals(worker.results(TASK)) == (1, 1)
    coming.refresh_from_db()
    going.refresh_from_db()
    assert coming.live and coming.first_published_at >= go_live
    assert going.expired and not going.live
    hidden = PageLogEntry.objects.get(page=going, action="wagtail.unpublish.scheduled")
    assert hidden.timestamp >= expiry
    module_page = client.get(module.url).content.decode()
    assert "Coming" in module_page and "Going" not in module_page


# --- the embedded default: runserver_beat ---------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("require_postgres")
def test_runserver_beat_publishes_in_the_serving_process(lessons, tmp_path):
    """No broker, tasks in process, a local-memory cache: the lesson goes live, and the module
    page this server has cached lists it, so the schedule ran in the process that serves."""
    module, coming, _going = lessons
    port = free_port()
    environment = celery_environment(
        broker=None,
        PUBLISH_SCHEDULED_SECONDS="1",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )
    base = f"http://127.0.0.1:{port}"

    def answer(path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""

    with (tmp_path / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver_beat", "--noreload", f"127.0.0.1:{port}"],
            cwd=REPO_ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            assert wait_until_listening(port, timeout=60, process=server), "no server"
            go_live = timezone.now() + timedelta(seconds=3)
            schedule_go_live(coming, go_live)
            assert answer(coming.url)[0] == 404
            assert "Coming" not in answer(module.url)[1]
            wait_for(
                lambda: answer(coming.url)[0] == 200,
                timeout=40,
                what="runserver_beat to publish the scheduled lesson",
            )
            assert timezone.now() >= go_live
            assert "Coming" in answer(module.url)[1]
        finally:
            process_stop(server)
    assert "Periodic tasks" in (tmp_path / "server.log").read_text()
