"""Request ids and the access log: one JSON line per request, from Django rather than gunicorn.

A request keeps the id it arrived with in `X-Request-ID` when that id is safe to log (a load
balancer or the HTTP cache in front may have set it, so that its own logs and ours line up);
otherwise it gets a new one. Safe means 8 to 128 characters of letters, digits and `-_.:`:
nothing that could break a log line or smuggle markup into a log viewer. The id goes back to
the client in `X-Request-ID` and onto every record logged while the request runs (see
config.ops.logging), and the request ends with one access-log line at INFO (DEBUG for the
probes, which load balancers call every few seconds): method, path (never the query string,
which can carry tokens), status, duration in milliseconds and the user's id, a number, only
if the request looked at its user anyway (never an email address; and the log line never
costs a query of its own).
"""

import logging
import re
import time
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver
from django.utils.functional import empty

from config.ops.logging import request_context

logger = logging.getLogger("course.access")

REQUEST_ID_HEADER = "X-Request-ID"
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
PROBE_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
LONGEST_PATH_LOGGED = 1000


def request_id_from(value: str | None) -> str:
    """The incoming id if it is safe to log and pass on, else a new random one."""
    if value and SAFE_REQUEST_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


def user_id_of(request) -> int | None:
    """The signed-in user's id if the request already loaded its user, else None.

    `request.user` is lazy: reading it here would cost a session and a user query on requests
    that never needed them (anonymous pages, static files)."""
    user = getattr(request, "user", None)
    user = getattr(user, "_wrapped", user)
    if user is None or user is empty or not getattr(user, "is_authenticated", False):
        return None
    return user.pk


class RequestIdMiddleware:
    """Gives each request an id, puts it in its logs and its response, and logs the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        path = request.path[:LONGEST_PATH_LOGGED]
        method = request.method[:16]
        # Cleared when the response is closed (request_finished), not on the way out of here:
        # Django's own "Not Found" and "Server Error" lines are logged after the middleware.
        request_context.set({"request_id": request_id, "method": method, "path": path})
        started = time.perf_counter()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        duration_ms = round((time.perf_counter() - started) * 1000, 2)
        logger.log(
            logging.DEBUG if request.path in PROBE_PATHS else logging.INFO,
            "%s %s %s",
            method,
            path,
            response.status_code,
            extra={
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": user_id_of(request),
            },
        )
        return response


@receiver(request_finished, dispatch_uid="config.ops.middleware.clear_request_context")
def clear_request_context(**kwargs) -> None:
    request_context.set(None)
