"""Learners watching lectures: each signed in, sending a progress report every 15 seconds.

Run by scripts/loadtest/run.py, which prepares the site and the signed-in accounts and passes
them in LOADTEST_ACCOUNTS (a JSON file: cookie names, a CSRF token, session keys, the lessons
with media). Each simulated learner takes its own account (its session cookie, no sign-in
request: the accounts were signed in once, by the runner) and plays lectures: a progress report
(JSON POST, as static/js/progress.js sends it) every 15 s with the position moving on by 15 s;
when a lecture of LOADTEST_LECTURE_SECONDS has been played, the learner opens the next lesson
page (GET) and plays on. A learner joins part-way through a lecture (a random point of it), so
that the mix of lesson opens and reports is the steady one of a crowd already watching, rather
than everyone opening a page in the same second of the ramp.

The load grows in steps (LOADTEST_STEPS, e.g. "100,200,400"): ramp to the step's learners at
LOADTEST_SPAWN_RATE per second, let the server settle, then measure LOADTEST_HOLD seconds with
statistics reset at the window's start. Each step's figures go, one JSON object per line, to
LOADTEST_RESULTS; the test stops after the first step with p95 at or over LOADTEST_P95_MS or any
failed request, after the last step, or at LOADTEST_DEADLINE seconds.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

import gevent
from locust import LoadTestShape, events, task
from locust.contrib.fasthttp import FastHttpUser

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from steps import StepResult, StepSchedule, step_passes, steps_parse  # noqa: E402

from scripts.benchserver import children_ticks  # noqa: E402

REPORT_SECONDS = 15
ACCOUNTS = json.loads(Path(os.environ["LOADTEST_ACCOUNTS"]).read_text())
LECTURE_SECONDS = float(os.environ.get("LOADTEST_LECTURE_SECONDS", 600))
P95_LIMIT_MS = float(os.environ.get("LOADTEST_P95_MS", 300))
RESULTS = Path(os.environ["LOADTEST_RESULTS"])
SERVER_PID = int(os.environ.get("LOADTEST_SERVER_PID", 0))
CLOCK_TICK = os.sysconf("SC_CLK_TCK")
_accounts = itertools.count()


class Learner(FastHttpUser):
    def on_start(self):
        number = next(_accounts)
        sessions = ACCOUNTS["sessions"]
        cookie = f"{ACCOUNTS['csrf_cookie']}={ACCOUNTS['csrf_token']}; "
        cookie += f"{ACCOUNTS['session_cookie']}={sessions[number % len(sessions)]}"
        self.page_headers = {"Cookie": cookie}
        self.report_headers = {
            "Cookie": cookie,
            "X-CSRFToken": ACCOUNTS["csrf_token"],
            "Content-Type": "application/json",
        }
        lessons = ACCOUNTS["lessons"]
        first = number % len(lessons)
        self.lessons = itertools.cycle(lessons[first:] + lessons[:first])
        self.lesson = next(self.lessons)
        self.left = random.uniform(0, LECTURE_SECONDS)  # joined part-way through a lecture
        self.position = random.uniform(0, self.lesson["duration"])
        # Reports come at a random phase of the 15 s: learners did not all press play together.
        gevent.sleep(random.uniform(0, REPORT_SECONDS))
        self.due = time.monotonic()

    def wait_time(self):
        """Every 15 s from the first report on, however long each took (and none made up)."""
        self.due = max(self.due + REPORT_SECONDS, time.monotonic())
        return self.due - time.monotonic()

    @task
    def play(self):
        if self.left <= 0:
            self.lesson = next(self.lessons)
            self.left, self.position = LECTURE_SECONDS, 0.0
            self.client.get(self.lesson["path"], headers=self.page_headers, name="lesson page")
        duration = self.lesson["duration"]
        played = min(REPORT_SECONDS, duration)
        self.position = min(self.position + played, duration)
        body = {"position": round(self.position, 1), "played": played, "duration": duration}
        self.client.post(
            f"/progress/lessons/{self.lesson['id']}/report/",
            data=json.dumps(body),
            headers=self.report_headers,
            name="progress report",
        )
        self.left -= REPORT_SECONDS
        if self.position >= duration:
            self.position = 0.0  # replays the (short) demo media; the server keeps the furthest


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class LearnerSteps(LoadTestShape):
    def __init__(self):
        super().__init__()
        self.schedule = StepSchedule(
            steps_parse(os.environ.get("LOADTEST_STEPS", "100,200,400")),
            settle=float(os.environ.get("LOADTEST_SETTLE", 3)),
            hold=float(os.environ.get("LOADTEST_HOLD", 15)),
            deadline=float(os.environ.get("LOADTEST_DEADLINE", 330)),
        )
        self.spawn_rate = float(os.environ.get("LOADTEST_SPAWN_RATE", 50))
        self.window: tuple[float, float, int] | None = None

    def tick(self):
        now = self.get_run_time()
        users, event = self.schedule.tick(now, self.get_current_user_count())
        if event == "open":
            self.runner.environment.stats.reset_all()
            self.window = (time.monotonic(), _own_cpu(), children_ticks(SERVER_PID))
        elif event == "close":
            result = self._result(users)
            with RESULTS.open("a") as handle:
                handle.write(json.dumps(result.__dict__) + "\n")
            self.schedule.next_step(passed=step_passes(result, p95_limit_ms=P95_LIMIT_MS), now=now)
            users, _ = self.schedule.tick(now, self.get_current_user_count())
        if users is None:
            return None
        return users, self.spawn_rate

    def _result(self, users: int) -> StepResult:
        started, cpu, ticks = self.window
        seconds = time.monotonic() - started
        total = self.runner.environment.stats.total
        requests = total.num_requests
        server = (children_ticks(SERVER_PID) - ticks) / CLOCK_TICK if SERVER_PID else None
        return StepResult(
            users=users,
            requests=requests,
            failures=total.num_failures,
            seconds=seconds,
            p95_ms=total.get_response_time_percentile(0.95) if requests else None,
            median_ms=total.get_response_time_percentile(0.5) if requests else None,
            client_cpu=(_own_cpu() - cpu) / seconds,
            server_cpu=server / seconds if server is not None else None,
        )


@events.request.add_listener
def _first_failure(request_type, name, response, exception, **kwargs):
    """The first failure of the run, with its reason, for the runner's log."""
    if exception and not getattr(_first_failure, "seen", False):
        _first_failure.seen = True
        status = getattr(response, "status_code", None)
        print(f"first failure: {request_type} {name}: {status} {exception!r}", file=sys.stderr)
