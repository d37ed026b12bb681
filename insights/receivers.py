"""An account deletion leaves no trace in the figures: a refresh follows its commit."""

from django.dispatch import receiver

from accounts.signals import account_erasing
from insights.refresh import refresh_after_commit


@receiver(account_erasing, dispatch_uid="insights.refresh_after_deletion")
def refresh_after_deletion(sender, user, now, **kwargs):
    refresh_after_commit()
