"""`manage.py send_reminders`: select and send due reminders now, in this process: the course
reminders, then the 24-hour event reminders.

The same selection and the same claim-before-send as the Celery sweep, so running both, or this
twice, still sends each reminder once.
"""

import logging

from django.core.management.base import BaseCommand
from django.utils import timezone

from courses.reminders.selection import due_reminder_batches
from courses.reminders.sending import TemporarySendFailure, reminder_send

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send the reminder emails that are due now (synchronously, without a worker)."

    def handle(self, *args, **options):
        now = timezone.now()
        outcomes: dict[str, int] = {}
        for batch in due_reminder_batches(now):
            for due in batch:
                try:
                    outcome = reminder_send(
                        enrolment_id=due.enrolment_id, period=due.period, now=now
                    )
                except TemporarySendFailure as error:
                    outcome = "retry later"
                    self.stderr.write(f"enrolment {due.enrolment_id}: {error}")
                except Exception:  # one learner's broken data must not stop everyone else's
                    outcome = "error"
                    logger.exception("reminder for enrolment %s failed", due.enrolment_id)
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
        summary = ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items())) or "none due"
        self.stdout.write(f"Reminders: {summary}.")
        self.send_event_reminders(now)

    def send_event_reminders(self, now):
        """The 24-hour event reminders, through the same claim-before-send."""
        from events.notifications import due_event_reminders, event_email_send

        outcomes: dict[str, int] = {}
        for batch in due_event_reminders(now):
            for due in batch:
                try:
                    outcome = event_email_send(
                        registration_id=due.registration_id,
                        kind="reminder",
                        period=due.period,
                        now=now,
                    )
                except TemporarySendFailure as error:
                    outcome = "retry later"
                    self.stderr.write(f"event registration {due.registration_id}: {error}")
                except Exception:  # one learner's broken data must not stop everyone else's
                    outcome = "error"
                    logger.exception("event reminder for %s failed", due.registration_id)
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
        summary = ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items())) or "none due"
        self.stdout.write(f"Event reminders: {summary}.")
