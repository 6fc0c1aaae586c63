"""A task backend for the test suite: each task runs in-process when the transaction that queued
it commits, as the database queue's rows become visible to the workers only then.

Production queues tasks as rows of the same database (django-tasks-db): a task queued inside a
transaction is never seen before that transaction commits, and is lost only if it rolls back.
This backend keeps exactly that contract without a worker process: tests that let a service's
transaction "commit" (pytest-django's `django_capture_on_commit_callbacks(execute=True)`, or
code running outside a transaction) see the task run; the others see it queued, not yet run.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class AfterCommitBackend(ImmediateBackend):
    """ImmediateBackend, run at commit."""

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        self.validate_task(task)
        result: TaskResult[Any] = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        transaction.on_commit(lambda: self._execute_task(result))
        return result
