"""Log records that say which request or Celery task they belong to.

Several gunicorn processes on several hosts write into one log stream; without an id a line
cannot be tied to the request that caused it. `RequestIdMiddleware` (config.ops.middleware)
puts the request's id, method and path into a context variable for as long as the request
runs, and `ContextFilter`, attached to the handlers, copies them onto every record logged
meanwhile, from any logger. Inside a Celery task the filter adds the task's id and name.

Production writes one JSON object per line (python-json-logger), which log pipelines parse
without guessing; development keeps readable text (`logging_config`).
"""

import logging
from contextvars import ContextVar

from celery._state import get_current_task
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

# What every record logged while a request runs carries: request_id, method, path.
request_context: ContextVar[dict | None] = ContextVar("request_context", default=None)

TEXT_FORMAT = "{asctime} {levelname} {name} [{request_id}] {message}"
JSON_FIELDS = "{levelname}{name}{message}"


class ContextFilter(logging.Filter):
    """Adds request_id (and method and path) or task_id and task_name to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = request_context.get()
        if context:
            for key, value in context.items():
                if not hasattr(record, key):
                    setattr(record, key, value)
        task = get_current_task()
        if task is not None and task.request.id and not hasattr(record, "task_id"):
            record.task_id = task.request.id
            record.task_name = task.name
        if not hasattr(record, "request_id"):
            # The text format names it; a task's records are known by the task id instead.
            record.request_id = getattr(record, "task_id", "-")
        return True


def json_formatter() -> JsonFormatter:
    """One JSON object per record: time, level, logger, message, then the record's extras
    (request_id, method, path; the access log's status, duration_ms and user_id; task_id)."""
    return JsonFormatter(
        JSON_FIELDS,
        style="{",
        rename_fields={"levelname": "level", "name": "logger"},
        timestamp="time",
        # Django's request logger attaches the request, whose text holds the query string
        # (tokens in links); the record already has the path without it.
        reserved_attrs=[*RESERVED_ATTRS, "request"],
    )


def logging_config(*, level: str, fmt: str, access_log: bool) -> dict:
    """The LOGGING setting: everything to stderr, as JSON lines (`fmt="json"`) or text.

    With `access_log`, the access log (logger `course.access`, one line per request, written by
    RequestIdMiddleware) is on at INFO whatever the root level, so that gunicorn's own access
    log can stay off. Without it (development, where runserver prints its own) it follows
    the root level.
    """
    formatters = {
        "text": {"format": TEXT_FORMAT, "style": "{"},
        "json": {"()": "config.ops.logging.json_formatter"},
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "config.ops.logging.ContextFilter"}},
        "formatters": {"default": formatters["json" if fmt == "json" else "text"]},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["context"],
                "formatter": "default",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"course.access": {"level": "INFO"}} if access_log else {},
    }
