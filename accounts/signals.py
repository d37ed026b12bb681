"""Receivers for allauth's account signals, connected by AccountsConfig.ready()."""

from allauth.account.signals import user_logged_in
from django.dispatch import Signal, receiver

# Read (and cleared) by courses.context_processors.progress_import_offer: the first page after
# signing in offers, once, to bring progress kept in this browser into the account.
OFFER_LOCAL_PROGRESS_IMPORT = "offer_local_progress_import"

account_erasing = Signal()


@receiver(user_logged_in, dispatch_uid="accounts.offer_local_progress_import")
def offer_local_progress_import(sender, request, user, **kwargs):
    """Every allauth login: after the login form, after sign-up, after confirming an email."""
    request.session[OFFER_LOCAL_PROGRESS_IMPORT] = True
