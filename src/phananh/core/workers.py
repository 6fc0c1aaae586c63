"""Workers that die mid-task lose nothing: each beats while alive, and the task runs left
behind by a worker that stopped beating are queued again for another worker.

Every task is written to be safe when run twice (it re-reads its row and does nothing if the
work is done), so a run that a dead worker had half done is simply done again.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django_tasks.base import TaskResultStatus

from phananh.core import clock
from phananh.core.models import WorkerBeat

logger = logging.getLogger(__name__)


def beat_every() -> timedelta:
    """How often a worker says it is alive (PHANANH_WORKER_BEAT_SECONDS)."""
    return timedelta(seconds=settings.WORKER_BEAT_SECONDS)


def lease() -> timedelta:
    """How long a silent worker is still thought alive (PHANANH_WORKER_LEASE_SECONDS)."""
    return timedelta(seconds=settings.WORKER_LEASE_SECONDS)


def worker_beat(*, worker_id: str, host: str, pid: int, started_at: datetime) -> None:
    """Say this worker is alive (its heartbeat thread calls this every BEAT_EVERY)."""
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": host[:255], "pid": pid, "started_at": started_at, "seen_at": clock.now()},
    )


def worker_gone(*, worker_id: str) -> None:
    """A worker that stops cleanly says so: nothing of its own is left running."""
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


def tasks_requeue_orphans(*, now: datetime | None = None) -> list[str]:
    """Queue again every task run left `running` by a worker that no longer beats; returns the
    ids of the runs queued again. Runs claimed less than a lease ago are left to their worker.
    """
    from django_tasks_db.models import DBTaskResult

    now = now or clock.now()
    silent = now - lease()
    alive = set(WorkerBeat.objects.filter(seen_at__gte=silent).values_list("worker_id", flat=True))
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=silent
    ).values_list("pk", "worker_ids")
    requeued = []
    for pk, worker_ids in running:
        if worker_ids and worker_ids[-1] in alive:
            continue
        # Conditional: a run that finished meanwhile, or that another pass requeued, stays.
        if DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        ):
            requeued.append(str(pk))
    if requeued:
        logger.warning("queued again %d task runs left by dead workers", len(requeued))
    WorkerBeat.objects.filter(Q(seen_at__lt=now - timedelta(days=1))).delete()
    return requeued
