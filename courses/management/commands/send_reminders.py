"""`manage.py send_reminders`: select and send due reminders now, in this process: the course
reminders, then the 24-hour event reminders.

The same selection and the same claim-before-send as the Celery sweep, so running both, or this
twice, still sends each reminder once.
"""

import logging
from collections import Counter

from django.core.management.base import BaseCommand
from django.utils import timezone

from courses.reminders.selection import due_reminder_batches
from courses.reminders.sending import TemporarySendFailure, reminder_send

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send the reminder emails that are due now (synchronously, without a worker)."

    def handle(self, *args, **options):
        from events.notifications import due_event_reminders, event_email_send

        now = timezone.now()
        self.send_due(
            "Reminders",
            due_reminder_batches(now),
            send=lambda due: reminder_send(
                enrolment_id=due.enrolment_id, period=due.period, now=now
            ),
            name=lambda due: f"enrolment {due.enrolment_id}",
        )
        self.send_due(
            "Event reminders",
            due_event_reminders(now),
            send=lambda due: event_email_send(
                registration_id=due.registration_id, kind="reminder", period=due.period, now=now
            ),
            name=lambda due: f"event registration {due.registration_id}",
        )

    def send_due(self, label: str, batches, *, send, name) -> None:
        """Send each due item, count the outcomes and print them in one line."""
        outcomes: Counter[str] = Counter()
        for batch in batches:
            for due in batch:
                try:
                    outcome = send(due)
                except TemporarySendFailure as error:
                    outcome = "retry later"
                    self.stderr.write(f"{name(due)}: {error}")
                except Exception:  # one learner's broken data must not stop everyone else's
                    outcome = "error"
                    logger.exception("reminder for %s failed", name(due))
                outcomes[outcome] += 1
        summary = ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items())) or "none due"
        self.stdout.write(f"{label}: {summary}.")
