"""allauth's OpenID Connect provider, for organisations' identity providers (sso.models).

Two things differ from allauth's own `openid_connect` provider:

- The ID token's signature is always checked against the provider's published keys. allauth
  skips it when the token came straight from the token endpoint, which the specification allows
  over TLS; a municipality's set-up is not ours to vouch for, and a token altered on its way is
  then refused like an expired one.
- An address counts as verified only when the provider says `email_verified` and the address's
  domain is one the provider serves: a provider cannot vouch for another organisation's people.
- Whether the ID token says a second factor was used is kept for the staff exemption
  (sso.second_factor).

The callback address is the same in every language (`/accounts/organisation/<slug>/login/
callback/`), since it is registered once with the provider.
"""

from allauth.account.models import EmailAddress
from allauth.core.internal.datakit import parse_bool_safely
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.openid_connect.provider import (
    OpenIDConnectProvider,
    _pick_data,
)
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.utils import build_absolute_uri
from django.urls import reverse
from django.utils import translation

from sso import second_factor
from sso.models import email_domain
from sso.saml.provider import OrganisationSAMLProvider

PROVIDER = "organisation"


class OrganisationOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token: str) -> dict:
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )

    def get_callback_url(self, request, app):
        with translation.override(None):
            path = reverse(f"{PROVIDER}_callback", kwargs={"provider_id": self.provider_id})
        return build_absolute_uri(request, path, self.redirect_uri_protocol)


class OrganisationSignInProvider(OpenIDConnectProvider):
    id = PROVIDER
    oauth2_adapter_class = OrganisationOAuth2Adapter

    @property
    def email_domains(self) -> list[str]:
        return list(self.app.settings.get("email_domains", []))

    def sociallogin_from_response(self, request, response):
        claims = response.get("id_token") or {}  # verified above; amr and acr are only here
        second_factor.remember_sign_in(
            request,
            self.app.provider_id,
            second_factor=second_factor.oidc_claims_prove_second_factor(claims),
        )
        return super().sociallogin_from_response(request, response)

    def extract_email_addresses(self, data):
        email = (_pick_data(data).get("email") or "").strip()
        if not email:
            return []
        verified = bool(parse_bool_safely(_pick_data(data).get("email_verified")))
        trusted = verified and email_domain(email) in self.email_domains
        return [EmailAddress(email=email, verified=trusted, primary=True)]

    def extract_common_fields(self, data):
        fields = super().extract_common_fields(data)
        fields["organisation"] = _pick_data(data).get("organization") or ""
        return fields


# Registered with allauth from here, since allauth reads only each app's `provider` module.
provider_classes = [OrganisationSignInProvider, OrganisationSAMLProvider]
