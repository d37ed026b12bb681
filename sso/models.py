"""An organisation's OpenID Connect provider (a municipality's own, or a broker serving several).

Administrators keep these rows in the Wagtail admin (sso.wagtail_hooks) or with
`manage.py identity_provider`; allauth sees each enabled row as one of its social apps
(sso.adapters), under the `organisation` provider (sso.provider).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_SCOPES = "openid email profile"
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


class OrganisationProviderQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(enabled=True)


class OrganisationProvider(models.Model):
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
        help_text=_(
            "The provider's issuer address; its /.well-known/openid-configuration is read from it."
        ),
    )
    client_id = models.CharField(_("client ID"), max_length=255)
    client_secret = models.CharField(_("client secret"), max_length=1000)
    scopes = models.CharField(
        _("scopes"),
        max_length=255,
        default=DEFAULT_SCOPES,
        help_text=_("Separated by spaces. “openid” and “email” are needed."),
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
        if "openid" not in self.scopes.split():
            errors.setdefault("scopes", []).append(_("The scopes must include “openid”."))
        if errors:
            raise ValidationError(errors)


def claimed_domains(*, exclude=None) -> set[str]:
    """Every domain some provider serves, leaving out the provider with pk `exclude`."""
    rows = OrganisationProvider.objects.exclude(pk=exclude).values_list("email_domains", flat=True)
    return {domain for text in rows for domain in parse_domains(text)}
