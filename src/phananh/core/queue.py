"""Enqueue background work by the task's dotted path.

A service that asks for follow-up work names the task by its path instead of importing its
app's `tasks.py` (which imports the service): no service ↔ task import circle, and the queue
row is written in the caller's transaction (the queue is a table of the same database), so work
is never lost between a commit and an on-commit hook. `core/tests/test_architecture.py` checks
that every path given here names a task.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.module_loading import import_string
from django_tasks.base import Task, TaskResultStatus


@cache
def task_at(path: str) -> Task[..., Any]:
    """The task object at a dotted path (`phananh.<app>.tasks.<name>`)."""
    found = import_string(path)
    if not isinstance(found, Task):
        raise TypeError(f"{path} is not a task")
    return found


def enqueue(path: str, *args: object) -> None:
    """Queue one run of the task at `path` with these (JSON-serialisable) arguments."""
    task_at(path).enqueue(*args)


def queued_task_args(path: str) -> list[list[object]]:
    """The arguments of every run of the task at `path` still waiting or running in the
    database queue (nothing for a backend that keeps no queue, such as the test suite's)."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends["default"], DatabaseBackend):
        return []
    live = DBTaskResult.objects.filter(
        task_path=path, status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING)
    )
    return [row["args"] for row in live.values_list("args_kwargs", flat=True)]
