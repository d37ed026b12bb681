"""Settings for the test suite: fast hashing, in-memory email, tasks run in process.

The database and cache still follow DATABASE_URL and REDIS_URL, so that CI runs the suite
against real PostgreSQL and Redis.
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

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
