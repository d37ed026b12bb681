"""Print what the course home weighs on a first view: bytes on the wire per kind of resource.

Seeds the demo course into a throwaway PostgreSQL database, collects the static files with the
production storage (hashed, brotli and gzip), runs gunicorn with the production settings and
opens the home page in headless Chromium at each width (390 px, a phone; 1280 px, a laptop) with
an empty cache. HTML is counted gzipped, as the HTTP cache in front serves it; everything else as
it arrived (see scripts/pageweight.py). Usage::

    .venv/bin/python scripts/bench_weight.py [--postgres postgres://postgres@127.0.0.1:5432]
        [--widths 390,1280] [--scale 1] [--path /] [--verbose] [--screenshots DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import benchdb, pageweight  # noqa: E402

DATABASE = "course_bench_weight"
KINDS = ["redirect", "html", "css", "js", "image", "font", "other"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--widths", default="390,1280")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio")
    parser.add_argument("--path", default="/")
    parser.add_argument("--verbose", action="store_true", help="list every transfer")
    parser.add_argument("--screenshots", type=Path, help="save a full-page PNG per width here")
    args = parser.parse_args()

    database_url = benchdb.postgres_create(args.postgres, DATABASE)
    try:
        benchdb.django_setup(database_url)
        from django.conf import settings
        from django.core.management import call_command

        from modules.seed import seed_demo

        call_command("migrate", verbosity=0)
        seed_demo()
        with tempfile.TemporaryDirectory(prefix="bench-weight-static-") as static_root:
            env = pageweight.production_env(
                database_url=database_url,
                static_root=Path(static_root),
                media_root=Path(settings.MEDIA_ROOT),
            )
            pageweight.static_collect(env=env)
            with pageweight.gunicorn_serving(env=env) as base_url:
                measure(base_url + args.path, args)
    finally:
        benchdb.postgres_drop(args.postgres, DATABASE)


def measure(url: str, args) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        # The first visit makes the image renditions; the measured views are the next ones.
        pageweight.first_view(browser, url, width=1280)
        print(f"{url}, first view, device pixel ratio {args.scale:g} (bytes on the wire)")
        print(f"{'width':>6} " + " ".join(f"{kind:>8}" for kind in KINDS) + f" {'total':>8}")
        for width in (int(w) for w in args.widths.split(",")):
            screenshot = args.screenshots / f"home-{width}.png" if args.screenshots else None
            view = pageweight.first_view(
                browser, url, width=width, scale=args.scale, screenshot=screenshot
            )
            sizes = view.by_kind()
            row = " ".join(f"{sizes.get(kind, 0):>8}" for kind in KINDS)
            images = len(view.of_kind("image"))
            print(f"{width:>6} {row} {view.total:>8}  ({images} images)")
            if args.verbose:
                for transfer in view.transfers:
                    print(
                        f"        {transfer.kind:>8} {transfer.bytes:>7} {transfer.encoding:>14}"
                        f"  {transfer.url}"
                    )
        browser.close()


if __name__ == "__main__":
    main()
