"""A Redis cache that behaves as an empty cache while Redis is unreachable.

Everything in the cache can be rebuilt from the database: the navigation, Wagtail's site root
paths, rendered fragments. So a Redis outage should cost speed, not pages. Django's RedisCache
raises on every operation when Redis is down, so every page (the navigation and the site root
are read on each one), login and sign-up (allauth's rate-limit lock) answered 500.

This backend catches Redis' connection and timeout errors and answers as an empty cache would:
`get` gives the default, `get_many` nothing, `has_key` False, `set` keeps nothing, `incr` raises
ValueError as for a missing key, `delete` and `clear` do nothing. `add` answers True: on an
empty cache the key was absent, so the add "succeeds" (and the value is not kept).

That choice of `add` decides how allauth's rate limits behave during an outage. They take a lock
with `cache.add` and count attempts in the cache; with the cache gone nothing can be counted:

- failing closed (`add` False) would spin on the lock for a second and then answer 429 to every
  login, sign-up and password reset, locking every learner and editor out for the whole outage;
- failing open (`add` True) keeps login working, unthrottled.

We fail open, loudly: every unreachable-cache warning about a rate-limit key is logged at ERROR
("rate limits are NOT enforced"), so that monitoring sees it. Password guessing stays bounded by
the password hasher's cost and the proxy's own limits, and an outage is not something a visitor
can cause from outside.

A dead Redis must not stall each request either. The connection options (OPTIONS in CACHES) set
short socket timeouts, and after a failure the backend does not try Redis again for
`RETRY_AFTER` seconds (OPTIONS "RETRY_AFTER", default 5): during that pause each operation costs
nothing. Warnings are logged at most once per `LOG_EVERY` seconds (OPTIONS "LOG_EVERY", default
60), with the number of operations that missed since the last one, so that an outage does not
flood the logs. Both are kept per cache object, which Django makes one of per thread: each
gunicorn process (or thread) finds out about an outage, and about its end, on its own.
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What "Redis is unreachable" looks like: refused or reset connections, timeouts, a server that
# is loading its data or a replica that lost its primary (BusyLoadingError is a ConnectionError),
# and the OSError a socket can raise before redis-py wraps it.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

RATE_LIMIT_PREFIX = "allauth:rl:"


@dataclass(frozen=True)
class Raise:
    """A miss that is an exception: `incr` of a key an empty cache does not hold."""

    error: Exception


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that misses instead of raising while Redis is unreachable."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        self.log_every = float(options.pop("LOG_EVERY", 60))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._last_logged: dict[str, float] = {}  # per topic: the cache, the rate limits
        self._missed: dict[str, int] = {}

    # --- outage bookkeeping ---------------------------------------------------------------

    @property
    def available(self) -> bool:
        """False while the backend is pausing after a failure (nothing is sent to Redis)."""
        return time.monotonic() >= self._down_until

    def _failed(self, operation: str, key, error: Exception | None) -> None:
        now = time.monotonic()
        rate_limit = isinstance(key, str) and key.startswith(RATE_LIMIT_PREFIX)
        with self._lock:
            if error is not None:
                self._down_until = now + self.retry_after
            topic = "rate-limit" if rate_limit else "cache"
            self._missed[topic] = self._missed.get(topic, 0) + 1
            if now - self._last_logged.get(topic, -self.log_every) < self.log_every:
                return
            self._last_logged[topic] = now
            missed = self._missed.pop(topic)
        reason = error if error is not None else "still pausing after an earlier failure"
        if rate_limit:
            logger.error(
                "Redis is unreachable (%s): login and sign-up rate limits are NOT enforced "
                "until it is back (%d rate-limit operations missed since the last warning)",
                reason,
                missed,
            )
        else:
            logger.warning(
                "Redis is unreachable (%s): the cache answers as empty (%s of %r); %d cache "
                "operations missed since the last warning",
                reason,
                operation,
                key,
                missed,
            )

    def _recovered(self) -> None:
        if self._last_logged:
            with self._lock:
                if not self._last_logged:
                    return
                self._last_logged = {}
                self._missed = {}
            logger.warning("Redis is reachable again: the cache is back in use")

    def _call(self, operation: str, key, miss, method, *args):
        """Run `method(*args)` against Redis, or answer `miss` (a value, or a `Raise`)."""
        if not self.available:
            self._failed(operation, key, None)
        else:
            try:
                result = method(*args)
            except UNREACHABLE as error:
                self._failed(operation, key, error)
            else:
                self._recovered()
                return result
        if isinstance(miss, Raise):
            raise miss.error
        return miss

    # --- the cache API ----------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", key, False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", None, {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        missing = Raise(ValueError(f"Key {key!r} not found (the cache is unreachable)."))
        return self._call("incr", key, missing, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: set_many returns the keys that could not be stored.
        return self._call("set_many", None, list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, None, super().delete_many, keys, version)

    def clear(self):
        return self._call("clear", None, False, super().clear)
