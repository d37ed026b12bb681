"""The course home is light on a phone: at most 60 KB on the wire for a first view at 390 px.

The demo course is served the way production serves it: gunicorn with the production settings,
static files collected by WhiteNoise's storage (hashed names, brotli) and served by its
middleware. Headless Chromium opens the home page with an empty cache and the DevTools protocol
reports what every response took on the wire: HTML, CSS, JS, images, fonts, the favicon. The
HTML is counted at its gzip size, because the HTTP cache in front of gunicorn compresses it and
gunicorn alone does not (scripts/pageweight.py). scripts/bench_weight.py prints the same figures.
"""

import urllib.request
from pathlib import Path
from urllib.parse import quote

import brotli
import pytest
from django.conf import settings
from django.db import connection

from modules.seed import seed_demo
from scripts import pageweight

BUDGET = 60_000  # bytes
PHONE = 390
# Chromium fetches a lazy image once it is this close below the viewport (1,250 px on a fast
# connection, 2,500 px on a slow one): an image further down must wait for the visitor to scroll.
LAZY_DISTANCE = 2500


def database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "postgres")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The static files as production's `collectstatic` leaves them (once for the module)."""
    root = tmp_path_factory.mktemp("static")
    pageweight.static_collect(
        env=pageweight.production_env(
            database_url="postgres://unused@127.0.0.1/unused",
            static_root=root,
            media_root=Path(settings.MEDIA_ROOT),
        )
    )
    return root


@pytest.fixture
def production_site(require_postgres, transactional_db, static_root):
    """gunicorn on the production settings, on this test's database, media and Redis."""
    env = pageweight.production_env(
        database_url=database_url(),
        static_root=static_root,
        media_root=Path(settings.MEDIA_ROOT),
        redis_url=settings.REDIS_URL or None,
        broker_url=settings.CELERY_BROKER_URL,
    )
    with pageweight.gunicorn_serving(env=env) as base_url:
        yield base_url


@pytest.fixture
def demo_home(production_site):
    seed_demo()
    # The first render makes the image renditions (AVIF takes a moment); the views measured are
    # first views for the browser, not for the server.
    with urllib.request.urlopen(production_site + "/", timeout=120) as response:
        assert response.status == 200
    return production_site + "/"


def describe(view) -> str:
    return "\n".join(
        f"{transfer.kind:>8} {transfer.bytes:>7} {transfer.encoding:>14}  {transfer.url}"
        for transfer in view.transfers
    )


def test_course_home_first_view_on_a_phone_is_at_most_60_kb(browser, demo_home):
    view = pageweight.first_view(browser, demo_home, width=PHONE)
    sizes = view.by_kind()
    assert {"html", "css", "js"} <= set(sizes), describe(view)
    assert view.total <= BUDGET, f"{view.total} bytes:\n{describe(view)}"
    # Static files arrive brotli-compressed, as WhiteNoise serves them to a browser that asks.
    # (The JavaScript catalogue, /jsi18n/, is a view: Varnish compresses it like the page.)
    static = [t for t in view.of_kind("css") + view.of_kind("js") if "/static/" in t.url]
    assert static and all(t.encoding == "br" for t in static), describe(view)


def test_only_images_shown_on_the_first_view_are_fetched(browser, demo_home):
    for width in (PHONE, 1280):
        view = pageweight.first_view(browser, demo_home, width=width)
        shown = [image for image in view.images if image["width"] and image["visible"]]
        chosen = {image["src"] for image in shown}
        fetched = [transfer.url for transfer in view.of_kind("image")]
        assert len(fetched) == len(set(fetched)), describe(view)  # one file per image, once
        # Each file fetched is the one the browser chose for an image laid out on the page: no
        # hidden image, no second format or size of the same picture.
        assert set(fetched) <= chosen, describe(view)
        for image in shown:
            if image["top"] > view.viewport_height + LAZY_DISTANCE:
                assert image["src"] not in fetched, f"{image} fetched before any scroll"
        module_images = [url for url in fetched if "/media/images/module-" in url]
        assert all(url.endswith(".avif") for url in module_images), module_images
        if width == PHONE:
            assert all("fill-360x180" in url for url in module_images), module_images


def fetch(url: str, encoding: str):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers, response.read()


def test_static_files_are_brotli_compressed_and_cached_for_a_year(production_site, static_root):
    hashed = next((static_root / "css").glob("site.*.css"))
    assert (
        not hashed.name.endswith((".br", ".gz")) and hashed.with_name(hashed.name + ".br").exists()
    )
    url = f"{production_site}/static/css/{hashed.name}"
    original = hashed.read_bytes()

    headers, body = fetch(url, "gzip, deflate, br")
    assert headers["Content-Encoding"] == "br"
    assert brotli.decompress(body) == original
    assert len(body) < len(original) / 3
    assert "Accept-Encoding" in headers["Vary"]
    cache_control = headers["Cache-Control"]
    assert "immutable" in cache_control
    assert int(cache_control.split("max-age=")[1].split(",")[0]) >= 365 * 24 * 3600

    headers, body = fetch(url, "identity")
    assert headers.get("Content-Encoding") is None and body == original
