"""Compile the site's message catalogues (`locale/<lang>/LC_MESSAGES/*.po`) into `.mo` files.

The compiled files are committed, so that a fresh machine (`make run`) shows the site in every
language without GNU gettext installed. They are written with polib rather than msgfmt for the
same reason: one way that works everywhere, so `make messages` on any machine gives the same
files. Like msgfmt, polib leaves fuzzy and untranslated entries out, so the English shows.

A `.mo` is rewritten only when its content changes; `--check` writes nothing and fails when any
`.mo` is out of date with its `.po`.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def compiled(po_path: Path) -> bytes:
    """The `.mo` bytes for a `.po` file."""
    try:
        catalogue = polib.pofile(str(po_path), wrapwidth=0)
    except (OSError, ValueError) as error:
        raise CommandError(f"{po_path}: {error}") from error
    return catalogue.to_binary()


class Command(BaseCommand):
    help = "Compile every .po under LOCALE_PATHS into its .mo, with polib (no gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if any .mo is missing or out of date.",
        )

    def handle(self, *args, check, **options):
        stale = []
        for locale_dir in map(Path, settings.LOCALE_PATHS):
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                content = compiled(po_path)
                if mo_path.exists() and mo_path.read_bytes() == content:
                    continue
                stale.append(mo_path)
                if not check:
                    mo_path.write_bytes(content)
                    self.stdout.write(f"compiled {mo_path}")
        if check and stale:
            names = "\n".join(str(path) for path in stale)
            raise CommandError(f"Out of date (run `make messages`):\n{names}")
