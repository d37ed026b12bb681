"""gunicorn's settings, from the environment (docs/operations.md argues the choices).

Sync workers by default: Django and Wagtail are synchronous and the work is short and bound to
the database; media never passes through the workers in production (object storage, the CDN or
Varnish serve it). GUNICORN_WORKER_CLASS=gthread with GUNICORN_THREADS > 1 suits an instance
with less memory than processes would want. The access log is Django's (JSON, with request ids,
config.ops.middleware), so gunicorn's stays off.

Prometheus: every worker keeps its own counters, so they are written to files in
PROMETHEUS_MULTIPROC_DIR (a fresh temporary directory unless set) and added up at scrape time;
workers recycled by max_requests keep their counts, and child_exit marks them dead.
"""

import multiprocessing
import os
import tempfile
from pathlib import Path

from gunicorn.glogging import CONFIG_DEFAULTS


def number(name: str, default: int | float):
    value = os.environ.get(name, "").strip()
    return type(default)(value) if value else default


bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{number('PORT', 8000)}"
workers = number("GUNICORN_WORKERS", number("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
threads = number("GUNICORN_THREADS", 1)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or ("gthread" if threads > 1 else "sync")
timeout = number("GUNICORN_TIMEOUT", 30)
graceful_timeout = number("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle keep-alive connection from the proxy stays open (gthread; sync workers close
# each connection). Above the proxy's own idle timeout it would cut connections under it.
keepalive = number("GUNICORN_KEEPALIVE", 5)
# The site is imported once, in the master, and each worker is a fork of it: a worker starts (or
# is recycled) in milliseconds instead of spending a second or two of CPU importing Django and
# Wagtail again while the others carry its share. Nothing opens a connection at import time;
# code changes need a restart rather than a HUP (GUNICORN_PRELOAD=false to reload on HUP).
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").strip().lower() not in ("0", "false", "no")
# Recycle each worker after about this many requests (0: never), spread by the jitter so that
# they do not all restart at once.
max_requests = number("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = number("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Addresses whose X-Forwarded-* headers gunicorn believes: the proxy's. "*" only where nothing
# but the proxy can reach gunicorn (docker compose publishes no port of the web services).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Heartbeat files in memory, not on a container's overlay disk that can stall (gunicorn's own
# advice); gunicorn makes its files there with unpredictable names, so B108 does not apply.
if os.path.isdir("/dev/shm"):  # nosec B108
    worker_tmp_dir = "/dev/shm"  # nosec B108

# gunicorn's own lines (booting, worker timeouts) as JSON when the site logs JSON.
settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.production")
log_format = os.environ.get("DJANGO_LOG_FORMAT") or (
    "json" if settings_module.endswith(".production") else "text"
)
if log_format == "json":
    logconfig_dict = {
        **CONFIG_DEFAULTS,
        "loggers": {
            **CONFIG_DEFAULTS["loggers"],
            # A logging configuration would turn gunicorn's access log back on; Django's is the
            # one we keep.
            "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        },
        "formatters": {"json": {"()": "config.ops.logging.json_formatter"}},
        "handlers": {
            name: {"class": "logging.StreamHandler", "formatter": "json", "stream": stream}
            for name, stream in (
                ("console", "ext://sys.stdout"),
                ("error_console", "ext://sys.stderr"),
            )
        },
    }

# Set here, in the master, before any worker imports prometheus_client.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="prometheus-")


def on_starting(server):
    """Start from empty metric files: figures of an earlier run would be added to ours."""
    directory = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
