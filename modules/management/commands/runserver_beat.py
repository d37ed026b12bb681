"""`runserver`, and Celery beat in a thread of the same process: the embedded default's clock.

`make run` has no Redis, no worker and no beat process: tasks run in the process that calls
them (CELERY_TASK_ALWAYS_EAGER). This command serves the site as `runserver` does and runs the
same CELERY_BEAT_SCHEDULE as the full stack's beat, whose due tasks then run in its thread:
scheduled publishing every minute, the reminder and outbox sweeps, the daily retention prune.
Being the serving process, it shares the local-memory cache, so what a scheduled publish
changes is purged from the pages it serves; it stops with the server and restarts with it when
the autoreloader does. With a broker configured (tasks not eager), beat belongs to its own
process (`celery -A config beat`), and this command only serves.
"""

import atexit

from celery import beat
from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import (
    Command as RunserverCommand,
)

from config.celery import app


def embedded_beat_start(schedule_filename: str):
    """Start beat in a daemon thread of this process; it is stopped cleanly at exit."""
    # As `celery beat` does: import every app's tasks, so that beat finds each scheduled task
    # registered (and runs it in process) rather than sending it by name to no broker.
    app.loader.import_default_modules()
    service = beat.EmbeddedService(app, thread=True, schedule_filename=schedule_filename)
    service.start()
    atexit.register(service.stop)
    return service


class Command(RunserverCommand):
    help = (
        "Serve the site as runserver does, running the Celery beat schedule in the same process "
        "when tasks run in process (no broker)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--without-beat",
            action="store_true",
            help="Only serve: run no periodic task.",
        )

    def inner_run(self, *args, **options):
        # Called in the process that serves (the autoreloader's child), once per start.
        if options["without_beat"]:
            pass
        elif settings.CELERY_TASK_ALWAYS_EAGER:
            settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
            embedded_beat_start(str(settings.VAR_DIR / "celerybeat-schedule"))
            self.stdout.write("Periodic tasks (scheduled publishing, sweeps) run in this process.")
        else:
            self.stdout.write(
                "Tasks go to the broker: run `celery -A config worker` and `celery -A config "
                "beat` for periodic tasks (scheduled publishing, sweeps)."
            )
        super().inner_run(*args, **options)
