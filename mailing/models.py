"""The outbox: one row per email waiting to go out, the record of what is still to send.

A row is written in the transaction that caused the email (a rolled-back sign-up leaves none)
and deleted as soon as the mail server accepts the message: its body holds personal data and
links that sign in or reset a password, which the site has no reason to keep once sent. A row
the mail server refused for good stays, without its body, so that staff can see who did not
get what and why; the sweep deletes it after OUTBOX_FAILED_RETENTION_DAYS.
"""

from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxEmailQuerySet(models.QuerySet):
    def waiting(self):
        """Not yet sent and not given up on."""
        return self.filter(failed_at__isnull=True)

    def due(self, now: datetime):
        """Waiting rows whose next attempt may start now, oldest first."""
        return self.waiting().filter(next_attempt_at__lte=now).order_by("next_attempt_at", "pk")

    def failed(self):
        return self.filter(failed_at__isnull=False)


class OutboxEmail(models.Model):
    """One email as Django's EmailMessage held it, serialised field by field (see
    mailing.messages), with its delivery state."""

    from_email = models.TextField(_("from"))
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list)
    bcc = models.JSONField(_("bcc"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list)
    subject = models.TextField(_("subject"), blank=True)
    body = models.TextField(_("body"), blank=True)
    content_subtype = models.CharField(_("body type"), max_length=40, default="plain")
    encoding = models.CharField(_("encoding"), max_length=40, blank=True)
    alternatives = models.JSONField(
        _("alternatives"), default=list, help_text=_("Other renderings, such as HTML.")
    )
    headers = models.JSONField(_("headers"), default=dict)
    attachments = models.JSONField(_("attachments"), default=list)

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    failed_at = models.DateTimeField(
        _("given up"),
        null=True,
        blank=True,
        help_text=_("When the mail server refused it for good, or retries ran out."),
    )

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(failed_at__isnull=True),
                name="mailing_outbox_due",
            ),
            models.Index(
                fields=["failed_at"],
                condition=models.Q(failed_at__isnull=False),
                name="mailing_outbox_failed",
            ),
        ]

    def __str__(self):
        return f"{', '.join(self.to)} · {self.subject}"
