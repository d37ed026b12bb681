"""Experts and themes become translatable: every existing one is English (the default locale,
created by 0005) and gets a translation key of its own."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0006_snippets_translatable_fields"),
    ]

    operations = [
        BootstrapTranslatableModel("modules.Expert"),
        BootstrapTranslatableModel("modules.Theme"),
    ]
