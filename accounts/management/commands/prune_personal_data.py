"""`manage.py prune_personal_data`: run the retention rules now, in this process.

For the embedded default, which has no beat: run it daily (cron, a systemd timer) or by hand.
The same service as the Celery task; it prints what it removed.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.retention import personal_data_prune


class Command(BaseCommand):
    help = "Delete personal data past its retention (unverified accounts, sessions, old records)."

    def handle(self, *args, **options):
        report = personal_data_prune(now=timezone.now())
        for what, count in report.removed.items():
            self.stdout.write(f"{what}: {count} removed")
        self.stdout.write(f"Removed {report.total} in all.")
