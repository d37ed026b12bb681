"""Django's makemessages, without gettext's fuzzy guesses.

msgmerge marks a new string "fuzzy" with the translation of a similar old one; Django then
ignores it, and a reviewer may not notice the guess. New strings arrive empty instead, and the
catalogue test (tests/test_translations.py) asks for their translation."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
