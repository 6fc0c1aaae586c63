"""A worker killed mid-task loses nothing: its run is queued again and finishes exactly once.

Real `phananh worker` processes on the test's PostgreSQL database: one is killed with SIGKILL
while it runs a task, another takes the task up once the first stops beating.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from phananh.core import clock
from phananh.core.models import WorkerBeat
from phananh.core.workers import tasks_requeue_orphans

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgresql://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def _worker(tmp_path: Path, name: str) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "phananh.config.settings",
        "PHANANH_EMBEDDED": "false",
        "PHANANH_SECRET_KEY": "test-only-" + "x" * 40,
        "PHANANH_DATA_DIR": str(tmp_path / name),
        "PHANANH_DATABASE_URL": _database_url(),
        # Outside the embedded mode a worker needs the cache every process shares.
        "PHANANH_CACHE_URL": "redis://127.0.0.1:6379/13",
        "PHANANH_CACHE_PREFIX": f"test-workers-{os.getpid()}",
        "PHANANH_WORKER_BEAT_SECONDS": "1",
        "PHANANH_WORKER_LEASE_SECONDS": "3",
        "PHANANH_ORPHANS_SWEEP_SECONDS": "2",
    }
    environment.pop("PHANANH_TEST_DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "phananh.cli", "worker"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_task_whose_worker_is_killed_finishes_exactly_once_on_another(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("runs real worker processes on the PostgreSQL test database")
    from phananh.core.tests.worker_tasks import slow_mark

    marks = tmp_path / "marks.txt"
    first = _worker(tmp_path, "first")
    second = None
    try:
        _wait(lambda: WorkerBeat.objects.exists() or first.poll() is not None, 60, "a beat")
        assert first.poll() is None, first.stderr.read().decode()[-2000:]
        result = slow_mark.enqueue(str(marks), 6)
        run = DBTaskResult.objects.filter(pk=result.id)
        _wait(lambda: run.get().status == TaskResultStatus.RUNNING, 30, "the task to start")
        os.kill(first.pid, signal.SIGKILL)  # mid-task, without a chance to say goodbye
        first.wait(10)
        assert run.get().status == TaskResultStatus.RUNNING  # as the dead worker left it
        second = _worker(tmp_path, "second")
        _wait(lambda: run.get().status == TaskResultStatus.SUCCESSFUL, 60, "the task to finish")
        assert marks.read_text() == "done\n"  # once: the killed run never finished
        assert len(run.get().worker_ids) == 2  # claimed by the dead worker, then the live one
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(15)


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE, WORKER_LEASE_SECONDS=60)
def test_runs_of_live_or_just_started_workers_are_left_alone():
    from phananh.core.tests.worker_tasks import slow_mark

    now = clock.now()
    WorkerBeat.objects.create(worker_id="alive", started_at=now, seen_at=now)
    WorkerBeat.objects.create(
        worker_id="dead", started_at=now - timedelta(hours=1), seen_at=now - timedelta(minutes=5)
    )
    runs = {}
    for name, worker, started in (
        ("alive", "alive", now - timedelta(minutes=10)),
        ("dead", "dead", now - timedelta(minutes=10)),
        ("just-claimed", "unknown", now - timedelta(seconds=5)),
        ("no-beat-ever", "unknown", now - timedelta(minutes=10)),
    ):
        result = slow_mark.enqueue("/dev/null", 0)
        DBTaskResult.objects.filter(pk=result.id).update(
            status=TaskResultStatus.RUNNING, started_at=started, worker_ids=[worker]
        )
        runs[name] = result.id
    requeued = set(tasks_requeue_orphans(now=now))
    assert requeued == {str(runs["dead"]), str(runs["no-beat-ever"])}
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert {str(pk) for pk in ready.values_list("pk", flat=True)} == requeued
    assert tasks_requeue_orphans(now=now) == []  # once
