"""Who counts as staff for sign-in rules: anyone who can open the Wagtail admin or edit content.

Two rules read this (accounts.middleware): staff must have two-step sign-in set up before the
admin opens for them, and their sign-ins end sooner than learners' (STAFF_SESSION_SECONDS).
"""

from django.conf import settings
from django.urls import reverse

from sso.services import signed_in_through_mfa_provider

STAFF_GROUPS = ("Editors", "Moderators")


def is_staff_member(user) -> bool:
    """Whether `user` may open the admin or belongs to an editorial group."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if user.groups.filter(name__in=STAFF_GROUPS).exists():
        return True
    return user.has_perm("wagtailadmin.access_admin")


def has_two_step_sign_in(user, request=None) -> bool:
    """Whether `user` has an authenticator app or a security key (recovery codes alone, which
    allauth never creates by themselves, do not count), or signed in during this `request`'s
    session through an organisation's provider marked as asking for a second step itself."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import is_mfa_enabled

    if request is not None and signed_in_through_mfa_provider(request):
        return True
    return is_mfa_enabled(user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])


def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def staff_session_seconds() -> int:
    return settings.STAFF_SESSION_SECONDS
