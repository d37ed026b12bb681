"""Sign-in rules for staff, and "last seen" for the account's sessions list.

- Anyone who may open the Wagtail admin or edit content (accounts.staff.is_staff_member) must
  have two-step sign-in (an authenticator app or a security key) before the admin opens: until
  then every admin address sends them to the page that sets it up, with a message saying why.
- A staff member's sign-in ends STAFF_SESSION_SECONDS after it began (accounts.sessions).
- A signed-in session's "last seen" is written at most every few minutes (accounts.sessions).

Outside the admin nothing here reads the session or the user before the view has: a response
that never depended on them stays cacheable, and learners' requests cost no query (the staff
limit and "last seen" read only the session, "last seen" writes every few minutes).
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.sessions import session_seen, staff_session_enforce, staff_session_limit
from accounts.staff import admin_prefix, has_two_step_sign_in, is_staff_member
from config.security import is_admin_path

# Admin addresses that stay open without two-step sign-in: they lead to allauth's pages.
OPEN_ADMIN_PATHS = ("login/", "logout/", "password_reset/")


class StaffSignInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin_path(request.path_info) and request.user.is_authenticated:
            rest = request.path_info[len(admin_prefix()) :]
            if not rest.startswith(OPEN_ADMIN_PATHS) and is_staff_member(request.user):
                staff_session_limit(request, timezone.now())
                if not staff_session_enforce(request):
                    return _signed_out(request)
                if not has_two_step_sign_in(request.user, request):
                    return _to_setup(request)
        response = self.get_response(request)
        # Elsewhere only a session the view has read already: one it never read (a public
        # calendar file, a caption track) keeps its response cacheable (config.security).
        session = getattr(request, "session", None)
        if session is not None and session.accessed and request.user.is_authenticated:
            if not staff_session_enforce(request):
                return _signed_out(request)
            session_seen(request)
        return response


def _signed_out(request):
    logout(request)
    messages.info(request, _("Your staff sign-in has ended. Please sign in again."))
    login = reverse("account_login")
    return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")


def _to_setup(request):
    messages.warning(
        request,
        _(
            "Editors and administrators must use two-step sign-in. Set up an authenticator "
            "app or a security key to open the admin."
        ),
    )
    return redirect("mfa_index")
