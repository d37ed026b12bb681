"""Security headers that Django does not send by itself.

The Content-Security-Policy comes from django-csp, a kept library: the public site gets the
strict policy of `CONTENT_SECURITY_POLICY` (a fresh nonce per request, no inline script or
style at all), and the Wagtail admin, which still relies on inline styles, gets its own
`ADMIN_CONTENT_SECURITY_POLICY`. Both are declared in the "Security headers" section of the
settings.

`SecurityHeadersMiddleware` adds the few headers that neither Django nor django-csp send:
`Permissions-Policy`, `Cross-Origin-Resource-Policy`, and `Cache-Control: private, no-store`
on what a signed-in user is sent, so that their dashboard, certificate or calendar file never
sits in a shared cache or on the disk of a shared computer after they log out.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.utils.cache import patch_cache_control


def is_admin_path(path: str) -> bool:
    """Whether `path` (a request's path_info) belongs to the Wagtail admin."""
    return path.startswith(settings.ADMIN_CSP_PATH_PREFIXES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy for paths under the admin.

    A view that sets its own policy with django-csp's decorators keeps it: the admin policy
    only replaces the site's default.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


def permissions_policy(features: dict[str, list[str]]) -> str:
    """The Permissions-Policy header for `features`: {"camera": [], "fullscreen": ["self"]}."""
    return ", ".join(f"{name}=({' '.join(allow)})" for name, allow in features.items())


class SecurityHeadersMiddleware:
    """Permissions-Policy, Cross-Origin-Resource-Policy, and no-store for signed-in users.

    Placed before the session and authentication middleware, so that it sees the user those
    set (the login response already carries the new user, the logout response no longer does).
    Every response to a signed-in user that read the session, file downloads included (the
    certificate PDF), is private and not stored. Static files and
    uploaded media are the same bytes for everyone, so they stay cacheable even for a signed-in
    learner (a lecture need not be fetched again on each seek).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy(settings.PERMISSIONS_POLICY)
        self.public_prefixes = tuple(
            prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        # The path first: a lecture's range requests need no session or user lookup.
        if not request.path.startswith(self.public_prefixes) and self.is_signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def is_signed_in(request) -> bool:
        """Whether the response went to a signed-in user and may depend on who they are.

        A response whose view never read the session (a public calendar file, a caption track)
        cannot depend on the user, and asking would cost it two queries; Django marks the rest
        with `Vary: Cookie` for the same reason.
        """
        session = getattr(request, "session", None)
        if session is None or not session.accessed:
            return False
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)
