"""What the benchmark scripts share: a throwaway PostgreSQL database and Django set up on it.

Each benchmark runs on a database of its own, dropped and created afresh, with the test
settings (locmem email, fast hashing), an in-process cache and no Redis, so that nothing outside
the process is timed.
"""

import os
import shutil
from pathlib import Path


def postgres_create(server_url: str, database: str) -> str:
    """Drop and create `database` on the server; returns its URL."""
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {database}")
    return f"{server_url}/{database}"


def postgres_drop(server_url: str, database: str) -> None:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def django_setup(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = database_url
    os.environ.pop("REDIS_URL", None)
    os.environ["CELERY_BROKER_URL"] = "memory://localhost/"
    import django

    django.setup()


def run_close(*, server_url: str, database: str, work: Path, keep: bool) -> None:
    """At the end of a run: close Django's connections, then drop the database (made by
    postgres_create) and delete the `work` folder, or with `keep`, say where they are."""
    from django.db import connections

    connections.close_all()
    if not keep:
        postgres_drop(server_url, database)
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"# kept {server_url}/{database} and {work}")
