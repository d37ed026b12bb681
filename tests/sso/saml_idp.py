"""A real SAML 2.0 identity provider for the tests, built with pysaml2, in a thread of the test
process on a free loopback port, with a key and certificate made for it when it starts.

It publishes its metadata, takes AuthnRequests by the HTTP-Redirect binding, shows a login form,
and answers with a signed Response (HTTP-POST binding: a page whose form posts to the site's
assertion consumer service). `LocalSamlIdP.authorize` plays the person at the provider with
plain HTTP and returns the form the browser would post. It trusts only service providers whose
metadata it was given (`trust`), as a real one does.

An account may ask for a spoiled answer: "tamper" alters a signed attribute after signing;
"expired" signs an assertion whose validity ended ten minutes ago; "unsigned" signs nothing;
"sha1" signs with RSA-SHA1; "unbound" signs an assertion that names no request, in an envelope
(not signed) that names the site's; "transient" identifies the person by a transient NameID.
An account's "authn_class" is the authentication context its answers give (else a password).
"""

import datetime
import re
import secrets
import tempfile
import threading
from html import escape
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT, NameID
from saml2.server import Server
from saml2.sigver import get_xmlsec_binary
from saml2.xmldsig import DIGEST_SHA1, DIGEST_SHA256, SIG_RSA_SHA1, SIG_RSA_SHA256

AUTHN_PASSWORD = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"


def make_key_and_certificate(folder: Path, common_name: str) -> tuple[Path, Path]:
    """A fresh RSA key and a self-signed certificate for it, as PEM files in `folder`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / "idp.key", folder / "idp.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


class _Forms(HTMLParser):
    """The forms (action and named inputs) of a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}})
        elif tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""


class LocalSamlIdP:
    def __init__(self, *, accounts: dict[str, dict]):
        self.accounts = accounts
        self.base = ""
        self.sp_metadata: list[str] = []
        self.pending: dict[str, dict] = {}
        self.received: list[dict] = []  # the AuthnRequests, as the provider read them
        self._folder = None
        self._httpd = None
        self._thread = None

    @property
    def entity_id(self) -> str:
        return f"{self.base}/idp"

    @property
    def metadata_url(self) -> str:
        return f"{self.base}/metadata"

    def start(self) -> "LocalSamlIdP":
        self._folder = tempfile.TemporaryDirectory(prefix="local-saml-idp-")
        self.key_file, self.cert_file = make_key_and_certificate(
            Path(self._folder.name), "Local SAML IdP"
        )
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=10)
            self._httpd = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def trust(self, sp_metadata: str) -> None:
        """Imports a service provider's metadata, as the provider's administrator would."""
        self.sp_metadata.append(sp_metadata)

    # --- pysaml2 -------------------------------------------------------------------------------

    def _config(self, lifetime_minutes: int = 15) -> IdPConfig:
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "service": {
                    "idp": {
                        "name": "Local SAML IdP",
                        "endpoints": {
                            "single_sign_on_service": [
                                (f"{self.base}/sso/redirect", BINDING_HTTP_REDIRECT)
                            ],
                        },
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": lifetime_minutes},
                                "name_form": NAME_FORMAT_URI,
                            }
                        },
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "want_authn_requests_signed": False,
                    }
                },
                "key_file": str(self.key_file),
                "cert_file": str(self.cert_file),
                "xmlsec_binary": get_xmlsec_binary(["/usr/bin"]),
                "metadata": {"inline": list(self.sp_metadata)},
            }
        )
        return config

    def server(self, lifetime_minutes: int = 15) -> Server:
        return Server(config=self._config(lifetime_minutes))

    def metadata_xml(self) -> str:
        return str(entity_descriptor(self._config()))

    def _read_request(self, query: dict) -> dict:
        parsed = self.server().parse_authn_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT)
        message = parsed.message
        request = {
            "id": message.id,
            "sp": message.issuer.text,
            "acs": message.assertion_consumer_service_url,
            "relay_state": query.get("RelayState", [""])[0],
        }
        self.received.append(request)
        return request

    def _answer(self, request: dict, login: str) -> str:
        account = self.accounts[login]
        spoil = account.get("tamper")
        server = self.server(lifetime_minutes=-10 if spoil == "expired" else 15)
        name_id_format = (
            NAMEID_FORMAT_TRANSIENT if spoil == "transient" else NAMEID_FORMAT_PERSISTENT
        )
        response = server.create_authn_response(
            identity=account["attributes"],
            in_response_to=None if spoil == "unbound" else request["id"],
            destination=request["acs"],
            sp_entity_id=request["sp"],
            name_id=NameID(format=name_id_format, text=account["name_id"]),
            authn={"class_ref": account.get("authn_class", AUTHN_PASSWORD)},
            sign_response=False,
            sign_assertion=spoil != "unsigned",
            sign_alg=SIG_RSA_SHA1 if spoil == "sha1" else SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA1 if spoil == "sha1" else DIGEST_SHA256,
        )
        response = str(response)
        if spoil == "unbound":
            response = re.sub(
                r"<((?:\w+:)?Response) ",
                lambda match: f'<{match.group(1)} InResponseTo="{request["id"]}" ',
                response,
                count=1,
            )
        if spoil == "tamper":
            email = account["attributes"]["mail"]
            assert email in response
            response = response.replace(email, account["tamper_to"])
        http = server.apply_binding(
            BINDING_HTTP_POST, response, request["acs"], request["relay_state"], response=True
        )
        return http["data"]

    def _handler_class(self):
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: str, content_type="text/html; charset=utf-8"):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlsplit(self.path)
                if url.path == "/metadata":
                    self._send(200, idp.metadata_xml(), "application/samlmetadata+xml")
                elif url.path == "/sso/redirect":
                    try:
                        request = idp._read_request(parse_qs(url.query))
                    except Exception as error:  # noqa: BLE001 (shown to the test as a 400)
                        self._send(400, f"bad request: {escape(repr(error))}")
                        return
                    key = secrets.token_urlsafe(16)
                    idp.pending[key] = request
                    self._send(
                        200,
                        '<form method="post" action="/sso/login">'
                        f'<input type="hidden" name="key" value="{key}">'
                        '<input name="login"><input name="password" type="password">'
                        "<button>Sign in</button></form>",
                    )
                else:
                    self._send(404, "not found")

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode())
                request = idp.pending.pop(form.get("key", [""])[0], None)
                if urlsplit(self.path).path != "/sso/login" or request is None:
                    self._send(400, "no such sign-in")
                    return
                page = idp._answer(request, form["login"][0])
                self._send(200, page)

        return Handler

    # --- the person at the provider ------------------------------------------------------------

    def authorize(self, url: str, login: str) -> tuple[str, dict]:
        """Signs in as `login`, starting from the address the site sent the browser to; returns
        the address and fields of the form the provider's page posts back to the site."""
        session = requests.Session()
        response = session.get(url, timeout=10)
        response.raise_for_status()
        page = _Forms()
        page.feed(response.text)
        form = page.forms[0]
        data = dict(form["fields"], login=login, password="any password")
        response = session.post(urljoin(url, form["action"]), data=data, timeout=20)
        response.raise_for_status()
        page = _Forms()
        page.feed(response.text)
        form = page.forms[0]
        return form["action"], form["fields"]
