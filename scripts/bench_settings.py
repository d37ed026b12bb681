"""The production settings with one addition: a bare view for the benchmarks to compare with.

scripts/bench_pages.py and scripts/loadtest/run.py start gunicorn on this module so that the
bare view (`/_bench/ok`, see scripts/bench_urls.py) runs in the same processes, behind the same
middleware, as the pages it is compared with. Everything else is config.settings.production.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "scripts.bench_urls"
