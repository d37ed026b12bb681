"""Settings shared by every environment.

Every value that differs between machines is read through the one `env` reader below, from the
process environment or an optional `.env` file; `.env.example` documents each variable. The
defaults are the embedded ones: SQLite, a local-memory cache, Celery tasks run in process and
emails written to files, so that a fresh machine needs no server at all.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from config.ops.logging import logging_config
from config.storage import storage_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.usersessions",
    "django_countries",
    "csp",
]
LOCAL_APPS = [
    "accounts",
    "modules",
    "courses",
    "events",
    "library",
    "sitesearch",
    "mailing",
    "mediapipeline",
    "insights",
    "discovery",
    "contentapi",
    "sso",
    "learningrecords",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# The first three are operations (config/ops): every request gets an id, an access-log line and
# its metrics, and the load balancer's probes are answered before anything else runs (no host
# check, no redirect, no session: see config.ops.health).
MIDDLEWARE = [
    "config.ops.middleware.RequestIdMiddleware",
    "config.ops.metrics.MetricsMiddleware",
    "config.ops.health.ProbeMiddleware",
    # The content API's CORS headers, on its 304s too; its preflights answered here.
    "contentapi.cors.ApiCorsMiddleware",
    # Before the rest, so that it sees every cookie and header they set (config/http_cache.py).
    "config.http_cache.HttpCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    # Adds the organisations' sign-in providers to form-action on the pages that lead to them.
    "sso.middleware.ProviderFormActionMiddleware",
    "config.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sends an English address to the reader's language, remembers the switcher's choice.
    "config.languages.LanguageChoiceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff must have two-step sign-in before the admin opens; keeps "last seen" of sessions.
    "accounts.middleware.StaffSignInMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "courses.context_processors.progress_import_offer",
                "modules.navigation.site_navigation",
            ],
        },
    },
]

if not env("DATABASE_URL", default=""):
    VAR_DIR.mkdir(exist_ok=True)  # the embedded SQLite database lives here
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A worker keeps its connection between requests instead of opening one per request (a TLS
# handshake and a backend process each time on PostgreSQL); the health check replaces a
# connection the server closed before a request uses it. 0 closes it after every request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django talks to PostgreSQL in UTC (USE_TZ) and sends `SET TIME ZONE` on every new
    # connection whose session zone differs, as the server's default ("Etc/UTC", a local zone)
    # usually does. Asking for UTC when connecting makes that statement unnecessary.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [options.get("options"), "-c timezone=UTC"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # A Redis outage costs speed, not pages: the backend answers as an empty cache while Redis
    # is unreachable (and login rate limits fail open, logged at ERROR; see config/cache.py).
    # Short timeouts, so that a Redis that does not answer holds no request for long.
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="course"),
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.25),
                "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=0.5),
                "RETRY_AFTER": env.float("CACHE_RETRY_AFTER", default=5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions are read from the cache and written through to the database ("cached_db"): a
# signed-in request reads its session from Redis without a query, and the table stays the
# record, so a Redis restart or outage (the cache fails open) signs nobody out, every web
# process sees the same sessions, and the account pages can still find and end a learner's
# sessions (accounts.services.deletion). Signed cookies would save the write too, but a cookie
# cannot be revoked from the server (deletion, "sign out everywhere") and would carry allauth's
# and the admin's session state to the browser on every request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Rendered course content (modules/content_cache.py) is replaced as soon as anything is
# published; this only bounds how long an entry lives if a change was missed (Redis was down).
CONTENT_CACHE_SECONDS = env.int("CONTENT_CACHE_SECONDS", default=6 * 3600)

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# Accounts (django-allauth): sign in by email, no usernames, a verified address before anything
# else, and no way to learn from the forms whether an address has an account. Rate limits live
# in the default cache, which is Redis (shared by every process) whenever REDIS_URL is set.
# Every sign-in goes through allauth, the Wagtail admin's and private pages' included (their own
# login pages lead there, see config/urls.py), so that its limits and verification hold everywhere.
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# Passwords are reset and changed only at allauth's rate-limited pages, never in the admin.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Smart Cities course] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}

# Organisation sign-in (sso/, allauth.socialaccount): OpenID Connect and SAML 2.0 providers kept
# in the database by administrators. A first sign-in makes an account (its address verified only
# when the provider vouches for it within its own domains; a SAML provider's word counts for its
# own domains); an address that already has an account is never linked by itself: its owner
# links the provider after signing in with their password. Nothing the provider sends back is
# kept but the identity (no tokens).
SOCIALACCOUNT_ADAPTER = "sso.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
# Seconds a provider has to answer each request made to it while a person signs in.
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("SSO_REQUESTS_TIMEOUT", default=5)

# Two-step sign-in (allauth.mfa): an authenticator app (TOTP), security keys and passkeys
# (WebAuthn), and one-time recovery codes. Required of staff before the admin opens
# (accounts.middleware.StaffSignInMiddleware); learners may turn it on from their profile.
# Wrong codes count against "login_failed" above, per account (5 in 5 minutes).
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Smart Cities course")
MFA_RATE_LIMITS = {"webauthn_login": "10/m/ip"}
# WebAuthn needs https, or http://localhost (a secure context) in development and tests.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=False)
# The account's sessions (allauth.usersessions), listed on the profile with "sign out everywhere
# else". allauth's own activity tracking writes to the database on every signed-in request;
# accounts.middleware keeps "last seen" instead, at most once per USERSESSION_SEEN_SECONDS.
# No IP address is stored (accounts.sessions blanks the one allauth would keep).
USERSESSIONS_TRACK_ACTIVITY = False
USERSESSION_SEEN_SECONDS = 5 * 60
# Staff (anyone who may open the admin) are signed out this long after signing in, at the
# latest; learners' sign-ins last SESSION_COOKIE_AGE (two weeks) when they ask to be remembered.
STAFF_SESSION_SECONDS = env.int("STAFF_SESSION_SECONDS", default=8 * 3600)

# Behind a reverse proxy every request comes from the proxy's address; the per-address limits
# then take the client's address from X-Forwarded-For, counting this many proxies (ours) from
# the right. 0 (no proxy) ignores the header, which anyone can write.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LANGUAGE_CODE = "en"
# The site's languages, each named in itself (the switcher shows them so). English is the
# source language of the content and lives at the root of the site; the others under their
# prefix (/sv/, /fi/, /nb/, /da/). docs/languages.md tells how they work.
LANGUAGES = [
    ("en", "English"),
    ("sv", "Svenska"),
    ("fi", "Suomi"),
    ("nb", "Norsk bokmål"),
    ("da", "Dansk"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The reader's choice of language on this browser (config/languages.py).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True
# Dates and times as each language writes them (config/formats/<language>/formats.py); templates
# use `date:"DATE_FORMAT"` / `date:"DATETIME_FORMAT"`, never a fixed pattern.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# The upload folders anyone may fetch: lectures and their thumbnails (wagtailmedia), images and
# their renditions (Wagtail images have no privacy), admin avatars. Documents are left out: they
# go through Wagtail's document view and its collection privacy check. Whatever serves media in
# production must expose these folders only.
MEDIA_PUBLIC_FOLDERS = ["media", "media_thumbnails", "original_images", "images", "avatar_images"]
# Where uploads live (config/storage.py): on the local disk unless AWS_STORAGE_BUCKET_NAME names
# an S3-compatible bucket. On the disk, the project serves the public folders itself with HTTP
# range support so that players can seek (DJANGO_SERVE_MEDIA, default true); with object storage
# pages link media at the storage (or its CDN) and nothing passes through Django.
_storage = storage_settings(
    env, staticfiles_backend="django.contrib.staticfiles.storage.StaticFilesStorage"
)
STORAGES = _storage["STORAGES"]
SERVE_MEDIA = _storage["SERVE_MEDIA"]
# The origin public media come from when it is not our own: the CSP below lets images and
# players load from it.
STORAGE_MEDIA_ORIGINS = _storage["STORAGE_MEDIA_ORIGINS"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Every email the site sends goes into the outbox (mailing) and out from a Celery task after
# the transaction that wrote it commits, so a page never waits on the mail server. The
# transport that really delivers is EMAIL_DELIVERY_BACKEND, set by DJANGO_EMAIL_BACKEND: files
# here, SMTP in production.
EMAIL_BACKEND = "mailing.backends.OutboxEmailBackend"
EMAIL_DELIVERY_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=VAR_DIR / "emails")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Seconds before an SMTP connection or reply counts as failed (and is retried later).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Smart Cities course <course@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with a broker configured, tasks go to Redis and a worker; without one they run in
# process, so the embedded default needs no server.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
# The soft limit leaves a task time to clean up before the hard one; never zero or negative,
# which Celery would take as "no time at all" for short limits.
CELERY_TASK_SOFT_TIME_LIMIT = max(CELERY_TASK_TIME_LIMIT - 30, CELERY_TASK_TIME_LIMIT * 0.8)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Unacknowledged messages go back to the queue after this long: far above the task time limit,
# so that a slow task is never delivered twice while it still runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    # A broker that stops answering must not hold a process forever: connecting gives up after
    # a second, a command after five (above the worker's one-second BRPOP poll). Web requests
    # publish with shorter limits still (config.enqueue).
    "socket_connect_timeout": env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=1),
    "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=5),
}
REMINDER_SWEEP_MINUTES = env.int("REMINDER_SWEEP_MINUTES", default=15)
REMINDER_SEND_RATE_LIMIT = env("REMINDER_SEND_RATE_LIMIT", default="10/s")
# First retry delay of a reminder the mail server deferred; it doubles with each retry, to at
# most five minutes.
REMINDER_RETRY_BASE_SECONDS = env.float("REMINDER_RETRY_BASE_SECONDS", default=15)
REMINDER_UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 90
CELERY_BEAT_SCHEDULE = {
    "reminder-sweep": {
        "task": "courses.tasks.reminder_sweep",
        "schedule": REMINDER_SWEEP_MINUTES * 60,
    },
}

# The outbox: the first retry of an email the mail server deferred comes after
# OUTBOX_RETRY_BASE_SECONDS, doubling up to OUTBOX_RETRY_MAX_SECONDS between attempts; after
# OUTBOX_GIVE_UP_HOURS (the life of the links in account emails) it is given up. Beat sweeps
# every OUTBOX_SWEEP_SECONDS for emails whose task was lost or never enqueued. What was given up
# on is kept, without its body, for OUTBOX_FAILED_RETENTION_DAYS.
OUTBOX_RETRY_BASE_SECONDS = env.float("OUTBOX_RETRY_BASE_SECONDS", default=30)
OUTBOX_RETRY_MAX_SECONDS = env.float("OUTBOX_RETRY_MAX_SECONDS", default=3600)
OUTBOX_GIVE_UP_HOURS = env.float("OUTBOX_GIVE_UP_HOURS", default=72)
OUTBOX_SWEEP_SECONDS = env.int("OUTBOX_SWEEP_SECONDS", default=60)
OUTBOX_FAILED_RETENTION_DAYS = env.int("OUTBOX_FAILED_RETENTION_DAYS", default=30)
CELERY_BEAT_SCHEDULE["outbox-sweep"] = {
    "task": "mailing.tasks.outbox_sweep",
    "schedule": OUTBOX_SWEEP_SECONDS,
}

# Retention (accounts.retention): once a day, delete unverified accounts older than 7 days,
# expired sessions, and the records that have outlived the personal-data registry's periods.
CELERY_BEAT_SCHEDULE["personal-data-prune"] = {
    "task": "accounts.tasks.personal_data_prune_task",
    "schedule": 24 * 60 * 60,
}

# Scheduled publishing (modules.tasks): go-live and expiry times set in the editor take effect
# when Wagtail's publish_scheduled next runs, every PUBLISH_SCHEDULED_SECONDS. A run that a
# stopped worker never took expires rather than piling up behind the next ones.
PUBLISH_SCHEDULED_SECONDS = env.int("PUBLISH_SCHEDULED_SECONDS", default=60)
CELERY_BEAT_SCHEDULE["publish-scheduled"] = {
    "task": "modules.tasks.publish_scheduled_task",
    "schedule": PUBLISH_SCHEDULED_SECONDS,
    "options": {"expires": PUBLISH_SCHEDULED_SECONDS},
}

# Absolute links in emails (lessons, reminder settings, one-click unsubscribe).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Learning records (learningrecords): learners' xAPI statements are sent to an external Learning
# Record Store only when XAPI_LRS_ENDPOINT is set (its statements resource's base, e.g.
# https://lrs.example.org/xapi/), with HTTP basic authentication by the key and secret the store
# issued. Unset: nothing is sent anywhere, and the privacy page says so. A delivery the store
# refuses is retried after XAPI_RETRY_BASE_SECONDS, doubling, up to five times per task; beat
# sweeps every XAPI_SWEEP_SECONDS for what is still waiting.
XAPI_LRS_ENDPOINT = env("XAPI_LRS_ENDPOINT", default="")
XAPI_LRS_KEY = env("XAPI_LRS_KEY", default="")
XAPI_LRS_SECRET = env("XAPI_LRS_SECRET", default="")
XAPI_LRS_TIMEOUT = env.float("XAPI_LRS_TIMEOUT", default=10)
XAPI_RETRY_BASE_SECONDS = env.float("XAPI_RETRY_BASE_SECONDS", default=30)
XAPI_SWEEP_SECONDS = env.int("XAPI_SWEEP_SECONDS", default=600)
CELERY_BEAT_SCHEDULE["xapi-delivery-sweep"] = {
    "task": "learningrecords.tasks.statement_delivery_sweep",
    "schedule": XAPI_SWEEP_SECONDS,
    "options": {"expires": XAPI_SWEEP_SECONDS},
}

# HTTP cache (config/http_cache.py, config/frontend_cache.py, docs/http-cache.md)
# ----------------------------------------------------------------------------
# Anonymous page responses are `Cache-Control: public`: browsers keep them HTTP_CACHE_MAX_AGE
# seconds, shared caches (Varnish, a CDN) HTTP_CACHE_S_MAXAGE. Publishing, unpublishing, moving
# or deleting a page purges what shows it from each cache in FRONTEND_CACHE_URLS (Varnish base
# URLs, comma-separated; empty: nothing to purge), through Wagtail's frontend cache backend.
HTTP_CACHE_MAX_AGE = env.int("HTTP_CACHE_MAX_AGE", default=60)
HTTP_CACHE_S_MAXAGE = env.int("HTTP_CACHE_S_MAXAGE", default=600)
FRONTEND_CACHE_URLS = env.list("FRONTEND_CACHE_URLS", default=[])
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": url,
    }
    for number, url in enumerate(FRONTEND_CACHE_URLS, start=1)
}

# Security headers
# ----------------
# Content-Security-Policy (django-csp, config/security.py). The site's pages allow nothing by
# default and then only what they use, all from our own origin (images and lectures also from
# the object storage or its CDN when one is configured): scripts carry a per-request
# nonce (`nonce="{{ request.csp_nonce }}"`), and there is no inline script, inline style or
# style attribute anywhere in templates/ (the 500 page included), so neither needs
# 'unsafe-inline'. Framing is same-origin only, for Wagtail's preview panel. When a sign-in
# provider (OpenID Connect, SAML) is added, its origin must join form-action: the browser
# applies form-action to the redirect that follows a form's POST.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, *STORAGE_MEDIA_ORIGINS],
        "media-src": [SELF, *STORAGE_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# The Wagtail admin (everything under ADMIN_CSP_PATH_PREFIXES, the page preview included) cannot
# run without 'unsafe-inline': Wagtail 8 still writes inline <script> into the page editor (the
# inline panels such as caption tracks, the date and time pickers, wagtailmedia's upload form),
# its jQuery runs the scripts in the HTML that choosers and "Add" buttons insert, and it sets
# style attributes everywhere. It needs no eval, so 'unsafe-eval' stays out, and everything it
# loads, sends or frames stays on our origin (data: and blob: only for upload previews). This
# is staff-only and behind the login; the public pages never get 'unsafe-inline'. Wagtail's own
# work towards a strict admin policy will let this tighten (see tests/browser/test_csp.py).
ADMIN_CSP_PATH_PREFIXES = ("/admin/",)
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *STORAGE_MEDIA_ORIGINS],
        "media-src": [SELF, "blob:", *STORAGE_MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Powerful browser features nobody on the site needs are denied to every page and frame;
# fullscreen and autoplay stay with our own origin for the lecture players.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": ["self"],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self"],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
# No other origin may embed our pages, scripts, images or lectures (a CORS-enabled API or feed
# is unaffected: CORP only governs no-cors loads such as <img>, <script> and <video>).
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
# Cookies: the session cookie is out of reach of scripts; both stay on same-site requests
# (and are Secure in production). The CSRF cookie stays readable: static/js/progress.js falls
# back to it, and Django's own docs note that HttpOnly adds nothing for that cookie.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Wagtail
# The admin makes no request to another host: no Gravatar avatars (initials are shown), no
# check for new Wagtail releases and no "what's new" banner pointing at Wagtail's own site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_SITE_NAME = "Smart Cities for City Officials"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Wagtail's database backend, indexing and searching each language with PostgreSQL's dictionary
# for it (sitesearch/backend.py); SEARCH_CONFIG is for what has no language. After a change here,
# `manage.py update_index` rebuilds the index.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "sitesearch.backend", "SEARCH_CONFIG": "english"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are served only through Wagtail's view (/documents/<id>/<file>), which applies
# collection privacy, never from a public storage address: on the disk the view sends the file
# ("serve_view"); with object storage it redirects to a short-lived signed URL ("redirect").
WAGTAILDOCS_SERVE_METHOD = _storage["WAGTAILDOCS_SERVE_METHOD"]
# Every document is a download, PDFs included: nothing an editor uploads opens as a page of the
# site's origin (the view also sends `Content-Security-Policy: default-src 'none'`).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILMEDIA = {
    "MEDIA_MODEL": "wagtailmedia.Media",
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "ogg", "oga", "wav", "aac"],
    "VIDEO_EXTENSIONS": ["mp4", "webm", "m4v", "ogv"],
    # Refuses empty files, files that are not recordings and recordings over MEDIA_MAX_SECONDS
    # at upload, and shows the media pipeline's status on the edit form.
    "MEDIA_FORM_BASE": "mediapipeline.forms.PipelineMediaForm",
}
# The media pipeline (mediapipeline/): the longest recording accepted, the time one ffmpeg run
# may take, and the pipeline task's own time limit (kept under the broker's visibility timeout,
# so that a long encoding is never handed to a second worker while it still runs).
MEDIA_MAX_SECONDS = env.int("MEDIA_MAX_SECONDS", default=4 * 3600)
MEDIA_ENCODE_TIMEOUT = env.int("MEDIA_ENCODE_TIMEOUT", default=3000)
MEDIA_TASK_TIME_LIMIT = env.int("MEDIA_TASK_TIME_LIMIT", default=3300)
WAGTAIL_I18N_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No SVG: an SVG is a document that can carry scripts, and would run them in the site's origin.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILADMIN_COMMENTS_ENABLED = True

# Logs go to stderr, each record with the id of the request (or Celery task) it belongs to
# (config/ops/logging.py): readable text here, JSON lines in production (DJANGO_LOG_FORMAT).
LOGGING = logging_config(
    level=env("DJANGO_LOG_LEVEL", default="WARNING"),
    fmt=env("DJANGO_LOG_FORMAT", default="text"),
    access_log=env.bool("DJANGO_ACCESS_LOG", default=False),
)

# Operations (docs/operations.md). /readyz gives each dependency this many seconds at most.
READYZ_TIMEOUT = env.float("READYZ_TIMEOUT", default=2)
# Bearer token that /metrics asks for; empty means /metrics does not exist (404).
METRICS_TOKEN = env("METRICS_TOKEN", default="")

# Events: the domain in calendar UIDs (event-<id>@<domain>), which must never change once
# calendars hold them; empty means SITE_URL's host. The 24-hour event reminders are swept as
# often as the course reminders unless told otherwise.
EVENT_UID_DOMAIN = env("EVENT_UID_DOMAIN", default="")
EVENT_REMINDER_SWEEP_MINUTES = env.int("EVENT_REMINDER_SWEEP_MINUTES", default=15)
CELERY_BEAT_SCHEDULE["event-reminder-sweep"] = {
    "task": "events.tasks.event_reminder_sweep",
    "schedule": EVENT_REMINDER_SWEEP_MINUTES * 60,
}

# Course insights: the figures are read from rollups rebuilt this often (seconds); the page
# says how old they are.
INSIGHTS_REFRESH_SECONDS = env.int("INSIGHTS_REFRESH_SECONDS", default=600)
CELERY_BEAT_SCHEDULE["insights-refresh"] = {
    "task": "insights.tasks.insights_refresh",
    "schedule": INSIGHTS_REFRESH_SECONDS,
    "options": {"expires": INSIGHTS_REFRESH_SECONDS},
}

# The content API (/api/v2/, contentapi/): at most this many items per request (`?limit=`).
WAGTAILAPI_LIMIT_MAX = 100
