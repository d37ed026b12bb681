"""gunicorn.conf.py: every setting from the environment, with the defaults the docs give."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SETTINGS = [
    "bind",
    "workers",
    "threads",
    "worker_class",
    "timeout",
    "keepalive",
    "preload_app",
    "max_requests",
    "max_requests_jitter",
    "forwarded_allow_ips",
    "accesslog",
]


def gunicorn_settings(**environment: str) -> dict:
    """The config file's values, read in a fresh process (it sets os.environ)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GUNICORN_", "PROMETHEUS_", "WEB_CONCURRENCY", "PORT"))
    }
    env.update(environment)
    script = (
        "import json, runpy, os; "
        "c = runpy.run_path('gunicorn.conf.py'); "
        f"print(json.dumps({{k: c.get(k) for k in {SETTINGS!r}}} | "
        "{'multiproc': os.environ.get('PROMETHEUS_MULTIPROC_DIR'), "
        "'hooks': [h for h in ('on_starting', 'child_exit') if callable(c.get(h))]}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults():
    config = gunicorn_settings()

    assert config["bind"] == "0.0.0.0:8000"
    assert config["workers"] == 2 * os.cpu_count() + 1
    assert config["threads"] == 1
    assert config["worker_class"] == "sync"
    assert config["timeout"] == 30
    assert config["preload_app"] is True  # workers are forks: cheap to start and to recycle
    assert config["max_requests"] == 1000 and config["max_requests_jitter"] == 100
    assert config["accesslog"] is None  # Django writes the access log
    assert config["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert config["multiproc"] and Path(config["multiproc"]).is_dir()
    assert config["hooks"] == ["on_starting", "child_exit"]


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"PORT": "9000"}, {"bind": "0.0.0.0:9000"}),
        ({"GUNICORN_BIND": "127.0.0.1:8123"}, {"bind": "127.0.0.1:8123"}),
        ({"GUNICORN_WORKERS": "5"}, {"workers": 5}),
        ({"WEB_CONCURRENCY": "4"}, {"workers": 4}),
        ({"GUNICORN_THREADS": "8"}, {"threads": 8, "worker_class": "gthread"}),
        ({"GUNICORN_WORKER_CLASS": "gthread"}, {"worker_class": "gthread"}),
        ({"GUNICORN_TIMEOUT": "60", "GUNICORN_KEEPALIVE": "2"}, {"timeout": 60, "keepalive": 2}),
        ({"GUNICORN_MAX_REQUESTS": "0"}, {"max_requests": 0}),
        ({"GUNICORN_PRELOAD": "false"}, {"preload_app": False}),
        ({"GUNICORN_FORWARDED_ALLOW_IPS": "*"}, {"forwarded_allow_ips": "*"}),
        ({"PROMETHEUS_MULTIPROC_DIR": "/tmp/metrics-here"}, {"multiproc": "/tmp/metrics-here"}),
    ],
)
def test_environment_overrides(environment, expected):
    config = gunicorn_settings(**environment)

    assert {key: config[key] for key in expected} == expected
