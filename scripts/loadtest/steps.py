"""The load test's step schedule and verdict, kept apart from Locust so both sides can use them.

The locustfile's load shape drives a `StepSchedule` (more learners step by step: ramp up, let the
server settle, then measure a window); run.py reads the step figures it writes and applies
`step_passes` and `largest_passing`. Nothing here imports Locust (whose gevent patching would
change the runner's threads) or Django.
"""

from __future__ import annotations

from dataclasses import dataclass


def steps_parse(text: str) -> list[int]:
    """'100,200,400' → [100, 200, 400]: positive, strictly increasing user counts."""
    steps = [int(part) for part in text.split(",") if part.strip()]
    if not steps or any(step <= 0 for step in steps):
        raise ValueError("steps must be positive user counts")
    if any(later <= earlier for earlier, later in zip(steps, steps[1:], strict=False)):
        raise ValueError("steps must increase")
    return steps


@dataclass(frozen=True)
class StepResult:
    users: int
    requests: int
    failures: int
    seconds: float
    p95_ms: float | None
    median_ms: float | None = None
    client_cpu: float | None = None  # cores busy in the Locust process
    server_cpu: float | None = None  # cores busy in the gunicorn workers

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def step_passes(result: StepResult, *, p95_limit_ms: float) -> bool:
    """p95 under the limit and not one failed request (a window with no requests fails)."""
    return (
        result.requests > 0
        and result.failures == 0
        and result.p95_ms is not None
        and result.p95_ms < p95_limit_ms
    )


def largest_passing(results: list[StepResult], *, p95_limit_ms: float) -> int:
    """The most users a step held before the first step that failed (0 if the first failed)."""
    largest = 0
    for result in results:
        if not step_passes(result, p95_limit_ms=p95_limit_ms):
            break
        largest = max(largest, result.users)
    return largest


class StepSchedule:
    """What the load shape asks for at each moment, and when a measuring window opens or closes.

    For each step: ramp to the step's users at `spawn_rate`, wait until that many run (or
    `ramp_timeout` passes), let the server settle for `settle` seconds, then measure for `hold`
    seconds. `tick(now, running)` returns the users wanted and an event: "open" when the window
    starts (reset the statistics), "close" when it ends (read them), or None. After a close, the
    caller says with `next_step(passed)` whether to go on; the schedule ends (tick returns
    users None) after the last step, after a failed step, or at `deadline` seconds.
    """

    def __init__(
        self,
        steps: list[int],
        *,
        settle: float,
        hold: float,
        ramp_timeout: float = 120,
        deadline: float | None = None,
    ):
        self.steps, self.settle, self.hold = steps, settle, hold
        self.ramp_timeout, self.deadline = ramp_timeout, deadline
        self.index = 0
        self.state = "ramp"
        self.since = 0.0
        self.finished = False

    @property
    def users(self) -> int:
        return self.steps[self.index]

    def tick(self, now: float, running: int) -> tuple[int | None, str | None]:
        if self.finished or (self.deadline is not None and now >= self.deadline):
            self.finished = True
            return None, None
        ramped = running >= self.users or now - self.since >= self.ramp_timeout
        if self.state == "ramp" and ramped:
            self.state, self.since = "settle", now
        if self.state == "settle" and now - self.since >= self.settle:
            self.state, self.since = "hold", now
            return self.users, "open"
        if self.state == "hold" and now - self.since >= self.hold:
            self.state = "closed"
            return self.users, "close"
        return self.users, None

    def next_step(self, *, passed: bool, now: float) -> None:
        if not passed or self.index + 1 >= len(self.steps):
            self.finished = True
            return
        self.index += 1
        self.state, self.since = "ramp", now
