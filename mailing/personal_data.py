"""Personal data held by the email outbox (see accounts.data_registry)."""

from datetime import timedelta

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.data_registry import Audience, Erasure, PersonalData, declare

declare(
    PersonalData(
        model="mailing.OutboxEmail",
        owner=None,
        erasure=Erasure.ADDRESS,
        address_fields=("to", "cc", "bcc", "reply_to"),
        category=_("Emails waiting to be sent"),
        fields={
            "to": _("the address an email is for"),
            "cc": _("copy addresses"),
            "bcc": _("hidden copy addresses"),
            "reply_to": _("reply address"),
            "subject": _("the subject"),
            "body": _("the text"),
            "alternatives": _("the HTML version"),
            "headers": _("technical headers"),
            "attachments": _("attachments, such as a calendar file"),
            "last_error": _("the mail server's answer when sending failed"),
        },
        purpose=_("To send an email once the mail server takes it, without a page waiting."),
        retention=format_lazy(
            _(
                "Deleted as soon as it is sent; an email that cannot be sent is kept without "
                "its text for {days} days, to find out why."
            ),
            days=settings.OUTBOX_FAILED_RETENTION_DAYS,
        ),
        # The one rule for given-up emails: mailing's sweep and the daily retention both
        # apply it (accounts.retention.declaration_prune).
        retention_period=timedelta(days=settings.OUTBOX_FAILED_RETENTION_DAYS),
        retention_from="failed_at",
        seen_by=(Audience.LEARNER, Audience.STAFF),
    ),
)
