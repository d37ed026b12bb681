"""Helpers shared by the test suite.

The helpers for tests that run real servers (a free loopback port, waiting until a port listens,
stopping a process without hanging) are the benchmark scripts' own, from scripts/benchserver.py:
written once, and importable before Django is set up.
"""

import os
from typing import NoReturn

import pytest

from scripts.benchserver import free_port, process_stop, wait_until_listening

__all__ = [
    "env_flag",
    "free_port",
    "page_queries",
    "process_stop",
    "skip_or_fail",
    "wait_until_listening",
]

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_flag(name: str) -> bool:
    """Whether the environment variable `name` is set to a true value (1, true, yes, on)."""
    return os.environ.get(name, "").strip().lower() in TRUE_VALUES


def skip_or_fail(reason: str, env_var: str) -> NoReturn:
    """Skip the current test because `reason`, or fail it when `env_var` demands the resource.

    CI sets REQUIRE_SERVICES=1 and REQUIRE_BROWSER=1, so that a test needing PostgreSQL, Redis
    or Chromium cannot pass there by being skipped.
    """
    if env_flag(env_var):
        pytest.fail(f"{reason}, but {env_var}={os.environ[env_var]} requires it", pytrace=False)
    pytest.skip(f"{reason} (set {env_var}=1 to make this a failure)")


def page_queries(client, url: str) -> int:
    """How many queries a second GET of `url` makes, once caches (site root paths, renditions,
    the navigation) are warm: the figure that must not grow with the amount of content."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)
