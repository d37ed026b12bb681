"""Receivers for other apps' signals, connected by CoursesConfig.ready()."""

from django.dispatch import receiver

from accounts.signals import account_erasing
from courses.services.certificates import certificates_withdraw


@receiver(account_erasing, dispatch_uid="courses.withdraw_certificates")
def withdraw_certificates(sender, user, now, **kwargs):
    """A learner's account is being erased: their certificates say "withdrawn" and name nobody."""
    certificates_withdraw(user=user, now=now)
