"""allauth's SAML provider, for organisations' SAML identity providers (sso.models).

What differs from allauth's own:

- An address counts as verified only when its domain is one the provider serves (SAML has no
  standard "verified" flag): a provider cannot vouch for another organisation's people, as
  with OpenID Connect (sso.provider).
- The attribute mapping comes from the provider's row (sso.models.DEFAULT_ATTRIBUTE_MAPPING
  with the administrator's changes), and the display name falls back to the given and family
  names.
- The addresses sent to the identity provider (assertion consumer service, entity ID) are the
  same in every language: they are registered once with it.

Its addresses are sso.saml.urls (allauth includes them, as this class's package).
"""

from allauth.account.models import EmailAddress
from allauth.socialaccount.providers.saml.provider import SAMLProvider
from django.core.exceptions import PermissionDenied
from django.utils import translation
from lxml import etree

from sso import second_factor
from sso.models import DEFAULT_ATTRIBUTE_MAPPING, email_domain

ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion"
TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
CONFIRMATION_DATA = (
    f".//{{{ASSERTION}}}Assertion/{{{ASSERTION}}}Subject/{{{ASSERTION}}}SubjectConfirmation/"
    f"{{{ASSERTION}}}SubjectConfirmationData"
)


def assertion_answers_our_request(auth) -> bool:
    """Whether the signed assertion names the request it answers (SAML 2.0 Profiles 4.1.4.2).

    Only the assertion is signed, not the envelope around it, and python3-saml compares the
    assertion's InResponseTo with the envelope's only when the assertion carries one. Without
    it, an assertion taken from someone's answer could be put in a new envelope naming the
    request of another browser's sign-in."""
    expected = auth.get_last_response_in_response_to()
    if not expected:
        return False
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(auth.get_last_response_xml().encode(), parser=parser)
    confirmations = root.findall(CONFIRMATION_DATA)
    return bool(confirmations) and all(
        data.get("InResponseTo") == expected for data in confirmations
    )


def with_host(request):
    """python3-saml builds the addresses it checks from the Host header, which a request need
    not carry (HTTP/1.0); then the host Django settled on is used (an unknown one is refused)."""
    request.META.setdefault("HTTP_HOST", request.get_host())
    return request


class OrganisationSAMLProvider(SAMLProvider):
    package = "sso.saml"
    default_attribute_mapping = DEFAULT_ATTRIBUTE_MAPPING

    @property
    def email_domains(self) -> list[str]:
        return list(self.app.settings.get("email_domains", []))

    def sociallogin_from_response(self, request, response):
        if not assertion_answers_our_request(response):
            raise PermissionDenied("the assertion does not name the request it answers")
        second_factor.remember_sign_in(
            request,
            self.app.provider_id,
            second_factor=second_factor.saml_contexts_prove_second_factor(
                response.get_last_authn_contexts()
            ),
        )
        return super().sociallogin_from_response(request, response)

    def extract_uid(self, data):
        """The mapped identifier, else the NameID, unless that is transient: a new one at
        every sign-in would make a new account each time."""
        uid = self._extract(data).get("uid")
        if uid:
            return uid
        if data.get_nameid_format() == TRANSIENT:
            raise PermissionDenied("a transient NameID names nobody twice")
        return data.get_nameid()

    def extract_email_addresses(self, data):
        attributes = self._extract(data)
        email = (attributes.get("email") or "").strip()
        if not email:
            return []
        trusted = email_domain(email) in self.email_domains
        return [EmailAddress(email=email, verified=trusted, primary=True)]

    def extract_common_fields(self, data):
        fields = super().extract_common_fields(data)
        fields.pop("email_verified", None)
        if not fields.get("name"):
            names = (fields.get("first_name"), fields.get("last_name"))
            fields["name"] = " ".join(part for part in names if part)
        return fields

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        with_host(request)
        with translation.override(None):
            return super().redirect(request, process, next_url=next_url, data=data, **kwargs)
