"""SAML 2.0 sign-in for organisations whose identity service speaks only SAML: allauth's SAML
provider, fed from sso.models like the OpenID Connect one, with its addresses the same in every
language (they are registered once with the identity provider)."""
