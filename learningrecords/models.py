"""What learning records keep of their own: a learner's opaque xAPI name, and the LRS outbox.

The statements themselves are not stored: they are made from the learner's progress and event
registrations whenever they are read (learningrecords.statements). Only a statement on its way to
an external Learning Record Store is kept, in the outbox, until the store has taken it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LearnerAccount(models.Model):
    """The name a learner goes by in their xAPI statements: random, stable, and never the email.

    The statements' actor is an xAPI Agent identified by an account on this site; its name must
    say nothing about the person to a Learning Record Store, and must not change when the learner
    changes their address, so it is a random UUID made the first time it is needed.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="xapi_account",
    )
    account_name = models.UUIDField(_("name in learning records"), default=uuid.uuid4, unique=True)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("learning-record account")

    def __str__(self):
        return str(self.account_name)


class StatementDeliveryQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True)


class StatementDelivery(models.Model):
    """One xAPI statement on its way to the configured Learning Record Store.

    One row per statement id (unique), written once with the statement as it was first made, and
    marked sent when the store answers 2xx, or 409 (it holds that id already). Delivery claims a
    row with SELECT ... FOR UPDATE SKIP LOCKED before it posts, so two workers never post the same
    statement at once, and a sent row is never posted again: each statement reaches the store
    once (a crash between the store's answer and the commit is answered 409 on the next try).
    """

    statement_id = models.UUIDField(_("statement id"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="xapi_deliveries",
        db_index=False,  # the (user, sent_at) index leads with the user
    )
    statement = models.JSONField(_("statement"))
    created_at = models.DateTimeField(_("queued"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)

    objects = StatementDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning-record delivery")
        verbose_name_plural = _("learning-record deliveries")
        indexes = [
            models.Index(fields=["user", "sent_at"], name="xapi_delivery_user_sent"),
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="xapi_delivery_pending",
            ),
        ]

    def __str__(self):
        return str(self.statement_id)
