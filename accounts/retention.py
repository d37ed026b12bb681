"""Retention: personal data that has outlived its time is deleted by the site itself.

Three rules, run together every day by Celery beat (accounts.tasks.personal_data_prune_task) and
by `manage.py prune_personal_data` where there is no beat (the embedded default):

- An account whose address was never verified is deleted 7 days after sign-up: nobody could
  sign in to it (verification is mandatory), and it holds an address that may not even be the
  sign-up's own. Precisely: `date_joined` more than UNVERIFIED_ACCOUNT_AGE ago and no verified
  EmailAddress. Staff and superusers are never deleted this way (an administrator made by
  `ensure_admin` or `createsuperuser` has no EmailAddress row at all).
- Sign-in sessions past their expiry date are cleared (Django's own `clear_expired`).
- Every registry declaration with a `retention_period` loses the rows whose `retention_from`
  is older than that period (reminder records after a year, emails given up on after
  OUTBOX_FAILED_RETENTION_DAYS). The registry is walked, never a hand list of models, so a new
  declaration with a period is pruned without touching this module.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction

from accounts.data_registry import Erasure, PersonalData, declarations

UNVERIFIED_ACCOUNT_AGE = timedelta(days=7)


@dataclass
class PruneReport:
    """What one run removed: a count per rule, in the order they ran."""

    removed: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.removed.values())


def unverified_accounts(*, now: datetime) -> models.QuerySet:
    """Accounts past UNVERIFIED_ACCOUNT_AGE with no verified address, staff never included."""
    EmailAddress = apps.get_model("account", "EmailAddress")
    verified = EmailAddress.objects.filter(user=models.OuterRef("pk"), verified=True)
    return (
        get_user_model()
        .objects.filter(
            date_joined__lt=now - UNVERIFIED_ACCOUNT_AGE,
            is_staff=False,
            is_superuser=False,
        )
        .exclude(models.Exists(verified))
    )


def unverified_accounts_delete(*, now: datetime) -> int:
    """Delete the unverified accounts and what the registry finds by their address (an email
    that could not be sent to them); rows linked to the account go with it (cascade)."""
    by_address = [entry for entry in declarations() if entry.erasure is Erasure.ADDRESS]
    deleted = 0
    with transaction.atomic():
        for user in unverified_accounts(now=now).select_for_update(of=("self",)):
            for entry in by_address:
                entry.rows_for(user).delete()
            user.delete()
            deleted += 1
    return deleted


def sessions_clear_expired(*, now: datetime) -> int:
    """Clear the sign-in sessions that have expired; returns how many there were.

    The count is read from the database sessions the site uses; `clear_expired` itself is the
    session engine's own, so another engine (cache, signed cookies) still expires its own way.
    """
    Session = apps.get_model("sessions", "Session")
    expired = Session.objects.filter(expire_date__lt=now).count()
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return expired


def declaration_prune(*, entry: PersonalData, now: datetime) -> int:
    """Delete the rows of one declaration whose `retention_from` is older than its period."""
    if entry.retention_period is None:
        return 0
    model = entry.model_class
    cutoff = now - entry.retention_period
    _, per_model = model._base_manager.filter(**{f"{entry.retention_from}__lt": cutoff}).delete()
    return per_model.get(model._meta.label, 0)


def personal_data_prune(*, now: datetime) -> PruneReport:
    """Run every retention rule once; returns what each removed."""
    report = PruneReport()
    report.removed["unverified accounts"] = unverified_accounts_delete(now=now)
    report.removed["expired sessions"] = sessions_clear_expired(now=now)
    for entry in declarations():
        if entry.retention_period is not None:
            report.removed[entry.model] = declaration_prune(entry=entry, now=now)
    return report
