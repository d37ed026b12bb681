"""The load test's step schedule and verdict (scripts/loadtest/steps.py), without Locust."""

import pytest

from scripts.loadtest.steps import (
    StepResult,
    StepSchedule,
    largest_passing,
    step_passes,
    steps_parse,
)


def result(users, *, p95=100, failures=0, requests=50):
    return StepResult(users=users, requests=requests, failures=failures, seconds=15, p95_ms=p95)


def test_steps_are_increasing_positive_counts():
    assert steps_parse("100, 200,400") == [100, 200, 400]
    for text in ("", "0,100", "200,100", "100,100"):
        with pytest.raises(ValueError):
            steps_parse(text)


def test_a_step_passes_only_under_the_limit_with_no_failure_and_some_requests():
    assert step_passes(result(100, p95=299), p95_limit_ms=300)
    assert not step_passes(result(100, p95=300), p95_limit_ms=300)
    assert not step_passes(result(100, failures=1), p95_limit_ms=300)
    assert not step_passes(result(100, requests=0, p95=None), p95_limit_ms=300)


def test_the_figure_is_the_last_step_held_before_the_first_failure():
    steps = [result(100), result(200), result(400, p95=900), result(800)]
    assert largest_passing(steps, p95_limit_ms=300) == 200
    assert largest_passing([result(100, failures=3)], p95_limit_ms=300) == 0
    assert largest_passing([], p95_limit_ms=300) == 0


def test_each_step_ramps_settles_then_measures_a_window():
    schedule = StepSchedule([10, 20], settle=3, hold=15)
    assert schedule.tick(0, running=0) == (10, None)  # ramping
    assert schedule.tick(1, running=10) == (10, None)  # settling from t=1
    assert schedule.tick(4, running=10) == (10, "open")
    assert schedule.tick(10, running=10) == (10, None)
    assert schedule.tick(19, running=10) == (10, "close")
    schedule.next_step(passed=True, now=19)
    assert schedule.tick(19, running=10) == (20, None)
    assert schedule.tick(20, running=20) == (20, None)
    assert schedule.tick(23, running=20) == (20, "open")
    assert schedule.tick(38, running=20) == (20, "close")
    schedule.next_step(passed=True, now=38)
    assert schedule.tick(38, running=20) == (None, None)  # no step left


def test_the_schedule_ends_after_a_failed_step_or_at_its_deadline():
    schedule = StepSchedule([10, 20], settle=0, hold=5)
    schedule.tick(0, running=10)
    schedule.tick(5, running=10)
    schedule.next_step(passed=False, now=5)
    assert schedule.tick(6, running=10) == (None, None)

    bounded = StepSchedule([10, 20], settle=0, hold=5, deadline=3)
    assert bounded.tick(0, running=10) == (10, "open")
    assert bounded.tick(3, running=10) == (None, None)
