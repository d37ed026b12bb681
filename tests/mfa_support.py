"""Two-step sign-in for the test suite's staff: each gets a real TOTP authenticator.

Staff must have two-step sign-in before the admin opens (accounts.middleware), and the rule
stays on in tests. Instead, `staff_authenticators` (an autouse fixture in tests/conftest.py)
gives every user who becomes staff in a test an authenticator app, as an editor would set one
up, with a secret known to the test (`staff_totp_code`). A test about the rule itself opts out
with `@pytest.mark.staff_without_mfa`.
"""

import base64
import hashlib

import pyotp


def staff_secret(user) -> str:
    """The TOTP secret of `user`'s authenticator (base32), fixed by their email address."""
    digest = hashlib.sha256(f"test-staff-totp:{user.email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


def staff_totp_code(user) -> str:
    return pyotp.TOTP(staff_secret(user)).now()


def give_authenticator_app(user) -> None:
    """An authenticator app (and recovery codes, as allauth makes after the first one)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return
    TOTP.activate(user, staff_secret(user))
    RecoveryCodes.activate(user)


def connect():
    """Connect the receivers that equip staff; returns a function that disconnects them."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_save

    from accounts.staff import is_staff_member

    user_model = get_user_model()

    def equip(user):
        if user.is_active and is_staff_member(user):
            give_authenticator_app(user)

    def saved(sender, instance, raw=False, update_fields=None, **kwargs):
        # Signing in saves last_login alone: nobody becomes staff by it.
        if not raw and set(update_fields or ()) != {"last_login"}:
            equip(instance)

    def changed(sender, instance, action, **kwargs):
        if action == "post_add" and isinstance(instance, user_model):
            # Permissions are cached on the user object: read them afresh.
            for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
                instance.__dict__.pop(attr, None)
            equip(instance)

    receivers = [
        (post_save, saved, user_model),
        (m2m_changed, changed, user_model.groups.through),
        (m2m_changed, changed, user_model.user_permissions.through),
    ]
    for signal, receiver, sender in receivers:
        signal.connect(
            receiver, sender=sender, weak=False, dispatch_uid=f"tests.mfa.{id(receiver)}"
        )

    def disconnect():
        for signal, receiver, sender in receivers:
            signal.disconnect(receiver, sender=sender, dispatch_uid=f"tests.mfa.{id(receiver)}")

    return disconnect
