"""Periodic jobs, each run once per wall-clock slot whatever the number of workers.

Each app registers its jobs when Django starts (`periodic_register` in its `apps.py`). Every
worker runs a scheduler loop (`periodic_tick` about each second); for each job it tries to
claim the current slot — a row of `PeriodicRun`, unique per (job, slot) — and the one worker
whose insert succeeds queues the job's task in the same transaction. A slot is
`floor(epoch seconds / every) × every`, so a worker that starts or restarts within a slot
does not run the job again, and two workers never run it twice in one slot.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction

from phananh.core import clock
from phananh.core.models import PeriodicRun
from phananh.core.queue import enqueue

logger = logging.getLogger(__name__)

# Claimed slots are kept this long (the admin and the soak benchmark read them), then pruned.
KEEP_RUNS = timedelta(days=2)


@dataclass(frozen=True)
class PeriodicJob:
    """A task to queue every `every()` seconds (read each time: settings may change in tests)."""

    name: str
    task_path: str
    every: Callable[[], int]


_jobs: dict[str, PeriodicJob] = {}


def periodic_register(name: str, task_path: str, *, every: int | Callable[[], int]) -> None:
    """Declare a periodic job (once, from an app's `ready()`; registering again replaces it)."""
    seconds = every if callable(every) else (lambda: every)
    _jobs[name] = PeriodicJob(name, task_path, seconds)


def periodic_jobs() -> list[PeriodicJob]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def slot_of(moment: datetime, every: int) -> datetime:
    """The start of the wall-clock slot of `every` seconds that contains `moment`."""
    epoch = int(moment.timestamp())
    return datetime.fromtimestamp(epoch - epoch % max(every, 1), tz=UTC)


def periodic_claim(job: PeriodicJob, *, now: datetime, worker: str = "") -> bool:
    """Claim the job's current slot and queue its task; False when another worker has it."""
    slot = slot_of(now, job.every())
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(job=job.name, slot=slot, claimed_at=now, worker=worker[:64])
            enqueue(job.task_path)
    except IntegrityError:
        return False
    return True


def periodic_tick(
    *, worker: str = "", now: datetime | None = None, seen: dict[str, datetime] | None = None
) -> list[str]:
    """One pass of a worker's scheduler: the jobs it queued now (usually none).

    `seen` (kept by the caller between passes) remembers the slot each job was last looked at,
    so a worker asks the database once per job and slot, not once per pass.
    """
    now = now or clock.now()
    seen = {} if seen is None else seen
    queued = []
    for job in periodic_jobs():
        slot = slot_of(now, job.every())
        if seen.get(job.name) == slot:
            continue
        taken = PeriodicRun.objects.filter(job=job.name, slot=slot).exists()
        if not taken and periodic_claim(job, now=now, worker=worker):
            queued.append(job.name)
        seen[job.name] = slot
    return queued


def periodic_prune(*, now: datetime | None = None) -> int:
    """Forget claimed slots older than KEEP_RUNS; returns how many."""
    now = now or clock.now()
    deleted, _by_model = PeriodicRun.objects.filter(claimed_at__lt=now - KEEP_RUNS).delete()
    return deleted
