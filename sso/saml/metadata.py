"""The identity provider's SAML metadata (read from its address, or pasted by an administrator)
and the site's own, which the provider's administrator imports.

allauth reads a provider's metadata address while a person signs in and keeps what it read in
the cache for a few hours. Here it is read first, under the same cache key, so that a provider
that cannot be reached, or whose metadata does not describe the entity configured, is a page
saying so rather than an error inside allauth; and only a usable reading is kept.
"""

import ipaddress
import logging
import urllib.request
from urllib.error import URLError
from urllib.parse import urlsplit

from allauth.socialaccount.providers.saml.utils import build_sp_config
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser
from onelogin.saml2.settings import OneLogin_Saml2_Settings

logger = logging.getLogger(__name__)

METADATA_CACHE_SECONDS = 4 * 60 * 60
FAILURE_CACHE_SECONDS = 60
FAILED = ".failed"
# Sent in the site's metadata and checked on every answer: the assertion must be signed.
# Hosts without a dot (localhost, an intranet name) are allowed in the addresses checked, since
# the site itself may run on one.
SECURITY = {
    # A NameID that stays the person's across sign-ins (sso.saml.provider refuses a transient).
    "name_id_format": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
    "want_assertion_signed": True,
    "reject_idp_initiated_sso": True,
    "allow_single_label_domains": True,
}


# A federation's aggregate may be large; the one entity is picked out of it.
MAX_FETCHED_METADATA_BYTES = 32 * 1024 * 1024


def metadata_address_allowed(url: str) -> bool:
    """The identity provider's signing certificate is read from its metadata, so the metadata
    comes over https; plain http only from this machine itself (a provider on loopback)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return bool(parts.hostname)
    if parts.scheme != "http" or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


class _SameRulesForRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect must keep to metadata_address_allowed: never from https down to http."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not metadata_address_allowed(newurl):
            raise URLError(f"redirected to an address not allowed for metadata: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _download(url: str) -> bytes:
    if not metadata_address_allowed(url):
        raise URLError(f"not an address allowed for metadata: {url}")
    opener = urllib.request.build_opener(_SameRulesForRedirects)
    with opener.open(url, timeout=settings.SOCIALACCOUNT_REQUESTS_TIMEOUT) as response:
        body = response.read(MAX_FETCHED_METADATA_BYTES + 1)
    if len(body) > MAX_FETCHED_METADATA_BYTES:
        raise URLError(f"metadata larger than {MAX_FETCHED_METADATA_BYTES} bytes")
    return body


class MetadataError(Exception):
    """The metadata cannot be used; the message says why, for the administrator."""


class MetadataUnreachable(MetadataError):
    """The metadata address did not answer (or not with metadata)."""


def _idp_from_parsed(parsed: dict, entity_id: str) -> dict:
    idp = parsed.get("idp") or {}
    if idp.get("entityId") != entity_id:
        raise MetadataError(
            _("The metadata does not describe an identity provider with the entity ID %(id)s.")
            % {"id": entity_id}
        )
    if not idp.get("singleSignOnService", {}).get("url"):
        raise MetadataError(_("The metadata names no sign-in address (HTTP-Redirect binding)."))
    if not idp.get("x509cert") and not (idp.get("x509certMulti") or {}).get("signing"):
        raise MetadataError(_("The metadata holds no signing certificate."))
    return parsed


def _parse(xml: str | bytes, entity_id: str) -> dict:
    if "'" in entity_id:
        raise MetadataError(_("An entity ID cannot contain an apostrophe."))
    try:
        parsed = OneLogin_Saml2_IdPMetadataParser.parse(xml, entity_id=entity_id)
    except Exception as error:  # noqa: BLE001 (python3-saml raises bare Exceptions on bad XML)
        raise MetadataError(_("The metadata is not readable XML.")) from error
    return _idp_from_parsed(parsed, entity_id)


def idp_settings_from_xml(xml: str, entity_id: str) -> dict:
    """The provider's settings in allauth's form (`idp` of the social app) from pasted metadata;
    raises MetadataError. Of several signing certificates, the first is trusted."""
    idp = _parse(xml, entity_id)["idp"]
    cert = idp.get("x509cert") or idp["x509certMulti"]["signing"][0]
    result = {
        "entity_id": entity_id,
        "x509cert": cert,
        "sso_url": idp["singleSignOnService"]["url"],
    }
    if idp.get("singleLogoutService", {}).get("url"):
        result["slo_url"] = idp["singleLogoutService"]["url"]
    return result


def _cache_key(metadata_url: str, entity_id: str) -> str:
    # allauth.socialaccount.providers.saml.utils.fetch_metadata_url_config's key.
    return f"saml.metadata.{metadata_url}.{entity_id}"


def cached_idp_metadata(metadata_url: str, entity_id: str) -> dict | None:
    return cache.get(_cache_key(metadata_url, entity_id))


def idp_metadata_fetch(*, metadata_url: str, entity_id: str) -> dict:
    """The provider's metadata from its address (from the cache when read lately); raises
    MetadataUnreachable when it cannot be read or used. A failure is remembered for a minute,
    so that while a provider is down, each press of its button does not wait out the timeout
    again (saving the provider forgets it: idp_metadata_forget)."""
    key = _cache_key(metadata_url, entity_id)
    parsed = cache.get(key)
    if parsed:
        return parsed
    failure = cache.get(key + FAILED)
    if failure:
        raise MetadataUnreachable(failure)
    try:
        parsed = _parse(_download(metadata_url), entity_id)
    except Exception as error:  # noqa: BLE001 (python3-saml raises a bare Exception for non-XML)
        cache.set(key + FAILED, str(error) or type(error).__name__, FAILURE_CACHE_SECONDS)
        raise MetadataUnreachable(str(error)) from error
    cache.set(key, parsed, METADATA_CACHE_SECONDS)
    return parsed


def idp_metadata_forget(*, metadata_url: str, entity_id: str) -> None:
    key = _cache_key(metadata_url, entity_id)
    cache.delete_many([key, key + FAILED])


def sp_metadata(request, app) -> str:
    """The site's SAML metadata for the provider (allauth's social app `app`): entity ID and
    assertion consumer service address, without a language prefix."""
    with translation.override(None):
        sp = build_sp_config(request, app.settings, app.client_id)
    # The site takes part in no single logout (sso.saml.views.sls): none is offered.
    sp.pop("singleLogoutService", None)
    advanced = app.settings.get("advanced", {})
    config = {
        "strict": True,
        "sp": sp,
        "security": {
            "wantAssertionsSigned": advanced.get("want_assertion_signed", False),
            "authnRequestsSigned": False,
            "allowSingleLabelDomains": advanced.get("allow_single_label_domains", False),
        },
    }
    saml_settings = OneLogin_Saml2_Settings(settings=config, sp_validation_only=True)
    metadata = saml_settings.get_sp_metadata()
    errors = saml_settings.validate_metadata(metadata)
    if errors:
        raise MetadataError(", ".join(errors))
    return metadata.decode() if isinstance(metadata, bytes) else metadata
