"""The site's EMAIL_BACKEND: sending an email writes it to the outbox; a task delivers it.

send_mail(), EmailMessage.send(), allauth's and Wagtail's emails all land here. The rows are
written in the caller's transaction, so an email belongs to what caused it: a sign-up that
rolls back sends nothing. Once that transaction commits, each row is handed to a Celery task
(mailing.tasks), which delivers it through EMAIL_DELIVERY_BACKEND and retries while the mail
server is away. The page that sent the email never waits for the mail server, and never fails
because of it.
"""

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from mailing.messages import outbox_email_from_message
from mailing.models import OutboxEmail
from mailing.tasks import outbox_enqueue


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        """Queue the messages that have recipients; returns how many were queued."""
        rows = [
            outbox_email_from_message(message) for message in email_messages if message.recipients()
        ]
        if not rows:
            return 0
        try:
            with transaction.atomic():  # a savepoint: fail_silently leaves the caller's intact
                rows = OutboxEmail.objects.bulk_create(rows)
        except Exception:
            if not self.fail_silently:
                raise
            return 0
        email_ids = [row.pk for row in rows]
        transaction.on_commit(lambda: outbox_enqueue(email_ids))
        return len(rows)
