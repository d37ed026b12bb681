"""Sign-in rules for staff, and "last seen" for the account's sessions list.

- Anyone who may open the Wagtail admin or edit content (accounts.staff.is_staff_member) must
  have two-step sign-in (an authenticator app or a security key) before the admin opens: until
  then every admin address sends them to the page that sets it up, with a message saying why.
- A staff member's sign-in ends STAFF_SESSION_SECONDS after it began (accounts.sessions).
- A signed-in session's "last seen" is written at most every few minutes (accounts.sessions).

Learners' and visitors' requests cost nothing here beyond reading the session they already
have: the staff checks run only on admin addresses or for sessions marked as staff.
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

# Admin addresses that stay open without two-step sign-in: they lead to allauth's pages.
OPEN_ADMIN_PATHS = ("login/", "logout/", "password_reset/")


class StaffSignInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if not staff_session_enforce(request):
                logout(request)
                messages.info(request, _("Your staff sign-in has ended. Please sign in again."))
                login = reverse("account_login")
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            prefix = admin_prefix()
            if request.path_info.startswith(prefix):
                rest = request.path_info[len(prefix) :]
                if not rest.startswith(OPEN_ADMIN_PATHS) and is_staff_member(user):
                    staff_session_limit(request, timezone.now())
                    staff_session_enforce(request)
                    if not has_two_step_sign_in(user):
                        return _to_setup(request)
            session_seen(request)
        return self.get_response(request)


def _to_setup(request):
    messages.warning(
        request,
        _(
            "Editors and administrators must use two-step sign-in. Set up an authenticator "
            "app or a security key to open the admin."
        ),
    )
    return redirect("mfa_index")
