"""What a browser downloads for a page's first view, served the way production serves it.

Shared by tests/browser/test_page_weight.py (which holds the course home to its budget) and
scripts/bench_weight.py (which prints the figures). The site runs on gunicorn with the production
settings: static files collected by WhiteNoise's CompressedManifestStaticFilesStorage (hashed
names, .br and .gz beside each file) and served by WhiteNoise's middleware, which picks brotli
when the browser accepts it. Headless Chromium opens the page in a fresh context (an empty cache,
so a first view) and the Chrome DevTools Protocol reports the bytes each response took on the
wire (`encodedDataLength`: headers and body as received).

HTML is the one exception: in production the HTTP cache in front of gunicorn (Varnish) gzips it,
and gunicorn alone does not, so the document's body is counted at its gzip size (level 6,
Varnish's default) plus the headers as received. A response that arrives compressed already is
counted as it is.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from scripts.benchserver import Gunicorn
from scripts.benchserver import production_env as production_env  # re-exported for the callers

REPO_ROOT = Path(__file__).resolve().parent.parent
KIND_NAMES = {
    "Document": "html",
    "Stylesheet": "css",
    "Script": "js",
    "Image": "image",
    "Font": "font",
    "Media": "media",
}
# Every <img> in the page: where it sits and which file the browser chose for it.
IMAGES_JS = """() => Array.from(document.images).map((img) => {
    const box = img.getBoundingClientRect();
    return {src: img.currentSrc, top: box.top + window.scrollY, width: box.width,
            height: box.height, visible: getComputedStyle(img).visibility !== 'hidden'};
})"""

# Scroll down the page a screen at a time, as a reader would, so that every lazy image loads.
SCROLL_THROUGH_JS = """async () => {
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
        window.scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 150));
    }
    window.scrollTo(0, 0);
}"""


def static_collect(*, env: dict[str, str]) -> None:
    """`collectstatic` with the production storage into env's DJANGO_STATIC_ROOT."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO_ROOT,
        env=env,
        check=True,
    )


@contextmanager
def gunicorn_serving(*, env: dict[str, str], workers: int = 1) -> Iterator[str]:
    """Run the site on gunicorn on a free loopback port; yields its base URL, stops it after."""
    server = Gunicorn(env, workers=workers, options=["--timeout", "120"], timeout=30)
    try:
        yield server.base_url
    finally:
        server.stop(timeout=20)


@dataclass
class Transfer:
    url: str
    kind: str
    bytes: int
    encoding: str = ""


@dataclass
class FirstView:
    url: str
    width: int
    transfers: list[Transfer] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    viewport_height: int = 0

    @property
    def total(self) -> int:
        return sum(transfer.bytes for transfer in self.transfers)

    def by_kind(self) -> dict[str, int]:
        sizes: dict[str, int] = defaultdict(int)
        for transfer in self.transfers:
            sizes[transfer.kind] += transfer.bytes
        return dict(sizes)

    def of_kind(self, kind: str) -> list[Transfer]:
        return [transfer for transfer in self.transfers if transfer.kind == kind]


def first_view(
    browser,
    url: str,
    *,
    width: int,
    height: int = 844,
    scale: float = 1,
    screenshot: Path | None = None,
) -> FirstView:
    """Open `url` in a fresh browser context at `width` x `height` and record every transfer.

    With `screenshot`, a picture of the whole page is saved there once everything is counted
    (scrolling it in makes the lazy images load, so it comes last)."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale, locale="en-GB"
    )
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        responses: dict[str, dict] = {}
        finished: dict[str, int] = {}
        redirects: list[Transfer] = []

        def on_request(event):
            redirect = event.get("redirectResponse")
            if redirect:
                redirects.append(
                    Transfer(redirect["url"], "redirect", int(redirect["encodedDataLength"]))
                )

        def on_response(event):
            responses[event["requestId"]] = {
                "url": event["response"]["url"],
                "kind": KIND_NAMES.get(event["type"], "other"),
                "encoding": {k.lower(): v for k, v in event["response"]["headers"].items()}.get(
                    "content-encoding", ""
                ),
            }

        def on_finished(event):
            finished[event["requestId"]] = int(event["encodedDataLength"])

        cdp.on("Network.requestWillBeSent", on_request)
        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.loadingFinished", on_finished)
        cdp.send("Network.enable")

        document = page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        html = document.body()

        view = FirstView(url=url, width=width, viewport_height=height)
        view.transfers.extend(redirects)
        for request_id, response in responses.items():
            if response["url"].startswith("data:") or request_id not in finished:
                continue
            size = finished[request_id]
            if response["kind"] == "html" and not response["encoding"]:
                size = size - len(html) + len(gzip.compress(html, compresslevel=6))
                response["encoding"] = "gzip (counted)"
            view.transfers.append(
                Transfer(response["url"], response["kind"], size, response["encoding"])
            )
        view.images = page.evaluate(IMAGES_JS)
        if screenshot is not None:
            page.evaluate(SCROLL_THROUGH_JS)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(screenshot), full_page=True)
        return view
    finally:
        context.close()
