"""Helpers for the browser tests.

The site's Content-Security-Policy allows no `eval`, and Playwright's `wait_for_function` builds
its predicate with `new Function` inside the page, so the policy (rightly) refuses it. `wait_until`
polls with `page.evaluate` instead, which the browser runs as its own tooling, outside the policy.
"""

import time


def wait_until(page, expression: str, *, timeout: float = 10_000) -> None:
    """Wait until the JavaScript `expression` is true in `page`, or fail after `timeout` ms."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout / 1000:g} s: {expression}")
        page.wait_for_timeout(50)
