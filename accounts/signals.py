"""Receivers for allauth's and Django's sign-in signals, connected by AccountsConfig.ready()."""

from allauth.account.signals import user_logged_in
from django.contrib.auth.models import update_last_login
from django.dispatch import Signal, receiver

from accounts import sessions  # also connects sessions.blank_ip_address

# Sent by accounts.services.deletion.account_delete as
# `account_erasing.send(sender=User, user=user, now=now)`, inside the deletion's transaction and
# before the registry's rows are erased: each app does its own work first (events release the
# learner's seats and move their waiting lists up; courses withdraw certificates). A receiver
# that raises rolls the whole deletion back.
account_erasing = Signal()

# Read (and cleared) by courses.context_processors.progress_import_offer: the first page after
# signing in offers, once, to bring progress kept in this browser into the account.
OFFER_LOCAL_PROGRESS_IMPORT = "offer_local_progress_import"

# True in the session of an account's first sign-in (read by the dashboard, which greets a new
# learner with "Welcome" rather than "Welcome back").
FIRST_SIGN_IN = "first_sign_in"


@receiver(user_logged_in, dispatch_uid="accounts.offer_local_progress_import")
def offer_local_progress_import(sender, request, user, **kwargs):
    """Every allauth login: after the login form, after sign-up, after confirming an email."""
    request.session[OFFER_LOCAL_PROGRESS_IMPORT] = True


def record_sign_in(sender, request, user, **kwargs):
    """Django's `update_last_login`, noting first whether the account had signed in before.

    Connected instead of Django's receiver (AccountsConfig.ready): once that one has run,
    `last_login` is this sign-in's time, and whether there was an earlier one is lost. Every
    login counts: the login form, and the sign-in that confirming an email address gives.
    """
    if request is not None and hasattr(request, "session"):
        request.session[FIRST_SIGN_IN] = user.last_login is None
    update_last_login(sender, user, **kwargs)


@receiver(user_logged_in, dispatch_uid="accounts.session_started")
def session_started(sender, request, user, **kwargs):
    """Every allauth login, the second step of a two-step sign-in included: "last seen" for the
    sessions list, and the end of a staff member's sign-in (accounts.sessions)."""
    sessions.session_started(request, user)
