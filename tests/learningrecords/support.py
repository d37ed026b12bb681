"""Learners with records of every kind, made through the site's services, and a small Learning
Record Store: a real HTTP server on a free loopback port, run in a thread by the test."""

import base64
import json
import threading
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
from django.utils import timezone

from courses.services.progress import (
    ProgressReport,
    lesson_progress_complete,
    lesson_progress_record,
)
from events.services import event_register
from tests import factories
from tests.events.factories import make_event, make_event_index

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "schemas" / "xapi-statement.schema.json").read_text()
)
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
LRS_KEY = "site-key"
LRS_SECRET = "site-secret-of-the-store"


def statement_errors(statement: dict) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(statement)]


def make_course_with_lessons(*, lessons_per_module=3):
    """A course of two modules of video, audio and written lessons, and an event."""
    course = factories.make_course()
    modules = factories.extend_course(course, modules=2, lessons_per_module=lessons_per_module)
    event = make_event(make_event_index(course), "workshop", title="Workshop on city data")
    return {"course": course, "modules": modules, "event": event}


def play(user, lesson, *, position, played, now):
    lesson_progress_record(
        user=user,
        lesson=lesson,
        report=ProgressReport(position=position, played=played, duration=95.0),
        now=now,
    )


def give_records(user, site, *, now=None):
    """A learner who completed a video, got halfway through an audio lecture, completed a
    written lesson and took a seat at the event."""
    now = now or timezone.now() - timedelta(hours=1)
    video, audio, written = site["modules"][0].get_children().specific()[:3]
    play(user, video, position=30, played=30, now=now)
    for step in range(1, 4):  # a minute apart: each report may credit up to 120 s
        play(user, video, position=30 + step * 22, played=30, now=now + timedelta(minutes=step))
    play(user, video, position=95, played=30, now=now + timedelta(minutes=5))
    play(user, audio, position=50, played=30, now=now)
    lesson_progress_complete(user=user, lesson=written, now=now)
    event_register(event=site["event"], user=user, now=now)
    return {"video": video, "audio": audio, "written": written}


@dataclass
class LearningRecordStore:
    """What the store received: statements by id, every request's status, the headers seen."""

    fail_first: int = 0
    statements: dict = field(default_factory=dict)
    answers: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, handler: BaseHTTPRequestHandler) -> tuple[int, bytes]:
        with self.lock:
            if self.fail_first > 0:
                self.fail_first -= 1
                return 503, b"busy"
            expected = "Basic " + base64.b64encode(f"{LRS_KEY}:{LRS_SECRET}".encode()).decode()
            if handler.headers.get("Authorization") != expected:
                return 401, b"who are you"
            if handler.headers.get("X-Experience-API-Version") != "1.0.3":
                return 400, b"X-Experience-API-Version 1.0.3 is required"
            length = int(handler.headers.get("Content-Length") or 0)
            statement = json.loads(handler.rfile.read(length))
            if statement_errors(statement):
                return 400, b"not a valid statement"
            if statement["id"] in self.statements:
                return 409, b"already stored"
            self.statements[statement["id"]] = statement
            return 200, json.dumps([statement["id"]]).encode()


class _Handler(BaseHTTPRequestHandler):
    store: LearningRecordStore

    def do_POST(self):
        if self.path.rstrip("/") != "/xapi/statements":
            status, body = 404, b"no such resource"
        else:
            status, body = self.server.store.handle(self)
        self.server.store.answers.append(status)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class LrsServer:
    def __init__(self, store: LearningRecordStore):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.store = store
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/xapi/"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()
