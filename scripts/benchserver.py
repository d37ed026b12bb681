"""What the benchmark scripts and the tests share to run real servers: ports, processes, CPU.

A benchmark or test that starts gunicorn, varnishd or moto_server needs the same few things: a
free loopback port, a way to know the server listens, a stop that cannot hang (terminate, then
kill), and, for the CPU figures, the server's worker processes and their CPU time from /proc.
They live here once, with no import outside the standard library, so that a script can use them
before Django is set up and tests/support.py can hand them to the tests. Linux only (/proc).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


# --- ports and processes ---------------------------------------------------------------------


def free_port() -> int:
    """A loopback port nothing listens on (free when asked; bind it soon)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    """Whether something accepts connections on the loopback `port` (raises OSError if not)."""
    socket.create_connection((HOST, port), timeout=1).close()
    return True


def wait_until_listening(
    port: int, *, timeout: float, process: subprocess.Popen | None = None, interval: float = 0.1
) -> bool:
    """Poll until a connection to `port` is accepted: True; False once `timeout` seconds have
    passed or `process` (the server, if given) has exited. The caller says what failed."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return listening(port)
        except OSError:
            if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
                return False
            time.sleep(interval)


def process_stop(process: subprocess.Popen, timeout: float = 10) -> None:
    """Terminate `process`; if it has not exited after `timeout` seconds, kill it. Reaped either
    way, so no zombie is left behind."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (gunicorn's workers, for its master)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The parent pid is the second field after the parenthesised command name.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def cpu_ticks(pid: int) -> int:
    """utime + stime of a process, in clock ticks (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5)


def reaped_children_ticks(pid: int) -> int:
    """The CPU clock ticks of `pid`'s children that have exited and been waited for (a worker
    gunicorn recycled), 0 once `pid` has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[13]) + int(fields[14])  # cutime and cstime, fields 16 and 17 of proc(5)


def children_ticks(pid: int) -> int:
    """The CPU clock ticks of `pid`'s child processes, live and exited, summed."""
    return reaped_children_ticks(pid) + sum(cpu_ticks(child) for child in children(pid))


# --- gunicorn --------------------------------------------------------------------------------


def production_env(
    *,
    database_url: str,
    static_root: Path,
    media_root: Path,
    redis_url: str | None = None,
    broker_url: str | None = None,
) -> dict[str, str]:
    """The environment of a production process on loopback (plain HTTP, no SSL redirect)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "CELERY_", "DATABASE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(media_root),
        CELERY_BROKER_URL=broker_url or "memory://localhost/",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


class Gunicorn:
    """`gunicorn config.wsgi:application` on a free loopback port, from the repository root.

    Started in the constructor, which returns once the master has `workers` children and
    `ready(port)` holds (by default: the port accepts connections); `options` are further
    command-line options (worker class, timeout ...). Output goes to `log` if given (appended),
    else to this process's own. Raises RuntimeError, with the server stopped, if gunicorn exits
    or is not ready within `timeout` seconds.
    """

    def __init__(
        self,
        env: dict[str, str],
        *,
        workers: int = 1,
        options: Sequence[str] = (),
        log: Path | None = None,
        timeout: float = 60,
        ready: Callable[[int], bool] = listening,
    ):
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self.log = log.open("ab") if log else None
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(workers),
                *options,
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT if self.log else None,
        )
        try:
            self.worker_pids = self._wait(workers=workers, timeout=timeout, ready=ready)
        except BaseException:
            self.stop()
            raise

    def _wait(self, *, workers: int, timeout: float, ready: Callable[[int], bool]) -> list[int]:
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                see = f"; see {self.log.name}" if self.log else ""
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}{see}")
            pids = children(self.process.pid)
            if len(pids) >= workers:
                try:
                    if ready(self.port):
                        return pids
                except OSError:  # refused, or the worker is still booting
                    pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within {timeout:g} s")
            time.sleep(0.2)

    def worker_ticks(self) -> dict[int, int]:
        """CPU clock ticks of each current worker, by pid, and under 0 those of every worker
        that has exited (recycled by max_requests), so that differences lose none."""
        ticks = {pid: cpu_ticks(pid) for pid in children(self.process.pid)}
        ticks[0] = reaped_children_ticks(self.process.pid)
        return ticks

    def stop(self, timeout: float = 30) -> None:
        process_stop(self.process, timeout=timeout)
        if self.log:
            self.log.close()
