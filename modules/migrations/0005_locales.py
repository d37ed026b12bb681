"""The site's content locales, one per language in LANGUAGES, each kept in step with English.

English is the source: a page created in English gets an alias in every other locale (through
wagtail-localize's synchronisation), so that each language has the whole tree at its own
addresses until an editor translates a page. `manage.py sync_locale_trees` fills the trees for
pages that existed before."""

from django.conf import settings
from django.db import migrations


def locales_create(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    source, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        locale, _ = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})


class Migration(migrations.Migration):
    dependencies = [
        ("modules", "0004_site_languages"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(locales_create, migrations.RunPython.noop)]
