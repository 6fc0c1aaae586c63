"""Periodic rollup refresh as a task (the worker enqueues it every few minutes)."""

from __future__ import annotations

from django_tasks import task

from phananh.analytics.map_rollup import map_rollup_refresh
from phananh.analytics.services import (
    backlog_refresh,
    daily_counts_refresh_due,
    scorecards_refresh_due,
)


@task()
def refresh_statistics() -> None:
    daily_counts_refresh_due()
    scorecards_refresh_due()


@task()
def refresh_backlog() -> None:
    backlog_refresh()


@task()
def refresh_map() -> None:
    map_rollup_refresh()
