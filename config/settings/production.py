"""Production: every secret comes from the environment and nothing insecure is assumed.

`DJANGO_SECRET_KEY` has no default: without it the process refuses to start.
"""

from django.core.exceptions import ImproperlyConfigured

from config.ops.logging import logging_config
from config.storage import s3_options, storage_problems, storage_settings

from .base import *  # noqa: F403
from .base import env

# Placeholders this repository itself contains: never a production key.
KNOWN_PLACEHOLDER_KEYS = {
    "dev-only-insecure-key-not-for-production",
    "test-only-insecure-key",
    "change-me-to-a-long-random-string-of-at-least-fifty-characters",
}


def insecure_configuration(
    *,
    debug: bool,
    secret_key: str,
    allowed_hosts: list[str],
    storage_options: dict | None = None,
) -> list[str]:
    """What makes this configuration unsafe to serve the public, in words an operator can act on.

    Production would otherwise quietly repair some of it (debug forced off) or run with it (a
    guessable key signs sessions, password-reset links and unsubscribe tokens; a wildcard host
    lets anyone's Host header into absolute links in emails; private documents sent over plain
    HTTP or under signed URLs that live for days)."""
    problems = []
    if debug:
        problems.append("DJANGO_DEBUG is on: debug pages show settings and code to anyone.")
    if not secret_key:
        problems.append("Set DJANGO_SECRET_KEY: production refuses to start without it.")
    elif (
        secret_key in KNOWN_PLACEHOLDER_KEYS
        or secret_key.startswith("django-insecure")
        or len(secret_key) < 50
        or len(set(secret_key)) < 5
    ):
        problems.append(
            "DJANGO_SECRET_KEY is a known placeholder or too weak: use 50 or more random "
            "characters, e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    if not allowed_hosts:
        problems.append("Set DJANGO_ALLOWED_HOSTS to the site's host names.")
    elif "*" in allowed_hosts:
        problems.append("DJANGO_ALLOWED_HOSTS must name the site's hosts, not '*'.")
    problems.extend(storage_problems(storage_options))
    return problems


DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
_problems = insecure_configuration(
    debug=env.bool("DJANGO_DEBUG", default=False),
    secret_key=SECRET_KEY,
    allowed_hosts=ALLOWED_HOSTS,
    storage_options=s3_options(env),
)
if _problems:
    raise ImproperlyConfigured(
        "Production refuses to start with an insecure configuration:\n- " + "\n- ".join(_problems)
    )

# HTTPS only; the other security headers and cookie flags are set for every environment in
# base.py ("Security headers").
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
SESSION_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Static files are served by WhiteNoise, compressed and with hashed names, right after security.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
# Uploads as in base (local disk, or object storage when AWS_STORAGE_BUCKET_NAME is set; see
# config/storage.py); static files compressed with hashed names for WhiteNoise.
_storage = storage_settings(
    env, staticfiles_backend="whitenoise.storage.CompressedManifestStaticFilesStorage"
)
STORAGES = _storage["STORAGES"]
# The outbox (EMAIL_BACKEND, from base) delivers through SMTP unless told otherwise.
EMAIL_DELIVERY_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)

# One JSON object per line, with the request or task id, and one access-log line per request
# from Django (gunicorn.conf.py keeps gunicorn's own access log off). Celery leaves the root
# logger to this configuration, so that worker and beat log the same way, with task ids.
LOGGING = logging_config(
    level=env("DJANGO_LOG_LEVEL", default="INFO"),
    fmt=env("DJANGO_LOG_FORMAT", default="json"),
    access_log=env.bool("DJANGO_ACCESS_LOG", default=True),
)
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Load balancers probe over plain HTTP inside the network (config.ops.health).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

# W019: Wagtail's live preview shows the page in a same-origin iframe, so SAMEORIGIN is deliberate.
# W021: HSTS preload is a per-domain commitment, opted into with DJANGO_SECURE_HSTS_PRELOAD.
SILENCED_SYSTEM_CHECKS = ["security.W019", "security.W021"]
