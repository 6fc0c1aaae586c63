"""The periodic deadline monitor as a task (the worker enqueues it every minute)."""

from __future__ import annotations

from django_tasks import task

from phananh.sla.monitor import sla_sweep


@task()
def sweep_deadlines() -> None:
    sla_sweep()
