"""The site behind a real Varnish running deploy/varnish/course.vcl: anonymous pages are hits,
signed-in requests pass, publishing purges, and HTML goes out gzipped.

Each test starts its own varnishd on a free loopback port in front of pytest-django's
`live_server`, with a top-level VCL in a temporary folder that declares that backend and
includes course.vcl, and stops it afterwards. Pages are fetched through Varnish with the Host
the Wagtail site is set to, so that Wagtail's purges (to FRONTEND_CACHE_URLS) name the same
objects Varnish keeps.
"""

import gzip
import http.client
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from wagtail.models import Site

from tests.factories import make_course, make_learner, make_lesson, make_module
from tests.support import free_port, process_stop, skip_or_fail, wait_until_listening

VARNISH_DIR = Path(__file__).resolve().parents[2] / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
PASSWORD = "a long and private passphrase"


def varnishd_or_skip() -> str:
    if not os.access(VARNISHD, os.X_OK):
        skip_or_fail("varnishd is not installed (Debian package varnish)", "REQUIRE_SERVICES")
    return VARNISHD


def jail() -> list[str]:
    """As root, varnishd would run as its own users, which cannot read pytest's tmp folders."""
    return ["-j", "none"] if os.geteuid() == 0 else []


class Varnish:
    """A varnishd of our own: `get(path)` fetches through it."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def request(self, method: str, path: str, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            connection.request(
                method, path, headers={"Host": f"127.0.0.1:{self.port}", **(headers or {})}
            )
            response = connection.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()

    def get(self, path: str, headers: dict | None = None):
        return self.request("GET", path, headers)


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    binary = varnishd_or_skip()
    backend_port = int(live_server.url.rsplit(":", 1)[1])
    port = free_port()
    vcl = tmp_path / "top.vcl"
    vcl.write_text(
        "vcl 4.1;\n"
        f'backend default {{ .host = "127.0.0.1"; .port = "{backend_port}"; }}\n'
        f'include "{VARNISH_DIR / "course.vcl"}";\n'
    )
    command = [
        binary,
        "-F",
        "-n",
        str(tmp_path / "work"),
        "-f",
        str(vcl),
        "-a",
        f"127.0.0.1:{port}",
        "-T",
        "none",
        "-s",
        "malloc,32m",
    ]
    command[1:1] = jail()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        if not wait_until_listening(port, timeout=30, process=process, interval=0.2):
            process_stop(process)
            output = process.stdout.read().decode(errors="replace")
            pytest.fail(f"varnishd did not start: {output}")
        cache = Varnish(port)
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": cache.url,
            }
        }
        yield cache
    finally:
        process_stop(process)


@pytest.fixture
def lesson(varnish):
    course = make_course()
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=varnish.port)
    module = make_module(course, 1)
    return make_lesson(module, "a-written-lesson", title="The first title")


def test_a_second_anonymous_request_is_a_hit(varnish, lesson):
    status, first, _ = varnish.get(lesson.url)
    assert status == 200
    assert first["x-cache"] == "MISS"
    assert "set-cookie" not in first
    status, second, body = varnish.get(lesson.url, {"Cookie": "csrftoken=abc; _pk=1"})
    assert status == 200
    assert second["x-cache"] == "HIT"
    assert "age" in second
    assert b"The first title" in body
    # A browser that prefers Swedish is sent to the Swedish address (config/languages.py)...
    status, headers, _ = varnish.get(lesson.url, {"Accept-Language": "pl, sv;q=0.8"})
    assert (status, headers["location"]) == (302, "/sv" + lesson.url)
    # ... unless its reader chose English with the switcher: then the shared English copy.
    chosen = {"Accept-Language": "sv-SE,sv;q=0.9", "Cookie": "django_language=en; _pk=1"}
    status, headers, body = varnish.get(lesson.url, chosen)
    assert (status, headers["x-cache"]) == (200, "HIT")
    assert b"The first title" in body


def test_if_none_match_is_answered_304_by_the_cache(varnish, lesson):
    _, headers, _ = varnish.get(lesson.url)
    status, again, body = varnish.get(lesson.url, {"If-None-Match": headers["etag"]})
    assert status == 304
    assert body == b""


def test_a_signed_in_request_passes_and_is_never_kept(varnish, lesson):
    make_learner("official@example.org", PASSWORD)
    client = Client()
    assert client.login(email="official@example.org", password=PASSWORD)
    cookie = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
    varnish.get(lesson.url)  # an anonymous copy is in the cache
    for _ in range(2):
        status, headers, body = varnish.get(lesson.url, cookie)
        assert status == 200
        assert headers["x-cache"] == "MISS"
        assert "no-store" in headers["cache-control"]
        assert b"Log out" in body
    # ... and the anonymous copy never shows the learner's page.
    _, headers, body = varnish.get(lesson.url)
    assert headers["x-cache"] == "HIT"
    assert b"Log out" not in body


def test_publishing_a_new_revision_purges_the_lesson_and_its_module(varnish, lesson):
    module = lesson.get_parent()
    for url in (lesson.url, module.url):
        varnish.get(url)
        assert varnish.get(url)[1]["x-cache"] == "HIT"
    lesson.title = "A corrected title"
    lesson.save_revision().publish()
    for url in (lesson.url, module.url):
        status, headers, body = varnish.get(url)
        assert status == 200
        assert headers["x-cache"] == "MISS", url
        assert b"A corrected title" in body, url
        assert b"The first title" not in body, url


def test_an_unpublished_lesson_is_gone_from_the_cache(varnish, lesson):
    url = lesson.url
    varnish.get(url)
    assert varnish.get(url)[1]["x-cache"] == "HIT"
    lesson.unpublish()
    status, _, _ = varnish.get(url)
    assert status == 404


def test_html_goes_out_gzipped(varnish, lesson):
    status, headers, body = varnish.get(lesson.url, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    html = gzip.decompress(body)
    assert b"The first title" in html
    assert len(body) < len(html) / 2


def test_the_compose_vcl_compiles_with_its_two_backends(tmp_path):
    binary = varnishd_or_skip()
    text = (VARNISH_DIR / "default.vcl").read_text()
    # The compose service names resolve only inside compose; the VCL is otherwise unchanged.
    text = text.replace('"web1"', '"127.0.0.1"').replace('"web2"', '"127.0.0.1"')
    text = text.replace('include "course.vcl";', f'include "{VARNISH_DIR / "course.vcl"}";')
    vcl = tmp_path / "default.vcl"
    vcl.write_text(text)
    result = subprocess.run(
        [binary, *jail(), "-C", "-n", str(tmp_path / "work"), "-f", str(vcl)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "round_robin" in result.stdout + result.stderr


def test_a_registration_purges_the_event_page_with_its_seat_count(varnish):
    from events.services import event_register
    from tests.events.factories import make_event, make_event_index

    course = make_course()
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=varnish.port)
    event = make_event(make_event_index(course), capacity=10)
    url = event.url
    assert b"10 seats left of 10" in varnish.get(url)[2]
    assert varnish.get(url)[1]["x-cache"] == "HIT"
    event_register(event=event, user=make_learner("official@example.org", PASSWORD))
    status, headers, body = varnish.get(url)
    assert headers["x-cache"] == "MISS"
    assert b"9 seats left of 10" in body


def test_what_the_site_did_not_mark_public_is_not_kept(varnish, lesson):
    for url in ("/search/?q=title", "/no-such-page/", "/privacy/"):
        varnish.get(url)
        assert varnish.get(url)[1]["x-cache"] == "MISS", url


def test_a_moved_lesson_is_purged_from_its_old_address(varnish, lesson):
    old_url = lesson.url
    other_module = make_module(lesson.get_parent().get_parent(), 2)
    varnish.get(old_url)
    assert varnish.get(old_url)[1]["x-cache"] == "HIT"
    lesson.move(other_module, pos="last-child")
    new_url = lesson.__class__.objects.get(pk=lesson.pk).url
    # Wagtail's redirects app sends the old address on to the new one.
    status, headers, _ = varnish.get(old_url)
    assert status == 301
    assert headers["location"].endswith(new_url)
    status, _, body = varnish.get(new_url)
    assert status == 200
    assert b"The first title" in body


def test_a_deleted_lesson_is_gone_from_the_cache_and_its_module(varnish, lesson):
    url, module = lesson.url, lesson.get_parent()
    for address in (url, module.url):
        varnish.get(address)
        assert varnish.get(address)[1]["x-cache"] == "HIT"
    lesson.delete()
    assert varnish.get(url)[0] == 404
    assert b"The first title" not in varnish.get(module.url)[2]
