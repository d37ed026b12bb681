"""Experts and themes become translatable snippets, step 3 of 3: locale and translation key
required, one row per (translation key, locale), and the addresses (slugs) and theme names unique
within a language rather than across all, since a translation may keep the English ones."""

import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('modules', '0007_snippets_translatable_fill'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.AlterField(
            model_name='expert',
            name='locale',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AlterField(
            model_name='expert',
            name='slug',
            field=models.SlugField(blank=True, help_text="The expert's address on the site. Leave empty to make it from the name.", max_length=255, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='expert',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='theme',
            name='locale',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AlterField(
            model_name='theme',
            name='name',
            field=models.CharField(max_length=100, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='theme',
            name='slug',
            field=models.SlugField(max_length=100, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='theme',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name='expert',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AlterUniqueTogether(
            name='theme',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AddConstraint(
            model_name='expert',
            constraint=models.UniqueConstraint(fields=('slug', 'locale'), name='expert_slug_per_locale'),
        ),
        migrations.AddConstraint(
            model_name='theme',
            constraint=models.UniqueConstraint(fields=('name', 'locale'), name='theme_name_per_locale'),
        ),
        migrations.AddConstraint(
            model_name='theme',
            constraint=models.UniqueConstraint(fields=('slug', 'locale'), name='theme_slug_per_locale'),
        ),
    ]
