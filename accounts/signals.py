"""Receivers for allauth's account signals, connected by AccountsConfig.ready()."""

from allauth.account.signals import user_logged_in
from django.dispatch import Signal, receiver

# Sent by accounts.services.deletion.account_delete as
# `account_erasing.send(sender=User, user=user, now=now)`, inside the deletion's transaction and
# before the registry's rows are erased: each app does its own work first (events release the
# learner's seats and move their waiting lists up; courses withdraw certificates). A receiver
# that raises rolls the whole deletion back.
account_erasing = Signal()

# Read (and cleared) by courses.context_processors.progress_import_offer: the first page after
# signing in offers, once, to bring progress kept in this browser into the account.
OFFER_LOCAL_PROGRESS_IMPORT = "offer_local_progress_import"


@receiver(user_logged_in, dispatch_uid="accounts.offer_local_progress_import")
def offer_local_progress_import(sender, request, user, **kwargs):
    """Every allauth login: after the login form, after sign-up, after confirming an email."""
    request.session[OFFER_LOCAL_PROGRESS_IMPORT] = True
