"""Suite-wide fixtures: required services, and a headless Chromium driven by Playwright.

A test that needs PostgreSQL, Redis or a browser skips when it is not available, and fails
instead when REQUIRE_SERVICES=1 / REQUIRE_BROWSER=1 (as on CI); see tests/support.py.

Browser tests use `browser_page`, a fresh Playwright page whose relative URLs go to pytest-django's
`live_server`; for example `browser_page.goto("/")`. Any test using it (or the session-wide
`browser`) is marked `browser`.
"""

import contextlib
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.support import skip_or_fail

# Playwright's sync API runs an event loop in the test thread, and Django refuses ORM calls from
# a thread with a running loop unless told it is safe, which it is here: nothing else runs on it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS_DIR = REPO_ROOT / "test-results"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", "").strip() or "/usr/bin/chromium"


def browser_unavailable_reason() -> str | None:
    """Why browser tests cannot run here, or None when Playwright and Chromium are present."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed"
    path = chromium_path()
    if not (os.access(path, os.X_OK) or shutil.which(path)):
        return f"Chromium is not installed at {path} (set CHROMIUM_PATH)"
    return None


# --- services ---------------------------------------------------------------------------------


@pytest.fixture
def require_postgres():
    """Skip (or, with REQUIRE_SERVICES=1, fail) unless the database is PostgreSQL."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        skip_or_fail("DATABASE_URL does not point to PostgreSQL", "REQUIRE_SERVICES")


@pytest.fixture
def require_redis():
    """Skip (or, with REQUIRE_SERVICES=1, fail) unless REDIS_URL is set."""
    if not settings.REDIS_URL:
        skip_or_fail("REDIS_URL is not set", "REQUIRE_SERVICES")


# --- browser ----------------------------------------------------------------------------------


BROWSER_FIXTURES = {"browser", "browser_page"}


TRANSACTIONAL_FIXTURES = {"live_server", "transactional_db", "browser_page"}


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        # Every transactional test restores what the migrations made (Wagtail's root page and
        # collection, groups, workflow) and flushes without re-running post_migrate, so that the
        # next one can restore it again. One test without this would break the others' restore.
        if _is_transactional(item):
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )


def pytest_runtest_setup(item):
    if item.get_closest_marker("browser") is not None:
        reason = browser_unavailable_reason()
        if reason:
            skip_or_fail(reason, "REQUIRE_BROWSER")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item, so that browser_page can save a screenshot on failure.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    reason = browser_unavailable_reason()
    if reason:
        skip_or_fail(reason, "REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
    except Exception as error:
        playwright.stop()
        skip_or_fail(f"Chromium did not start: {error}", "REQUIRE_BROWSER")
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def live_media_ranges(monkeypatch):
    """Serve uploads from the live server the way the site does, with byte ranges.

    Django's live server answers /media/ itself, ahead of the URLconf, with a view that ignores
    Range requests; a browser cannot seek in media served that way (a link into a lecture at
    0:31 would start at 0:00). Here those requests go through the site's own media view.
    """
    from django.test.testcases import _MediaFilesHandler

    from config.media import serve_media

    def serve(handler, request):
        return serve_media(request, request.path.removeprefix(handler.base_url.path))

    monkeypatch.setattr(_MediaFilesHandler, "serve", serve)


@pytest.fixture
def browser_page(request, browser, live_server, live_media_ranges):
    """A new page in its own browser context, with relative URLs resolved against live_server."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[:150]
        # A screenshot is a courtesy: never let it hide the real failure.
        with contextlib.suppress(Exception):
            page.screenshot(path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=True)
    context.close()


@pytest.fixture(autouse=True)
def staff_authenticators(request):
    """Every user who becomes staff in a test gets an authenticator app (tests/mfa_support.py),
    so that the admin opens for them; `@pytest.mark.staff_without_mfa` leaves staff without."""
    if request.node.get_closest_marker("staff_without_mfa"):
        yield
        return
    from tests import mfa_support

    disconnect = mfa_support.connect()
    yield
    disconnect()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: with Redis, entries would outlive the test's data."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.utils import translation

    from modules.translations import locale_codes_forget

    cache.clear()
    # A transactional test's flush recreates content types under new ids; the process-wide
    # cache of them would otherwise hand the next test ids that no longer exist.
    ContentType.objects.clear_cache()
    # Likewise the locales' language codes (modules.translations).
    locale_codes_forget()
    # LocaleMiddleware leaves the last request's language active in the thread: each test
    # starts in English, whatever the one before it asked for.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
