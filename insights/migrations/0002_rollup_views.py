"""The materialized views the insights pages read (insights.rollup_sql), on PostgreSQL only.

The statements come from insights.rollup_sql: a later change to a view needs a migration of its
own that drops and recreates it (and rollup_sql then keeps the newest statement). On SQLite (the embedded default) there are no views: the insights pages say that
the figures need PostgreSQL.
"""

from django.db import migrations

def _statements():
    from insights import rollup_sql

    return rollup_sql.VIEWS


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for sql in _statements().values():
            cursor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in reversed(list(_statements())):
            cursor.execute(f"DROP MATERIALIZED VIEW IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_refresh"),
        ("courses", "0006_progress_hot_updates"),
        ("events", "0001_initial"),
        ("accounts", "0006_user_playback_rate"),
        ("modules", "0010_remove_module_estimated_minutes"),
        ("wagtailmedia", "0005_alter_media_options"),
    ]
    operations = [migrations.RunPython(create, drop)]
