"""Enqueue a Celery task from a web request without letting the broker break the request.

The broker is Redis. When it is down, publishing raises (kombu's OperationalError) and, called
from `transaction.on_commit`, that error would turn a registration that was already saved into a
500. Work enqueued from a request is therefore published once, without kombu's retries, and a
failure is logged and swallowed: the database already holds what was decided, and the periodic
sweeps find in it whatever a lost message would have done (see courses.tasks and events.tasks).
"""

import logging

from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# Connect once (no retries) and wait at most a second for Redis to answer the publish, which is
# one LPUSH; the worker keeps the longer timeouts of CELERY_BROKER_TRANSPORT_OPTIONS.
ONE_ATTEMPT = {"max_retries": 0, "socket_connect_timeout": 1, "socket_timeout": 1}


def enqueue(task, *args) -> bool:
    """Publish `task(*args)`; False (and a warning) when the broker cannot take it now."""
    try:
        # One attempt to connect and one to publish: a request does not wait out the retries
        # a worker would (several seconds).
        with task.app.connection_for_write(transport_options=ONE_ATTEMPT) as connection:
            task.apply_async(args, retry=False, connection=connection)
    except (OperationalError, ConnectionError, TimeoutError, OSError) as error:
        logger.warning(
            "The task broker is unreachable (%s): %s%r was not enqueued; the next sweep "
            "sends what it would have sent",
            error,
            task.name,
            args,
        )
        return False
    return True
