"""`manage.py seed_demo`: build the demo course. Safe to run again; a second run changes nothing."""

from django.core.management.base import BaseCommand

from modules.seed import seed_demo


class Command(BaseCommand):
    help = "Create the demo course Smart Cities for City Officials, adding only what is missing."

    def handle(self, *args, **options):
        report = seed_demo()
        if report.created:
            self.stdout.write(
                self.style.SUCCESS(f"Demo course: created {len(report.created)} items.")
            )
            for item in report.created:
                self.stdout.write(f"  + {item}", style_func=None)
        else:
            self.stdout.write("Demo course already complete: nothing to add.")
