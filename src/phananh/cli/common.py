"""What every `phananh` command shares: setting Django up and bringing the database up to date."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phananh.config.settings")


def django_setup() -> None:
    """Configure Django (settings from the PHANANH_* environment); a setting that is missing or
    wrong is one clear line and exit status 2, not a traceback."""
    import sys

    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def migrate(verbosity: int = 0) -> None:
    """Bring the database schema and the collected static files up to date.

    Every command that migrates (migrate, seed, city load, apikey create…) does it one process
    at a time: two at once deadlocked on a migration's CREATE INDEX CONCURRENTLY.
    """
    from django.core.management import call_command

    from phananh.core.db import database_optimize, one_at_a_time

    with one_at_a_time("phananh migrate"):
        call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("collectstatic", interactive=False, verbosity=0)
    database_optimize()


def pending_migrations() -> list[str]:
    """The migrations not yet applied to the configured database ("app.name"), in order."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
