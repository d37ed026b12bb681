"""Whether an organisation's sign-in proved a second factor, for the exemption of staff from the
site's own two-step sign-in (sso.services.signed_in_through_mfa_provider).

The provider's "requires two-step sign-in" setting is not enough on its own: each sign-in's
answer must also say that a second factor was used, in the terms the protocols have for it.

- OpenID Connect: the ID token's `amr` (RFC 8176) names `mfa`, or a second-factor method beside
  another method; or its `acr` is one of the levels below.
- SAML: the assertion's AuthnContextClassRef is one of the levels below.

The levels: the REFEDS MFA profile, Entra ID's multiple-factor claim, SAML's two-factor classes,
and the "substantial" and "high" levels of eIDAS and of the Nordic e-identities (Suomi.fi /
FTN, Swedish eID, ID-porten, MitID), each of which takes two factors.
"""

SESSION_KEY = "sso.second_factor_provider"

MULTIPLE_FACTOR_LEVELS = frozenset(
    {
        "https://refeds.org/profile/mfa",
        "http://schemas.microsoft.com/claims/multipleauthn",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken",
        "http://eidas.europa.eu/LoA/substantial",
        "http://eidas.europa.eu/LoA/high",
        "http://ftn.ficora.fi/2017/loa2",
        "http://ftn.ficora.fi/2017/loa3",
        "http://id.elegnamnden.se/loa/1.0/loa3",
        "http://id.elegnamnden.se/loa/1.0/loa4",
        "idporten-loa-substantial",
        "idporten-loa-high",
        "https://data.gov.dk/concept/core/nsis/loa/Substantial",
        "https://data.gov.dk/concept/core/nsis/loa/High",
    }
)
# RFC 8176 methods that are a factor beyond a password (something held, or the person's body).
SECOND_FACTOR_METHODS = frozenset(
    {"otp", "hwk", "swk", "sc", "sms", "tel", "fpt", "face", "iris", "retina", "vbm"}
)


def oidc_claims_prove_second_factor(claims: dict) -> bool:
    amr = claims.get("amr")
    methods = {str(method) for method in amr} if isinstance(amr, list) else set()
    if "mfa" in methods or (methods & SECOND_FACTOR_METHODS and len(methods) >= 2):
        return True
    return claims.get("acr") in MULTIPLE_FACTOR_LEVELS


def saml_contexts_prove_second_factor(contexts) -> bool:
    return any(context in MULTIPLE_FACTOR_LEVELS for context in contexts or ())


def remember_sign_in(request, provider_slug: str, *, second_factor: bool) -> None:
    """Kept in the session the sign-in is about to become (Django keeps an anonymous session's
    data when it signs someone in); a sign-in without proof forgets an earlier one's."""
    if second_factor:
        request.session[SESSION_KEY] = provider_slug
    else:
        request.session.pop(SESSION_KEY, None)


def proven_by(request) -> str | None:
    return request.session.get(SESSION_KEY)
