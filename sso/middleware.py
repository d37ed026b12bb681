"""Lets the sign-in forms lead to the organisations' providers under the site's CSP.

A form that starts organisation sign-in posts to our own address, which redirects to the
provider; browsers apply the page's `form-action` to that redirect as well, so the pages holding
such forms add the enabled providers' origins to it (and only those pages: the list costs a
query).
"""

from sso.services import provider_origins

FORM_PAGES = {
    "account_login",
    "account_signup",
    "socialaccount_connections",
    "organisation_login",
    "saml_login",
}


class ProviderFormActionMiddleware:
    """Placed after django-csp's middleware, so that the policy it writes reads what this sets."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name in FORM_PAGES:
            origins = provider_origins()
            if origins:
                update = dict(getattr(response, "_csp_update", None) or {})
                update["form-action"] = [*update.get("form-action", []), *origins]
                response._csp_update = update
        return response
