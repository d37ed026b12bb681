"""Liveness (`/healthz`) and readiness (`/readyz`) for load balancers and orchestrators.

`/healthz` says only that the process answers: no database, no cache, no session, no cookie.
A load balancer that restarts or drops instances on it must not do so because PostgreSQL is
slow (every instance would go at once). `/readyz` says whether this instance can serve pages
now: the database answers `SELECT 1`, Redis answers PING (the cache, and the Celery broker when
that is Redis too), and the file storage answers. Each check runs in a thread of a small pool
of its own and the answer waits for all of them for at most READYZ_TIMEOUT seconds, so that a
hung dependency (a frozen server keeps the connection open and says nothing) makes the instance
unready within the timeout instead of holding the probe. The JSON body names each check's
status and latency; the status code is 200 when all are ok, 503 otherwise. Error details stay
in the log, not in the body, which anyone may fetch.

`ProbeMiddleware` answers the probes (and `/metrics`) at the top of the middleware stack:

- before the SSL redirect: load balancers probe instances over plain HTTP inside the network
  (production also lists them in SECURE_REDIRECT_EXEMPT);
- before ALLOWED_HOSTS is checked: they probe by the instance's address (`10.0.3.7:8000`),
  which is not a host name of the site. Skipping the check is safe here because nothing in
  these responses is built from the Host header (no absolute links, no redirects, no emails)
  and none of them is cached (`Cache-Control: no-store`): there is nothing to poison. Every
  other path still goes through the check;
- before sessions, CSRF, locale and authentication: no cookie, no session read, no query.
"""

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait

import redis
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.ops.metrics import metrics

logger = logging.getLogger(__name__)

STORAGE_PROBE_NAME = "readyz-probe"
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
# Enough threads for every check of two probes at once; when a hung dependency keeps them
# busy, later checks wait in the queue and count as timed out, so hung probes cannot pile up
# threads without bound.
_executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="readyz")
_executor_lock = threading.Lock()


@never_cache
@require_safe
def healthz(request):
    """The process is up and answering."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def check_database(timeout: float) -> None:
    # A fresh connection each time, closed afterwards: it proves that new connections can be
    # made, and a pool thread never holds a connection between probes.
    connection = connections.create_connection("default")
    try:
        if connection.vendor == "postgresql":
            connection.settings_dict = {
                **connection.settings_dict,
                "OPTIONS": {
                    **connection.settings_dict.get("OPTIONS", {}),
                    "connect_timeout": max(1, round(timeout)),
                },
            }
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()


def redis_check(url: str):
    def check(timeout: float) -> None:
        client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
        try:
            client.ping()
        finally:
            client.close()

    return check


def check_storage(timeout: float) -> None:
    default_storage.exists(STORAGE_PROBE_NAME)


def readiness_checks() -> dict:
    """The checks that apply to this configuration, by name."""
    checks = {"database": check_database}
    cache = settings.CACHES["default"]
    if "redis" in cache["BACKEND"].lower():
        location = cache["LOCATION"]
        checks["cache"] = redis_check(location if isinstance(location, str) else location[0])
    broker = settings.CELERY_BROKER_URL or ""
    if broker.startswith(REDIS_SCHEMES) and not settings.CELERY_TASK_ALWAYS_EAGER:
        checks["broker"] = redis_check(broker)
    checks["storage"] = check_storage
    return checks


def timed(name: str, check, timeout: float) -> float:
    started = time.perf_counter()
    try:
        check(timeout)
    except Exception:
        logger.warning("Readiness check %s failed", name, exc_info=True)
        raise
    return time.perf_counter() - started


def readiness(*, timeout: float) -> tuple[bool, dict]:
    """Run every check at once; (all ok, {name: {"status", "ms"}}) within `timeout` seconds."""
    started = time.perf_counter()
    with _executor_lock:
        futures = {
            name: _executor.submit(timed, name, check, timeout)
            for name, check in readiness_checks().items()
        }
    wait(futures.values(), timeout=timeout)
    results = {}
    for name, future in futures.items():
        if not future.done():
            future.cancel()  # still queued behind hung checks: never starts
            waited = (time.perf_counter() - started) * 1000
            results[name] = {"status": "timeout", "ms": round(waited, 1)}
            logger.warning("Readiness check %s gave no answer within %s s", name, timeout)
        elif future.exception() is not None:
            results[name] = {"status": "error", "ms": None}
        else:
            results[name] = {"status": "ok", "ms": round(future.result() * 1000, 1)}
    return all(result["status"] == "ok" for result in results.values()), results


@never_cache
@require_safe
def readyz(request):
    """200 when the database, Redis and the storage answer in time, 503 otherwise."""
    ok, checks = readiness(timeout=settings.READYZ_TIMEOUT)
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )


class ProbeMiddleware:
    """Answers the probes and the metrics endpoint first of all (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            view = {"/healthz": healthz, "/readyz": readyz}.get(request.path_info)
            if view is None and request.path_info == "/metrics" and settings.METRICS_TOKEN:
                view = metrics  # without a token /metrics is an ordinary 404
            if view is not None:
                request.probe_route = request.path_info.lstrip("/")
                return view(request)
        return self.get_response(request)
