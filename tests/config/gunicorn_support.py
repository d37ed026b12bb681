"""Real gunicorn processes for the operations tests, started from the repo's gunicorn.conf.py.

Each serves the test settings on a free loopback port, with the environment the test gives
(the test database's URL, Redis, a dead port ...), and is stopped at the end of the test.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.conf import settings

from tests.support import free_port, process_stop

REPO_ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The URL of the database the test runs against (pytest-django's test database)."""
    database = settings.DATABASES["default"]
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return (
        f"postgres://{database['USER']}{password}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


class Gunicorn:
    """`gunicorn -c gunicorn.conf.py config.wsgi:application` on 127.0.0.1:`port`."""

    def __init__(self, tmp_path: Path, **environment: str):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp_path / f"gunicorn-{self.port}.log"
        self.environment = {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": "1",
            "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / f"prometheus-{self.port}"),
            **environment,
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> "Gunicorn":
        env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
        env.update(self.environment)
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(REPO_ROOT / "gunicorn.conf.py"),
                "config.wsgi:application",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{self.base_url}/healthz", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:  # refused, or the worker is still booting
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"gunicorn did not start:\n{self.output()}")
            time.sleep(0.1)

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process is not None:
            process_stop(self.process, timeout=20)
        self.log.close()


class SilentServer:
    """A TCP port that takes connections and never answers: a hung PostgreSQL or Redis."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)  # never accepted: the kernel completes the handshakes
        self.port = self.socket.getsockname()[1]

    def close(self) -> None:
        self.socket.close()
