"""An organisation's identity provider (a municipality's own, or a broker serving several),
speaking OpenID Connect or SAML 2.0.

Both kinds are rows of one model, so that administrators keep one list (the Wagtail admin,
sso.wagtail_hooks, or `manage.py identity_provider`), home-realm discovery looks in one place,
and the short name, email domains and two-step exemption mean the same for both. allauth sees
each enabled row as one of its social apps (sso.adapters): OpenID Connect ones under the
`organisation` provider (sso.provider), SAML ones under `saml` (sso.saml.provider).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from sso.saml.metadata import (
    MetadataError,
    idp_metadata_forget,
    idp_settings_from_xml,
    metadata_address_allowed,
)

DEFAULT_SCOPES = "openid email profile"
# allauth's provider ids: a provider's short name is matched against them too.
RESERVED_SLUGS = {"organisation", "saml", "openid_connect"}

# The attributes a SAML provider's assertion is read for, and the names they go by at common
# providers: the LDAP/eduPerson OIDs (Shibboleth, SimpleSAMLphp, national brokers), the claim
# URIs of Entra ID and ADFS, and plain LDAP names. The first one present counts; an
# administrator may replace any key's list (sso.models.parse_attribute_mapping).
DEFAULT_ATTRIBUTE_MAPPING = {
    # A stable identifier for the person (never reassigned), else the NameID (sso.saml.provider).
    "uid": [
        "urn:oasis:names:tc:SAML:attribute:subject-id",
        "http://schemas.microsoft.com/identity/claims/objectidentifier",
    ],
    "email": [
        "urn:oid:0.9.2342.19200300.100.1.3",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "mail",
        "email",
    ],
    "first_name": [
        "urn:oid:2.5.4.42",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
        "givenName",
    ],
    "last_name": [
        "urn:oid:2.5.4.4",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
        "sn",
    ],
    "name": [
        "urn:oid:2.16.840.1.113730.3.1.241",
        "http://schemas.microsoft.com/identity/claims/displayname",
        "displayName",
        "urn:oid:2.5.4.3",
        "cn",
    ],
    "organisation": ["urn:oid:2.5.4.10", "o", "organizationName"],
}


def parse_attribute_mapping(text: str) -> dict[str, list[str]]:
    """The mapping in `text` ("key = name, name" per line) over the defaults; raises ValueError
    naming the first line that is not one."""
    mapping = {key: list(names) for key, names in DEFAULT_ATTRIBUTE_MAPPING.items()}
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, names = line.partition("=")
        key = key.strip()
        found = [name.strip() for name in names.split(",") if name.strip()]
        if not sep or key not in DEFAULT_ATTRIBUTE_MAPPING or not found:
            raise ValueError(number)
        mapping[key] = found
    return mapping


DOMAIN_PATTERN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def parse_domains(text: str) -> list[str]:
    """The domains in `text` (one per line, or separated by commas or spaces), lower-cased,
    without a leading "@", in the order given, each once."""
    found: list[str] = []
    for word in re.split(r"[\s,;]+", text or ""):
        domain = word.strip().lstrip("@").lower().rstrip(".")
        if domain and domain not in found:
            found.append(domain)
    return found


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


class OrganisationProviderQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(enabled=True)


class OrganisationProvider(models.Model):
    class Protocol(models.TextChoices):
        OIDC = "oidc", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")

    protocol = models.CharField(
        _("protocol"), max_length=10, choices=Protocol.choices, default=Protocol.OIDC
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("Shown on the sign-in button, e.g. “City of Tampere”."),
    )
    slug = models.SlugField(
        _("short name"),
        max_length=50,
        unique=True,
        help_text=_(
            "Part of the redirect address the organisation registers; cannot be changed later."
        ),
    )
    issuer = models.URLField(
        _("issuer"),
        max_length=500,
        blank=True,
        help_text=_(
            "OpenID Connect: the provider's issuer address; its "
            "/.well-known/openid-configuration is read from it."
        ),
    )
    client_id = models.CharField(_("client ID"), max_length=255, blank=True)
    client_secret = models.CharField(_("client secret"), max_length=1000, blank=True)
    scopes = models.CharField(
        _("scopes"),
        max_length=255,
        default=DEFAULT_SCOPES,
        help_text=_("Separated by spaces. “openid” and “email” are needed."),
    )
    saml_entity_id = models.CharField(
        _("SAML entity ID"),
        max_length=500,
        blank=True,
        help_text=_("SAML: the identity provider's entity ID, as in its metadata."),
    )
    saml_metadata_url = models.URLField(
        _("SAML metadata address"),
        max_length=500,
        blank=True,
        help_text=_(
            "SAML: where the identity provider publishes its metadata (read again every few "
            "hours). Or paste the metadata below instead."
        ),
    )
    saml_metadata_xml = models.TextField(
        _("SAML metadata"),
        blank=True,
        help_text=_("SAML: the identity provider's metadata XML, if it has no address."),
    )
    saml_attribute_mapping = models.TextField(
        _("SAML attribute mapping"),
        blank=True,
        help_text=_(
            "SAML: only where the provider's attribute names differ from the usual ones. One per "
            "line: “email = name, other name”; keys: email, first_name, last_name, name, "
            "organisation, uid."
        ),
    )
    email_domains = models.TextField(
        _("email domains"),
        blank=True,
        help_text=_(
            "One per line. People whose address ends in one of these are sent to this provider, "
            "and only for these does the provider's word that an address is verified count."
        ),
    )
    asserts_mfa = models.BooleanField(
        _("provider requires two-step sign-in"),
        default=False,
        help_text=_(
            "Tick only if the provider always asks for a second factor: its staff then need no "
            "second step here."
        ),
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    objects = OrganisationProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation sign-in provider")
        verbose_name_plural = _("organisation sign-in providers")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.saml_metadata_url:
            # A corrected provider is read afresh, not from a cached reading or failure.
            idp_metadata_forget(metadata_url=self.saml_metadata_url, entity_id=self.saml_entity_id)

    @property
    def domain_list(self) -> list[str]:
        return parse_domains(self.email_domains)

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()

    def clean(self) -> None:
        errors: dict[str, list] = {}
        domains = parse_domains(self.email_domains)
        bad = [domain for domain in domains if not DOMAIN_PATTERN.match(domain)]
        if bad:
            errors.setdefault("email_domains", []).append(
                _("Not a domain name: %(domains)s.") % {"domains": ", ".join(bad)}
            )
        taken = sorted(set(domains) & claimed_domains(exclude=self.pk))
        if taken:
            errors.setdefault("email_domains", []).append(
                _("Already served by another provider: %(domains)s.")
                % {"domains": ", ".join(taken)}
            )
        self.email_domains = "\n".join(domains)
        self._clean_slug(errors)
        if self.protocol == self.Protocol.SAML:
            self._clean_saml(errors)
        else:
            self._clean_oidc(errors)
        if errors:
            raise ValidationError(errors)

    def _clean_slug(self, errors: dict) -> None:
        # The short name is in the addresses registered with the identity provider and in the
        # linked identities' provider: fixed once saved. allauth's own provider ids would make
        # two providers answer to one name.
        if self.slug in RESERVED_SLUGS:
            errors.setdefault("slug", []).append(_("This short name is taken by the site."))
        if self.pk:
            saved = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if saved is not None and saved != self.slug:
                errors.setdefault("slug", []).append(
                    _("The short name cannot be changed once saved.")
                )

    def _clean_oidc(self, errors: dict) -> None:
        for field in ("issuer", "client_id", "client_secret"):
            if not getattr(self, field):
                errors.setdefault(field, []).append(_("An OpenID Connect provider needs this."))
        if "openid" not in self.scopes.split():
            errors.setdefault("scopes", []).append(_("The scopes must include “openid”."))

    def _clean_saml(self, errors: dict) -> None:
        self.saml_entity_id = self.saml_entity_id.strip()
        self.saml_metadata_xml = self.saml_metadata_xml.strip()
        if not self.saml_entity_id:
            errors.setdefault("saml_entity_id", []).append(_("A SAML provider needs this."))
        if self.saml_metadata_url and not metadata_address_allowed(self.saml_metadata_url):
            errors.setdefault("saml_metadata_url", []).append(
                _("The metadata address must start with https://.")
            )
        if bool(self.saml_metadata_url) == bool(self.saml_metadata_xml):
            errors.setdefault("saml_metadata_url", []).append(
                _("Give either the metadata address or the metadata itself, not both.")
            )
        elif self.saml_metadata_xml and self.saml_entity_id:
            try:
                idp_settings_from_xml(self.saml_metadata_xml, self.saml_entity_id)
            except MetadataError as error:
                errors.setdefault("saml_metadata_xml", []).append(str(error))
        try:
            parse_attribute_mapping(self.saml_attribute_mapping)
        except ValueError as error:
            errors.setdefault("saml_attribute_mapping", []).append(
                _("Line %(line)s is not “key = attribute name, …” with a known key.")
                % {"line": error.args[0]}
            )

    @property
    def attribute_mapping(self) -> dict[str, list[str]]:
        return parse_attribute_mapping(self.saml_attribute_mapping)


def claimed_domains(*, exclude=None) -> set[str]:
    """Every domain some provider serves, leaving out the provider with pk `exclude`."""
    rows = OrganisationProvider.objects.exclude(pk=exclude).values_list("email_domains", flat=True)
    return {domain for text in rows for domain in parse_domains(text)}
