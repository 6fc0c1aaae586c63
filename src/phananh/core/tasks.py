"""Upkeep of the cluster itself, run by the workers' schedulers."""

from __future__ import annotations

from django_tasks import task

from phananh.core.db import database_optimize
from phananh.core.periodic import periodic_prune
from phananh.core.workers import tasks_requeue_orphans


@task()
def optimize_database() -> None:
    """Hourly database upkeep (the planner's statistics), and forget old periodic slots."""
    database_optimize()
    periodic_prune()


@task()
def requeue_orphans() -> None:
    """Queue again the task runs left by workers that died mid-task."""
    tasks_requeue_orphans()
