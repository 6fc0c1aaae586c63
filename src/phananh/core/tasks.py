"""Hourly database upkeep, enqueued by the worker's scheduler."""

from __future__ import annotations

from django_tasks import task

from phananh.core.db import database_optimize


@task()
def optimize_database() -> None:
    database_optimize()
