"""Prometheus metrics at `/metrics`, behind a bearer token.

Per request (MetricsMiddleware): `course_http_requests_total{method, route, status}` and the
latency histogram `course_http_request_duration_seconds{route}`. `route` is the URL pattern's
name (or its route, or `healthz`, `readyz`, `metrics`, `unmatched`), never the raw path, so that
the number of series stays bounded whatever URLs visitors try; `status` is the class (2xx, 4xx);
methods other than the usual ones count as `other`.

Read at scrape time from Redis and the database (ScrapeCollector), so that they are the same
whichever process answers the scrape: Celery queue lengths (LLEN of the broker's lists),
reminder and event emails of the last 24 hours by kind and status, and the outbox backlog.

Several gunicorn processes: each keeps its own counters, and a scrape reaches one of them. With
PROMETHEUS_MULTIPROC_DIR set (gunicorn.conf.py sets it), prometheus_client's multiprocess mode
writes each process's figures to files there and a scrape adds them up, those of recycled
workers included; gunicorn.conf.py's child_exit hook marks dead workers.

The endpoint answers only with METRICS_TOKEN configured (otherwise it is an ordinary 404) and
only to `Authorization: Bearer <token>`, compared in constant time (401 otherwise).
"""

import hmac
import logging
import os
import time
from datetime import timedelta

import redis
from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from config.ops import queries

logger = logging.getLogger(__name__)

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
# kombu's Redis transport keeps messages of priority > 0 in lists named queue + "\x06\x16" + n.
PRIORITY_SEPARATOR = "\x06\x16"
PRIORITY_STEPS = (3, 6, 9)

# The *_created series double the output and no dashboard of ours reads them.
disable_created_metrics()

REQUESTS = Counter(
    "course_http_requests",
    "HTTP requests answered, by method, route name and status class.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "course_http_request_duration_seconds",
    "Time from the request reaching Django to the response leaving it, by route name.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def route_of(request) -> str:
    """A bounded label for the request: the URL pattern's name or route, never the path."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return getattr(request, "probe_route", None) or "unmatched"
    return match.url_name or match.route or "unnamed"


class MetricsMiddleware:
    """Counts each request and times it, labelled by route name and status class."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        route = route_of(request)
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(method, route, f"{response.status_code // 100}xx").inc()
        LATENCY.labels(route).observe(time.perf_counter() - started)
        return response


def celery_queues() -> list[str]:
    names = {getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery")}
    routes = getattr(settings, "CELERY_TASK_ROUTES", None) or {}
    if isinstance(routes, dict):
        names |= {route["queue"] for route in routes.values() if "queue" in route}
    return sorted(names)


class ScrapeCollector:
    """Figures read when scraped: queue lengths, recent reminders, the outbox backlog.

    A part that cannot be read (Redis down) is left out and logged; the rest still answers."""

    def collect(self):
        for part in (self.queue_lengths, self.reminders, self.outbox):
            try:
                yield from part()
            except Exception:
                logger.warning("Metrics: %s could not be read", part.__name__, exc_info=True)

    def queue_lengths(self):
        broker = settings.CELERY_BROKER_URL or ""
        if not broker.startswith(REDIS_SCHEMES):
            return
        family = GaugeMetricFamily(
            "course_celery_queue_length", "Tasks waiting in a Celery queue.", labels=["queue"]
        )
        client = redis.Redis.from_url(broker, socket_connect_timeout=1, socket_timeout=1)
        try:
            with client.pipeline(transaction=False) as pipe:
                queues = celery_queues()
                for queue in queues:
                    pipe.llen(queue)
                    for step in PRIORITY_STEPS:
                        pipe.llen(f"{queue}{PRIORITY_SEPARATOR}{step}")
                lengths = pipe.execute()
        finally:
            client.close()
        per_queue = 1 + len(PRIORITY_STEPS)
        for index, queue in enumerate(queues):
            family.add_metric([queue], sum(lengths[index * per_queue : (index + 1) * per_queue]))
        yield family

    def reminders(self):
        family = GaugeMetricFamily(
            "course_reminders_last_24h",
            "Reminder and event emails claimed in the last 24 hours, by kind and status "
            "(sent, failed, claimed = being sent, skipped).",
            labels=["kind", "status"],
        )
        since = timezone.now() - timedelta(hours=24)
        for row in queries.reminder_counts_since(since=since):
            family.add_metric([row["kind"], row["status"]], row["count"])
        yield family

    def outbox(self):
        now = timezone.now()
        backlog = queries.outbox_backlog(now=now)
        oldest = backlog["oldest_waiting"]
        for name, help_text, value in (
            ("waiting", "Emails in the outbox not yet sent (nor given up).", backlog["waiting"]),
            ("due", "Waiting emails whose next attempt is due now.", backlog["due"]),
            ("failed", "Given-up emails still on record.", backlog["failed"]),
            (
                "oldest_waiting_seconds",
                "Age of the oldest waiting email (0 when none waits).",
                (now - oldest).total_seconds() if oldest else 0,
            ),
        ):
            yield GaugeMetricFamily(f"course_outbox_{name}", help_text, value=value)


_scrape_registry = CollectorRegistry(auto_describe=False)
_scrape_registry.register(ScrapeCollector())


def exposition() -> bytes:
    """The metrics text: this process's (or, in multiprocess mode, every process's) counters,
    then the figures read at scrape time."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_scrape_registry)


def authorized(request) -> bool:
    scheme, _, given = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    token = settings.METRICS_TOKEN
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


@never_cache
def metrics(request):
    """Prometheus text format for a scraper that knows METRICS_TOKEN."""
    if not settings.METRICS_TOKEN:
        raise Http404
    if not authorized(request):
        response = HttpResponse("Unauthorized", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
