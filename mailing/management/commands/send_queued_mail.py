"""`manage.py send_queued_mail`: send the outbox's due emails now, in this process.

For the embedded default, which has no worker and no beat: an email whose first attempt failed
(the mail server was down) waits in the outbox until this runs. The same claim as the Celery
task, so running both, or this twice, still sends each email once.
"""

from collections import Counter

from django.core.management.base import BaseCommand
from django.utils import timezone

from mailing.models import OutboxEmail
from mailing.services import OutboxDeferred, outbox_email_send, outbox_purge_failed


class Command(BaseCommand):
    help = "Send the queued emails that are due now (synchronously, without a worker)."

    def handle(self, *args, **options):
        now = timezone.now()
        outbox_purge_failed(now=now)
        outcomes: Counter[str] = Counter()
        for email_id in list(OutboxEmail.objects.due(now).values_list("pk", flat=True)):
            try:
                outcome = outbox_email_send(email_id=email_id, now=now)
            except OutboxDeferred as error:
                outcome = "retry later"
                self.stderr.write(f"email {email_id}: {error}")
            outcomes[outcome] += 1
        summary = ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items())) or "none due"
        self.stdout.write(f"Queued mail: {summary}.")
