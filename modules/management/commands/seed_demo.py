"""`manage.py seed_demo`: build the demo site. Safe to run again; a second run changes nothing.

The course comes first (modules, lessons, experts, themes, documents), then the resource library
and the events, which point at them, and last the other languages: the Swedish and Finnish
translations and the page tree of every synchronised locale (modules.demo.localize).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from events.seed import seed_events
from library.seed import seed_library
from modules.demo.localize import seed_translations
from modules.seed import SeedReport, seed_demo


@transaction.atomic
def seed_site() -> SeedReport:
    report = seed_demo()
    seed_library(report)
    seed_events(report)
    seed_translations(report)
    return report


class Command(BaseCommand):
    help = (
        "Create the demo course Smart Cities for City Officials, its library and its events, "
        "adding only what is missing."
    )

    def handle(self, *args, **options):
        report = seed_site()
        if report.created:
            self.stdout.write(
                self.style.SUCCESS(f"Demo course: created {len(report.created)} items.")
            )
            for item in report.created:
                self.stdout.write(f"  + {item}", style_func=None)
        else:
            self.stdout.write("Demo course already complete: nothing to add.")
