"""Settings for the test suite: fast hashing, in-memory email, tasks run in process.

The database and cache still follow DATABASE_URL and REDIS_URL, so that CI runs the suite
against real PostgreSQL and Redis.
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def _worker_redis_url(url: str, worker: str) -> str:
    """REDIS_URL for pytest-xdist's worker `worker` ("gw0", "gw1", ...): two Redis databases of
    its own (the cache's, and the test broker's next to it), as pytest-django gives each worker a
    database of its own. One worker's cache.clear() must not empty another's cache mid-test."""
    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0) + 2 * int(worker.removeprefix("gw"))
    if db + 1 > 15:  # Redis has databases 0-15 unless configured otherwise
        raise ValueError(
            f"too many test workers for REDIS_URL {url}: worker {worker} needs db {db}"
        )
    return urlunsplit(parts._replace(path=f"/{db}"))


# In the environment, so that the processes the tests start (gunicorn, Celery, `python -c`)
# inherit it; TEST_REDIS_WORKER marks it done, so that those processes do not move it on again.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if (
    os.environ.get("REDIS_URL")
    and _worker.startswith("gw")
    and os.environ.get("TEST_REDIS_WORKER") != _worker
):
    os.environ["REDIS_URL"] = _worker_redis_url(os.environ["REDIS_URL"], _worker)
    os.environ["TEST_REDIS_WORKER"] = _worker

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="test-only-insecure-key")
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Delivered emails land in django.core.mail.outbox. Django's test runner also puts the locmem
# backend in EMAIL_BACKEND's place for the whole suite (its on_commit hooks would never run in a
# test's transaction); tests/mailing put the outbox back in front where they test it.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Uploads made by tests go to a throwaway folder, never into the project's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="course-test-media-"))
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server and the dev server are http://localhost
