"""A real OpenID Connect provider for the tests: tests/sso/oidc_provider.mjs (the `oidc-provider`
package on Node) in its own process, on a free loopback port.

`LocalIdP.authorize` plays the person at the provider with plain HTTP: it follows the sign-in
from the authorization address the site sent them to, fills in the provider's own login and
consent forms (or cancels), and returns the address the provider sends them back to.
"""

import json
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests

SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "smartcities-course"
CLIENT_SECRET = "test-client-secret-for-the-local-idp"  # noqa: S105 (a test fixture's secret)


def node_available() -> bool:
    return shutil.which("node") is not None


class _Forms(HTMLParser):
    """The forms (action and named inputs) and links of a provider page."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}})
        elif tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


class LocalIdP:
    def __init__(self, *, redirect_uris: list[str], accounts: dict[str, dict]):
        self.redirect_uris = redirect_uris
        self.accounts = accounts
        self.issuer = ""
        self.process = None
        self._folder = None

    def start(self) -> "LocalIdP":
        self._folder = tempfile.TemporaryDirectory(prefix="local-idp-")
        config = Path(self._folder.name) / "config.json"
        config.write_text(
            json.dumps(
                {
                    "clients": [
                        {
                            "client_id": CLIENT_ID,
                            "client_secret": CLIENT_SECRET,
                            "redirect_uris": self.redirect_uris,
                        }
                    ],
                    "accounts": self.accounts,
                }
            )
        )
        self.process = subprocess.Popen(  # noqa: S603 (a fixed script of the test suite)
            ["node", str(SCRIPT), str(config)],  # noqa: S607
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.process.stdout.readline()
        if not line.startswith("listening "):
            self.stop()
            raise RuntimeError(f"the local OpenID Connect provider did not start: {line!r}")
        self.issuer = line.split()[1]
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process.stdout.close()
            self.process = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def authorize(self, url: str, login: str, *, cancel: bool = False) -> str:
        """Signs in as `login` at the provider (or cancels there), starting from the
        authorization address `url`; returns the address it sends the browser back to."""
        session = requests.Session()
        method, data = "GET", None
        for _ in range(20):
            response = session.request(method, url, data=data, allow_redirects=False, timeout=10)
            if response.is_redirect:
                location = urljoin(url, response.headers["Location"])
                if not location.startswith(self.issuer):
                    return location
                method, data, url = "GET", None, location
                continue
            response.raise_for_status()
            page = _Forms()
            page.feed(response.text)
            if cancel:
                abort = next(link for link in page.links if link.endswith("/abort"))
                method, data, url = "GET", None, urljoin(url, abort)
                continue
            form = page.forms[0]
            data = dict(form["fields"])
            if "login" in data:
                data.update(login=login, password="any password")
            method, url = "POST", urljoin(url, form["action"])
        raise AssertionError("the provider never sent the browser back")
