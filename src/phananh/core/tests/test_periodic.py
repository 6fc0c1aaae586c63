"""Periodic jobs run once per wall-clock slot across every worker, whatever their number."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, connections
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from phananh.core.models import PeriodicRun
from phananh.core.periodic import periodic_jobs, periodic_tick, slot_of

T0 = datetime(2026, 12, 7, 1, 0, 0, tzinfo=UTC)
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_slots_are_wall_clock_not_process_start():
    assert slot_of(T0 + timedelta(seconds=59), 60) == T0
    assert slot_of(T0 + timedelta(seconds=60), 60) == T0 + timedelta(seconds=60)
    assert slot_of(T0 + timedelta(minutes=7), 300) == T0 + timedelta(minutes=5)


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_restart_within_a_slot_does_not_run_the_jobs_again():
    first = periodic_tick(worker="a", now=T0)
    assert set(first) == {job.name for job in periodic_jobs()}
    # The same worker restarted (its memory of seen slots lost) a few seconds later.
    assert periodic_tick(worker="a-restarted", now=T0 + timedelta(seconds=5)) == []
    # A minute later only the minute's jobs are due again.
    again = periodic_tick(worker="b", now=T0 + timedelta(seconds=60))
    every_minute = {job.name for job in periodic_jobs() if job.every() <= 60}
    assert set(again) == every_minute


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_worker_asks_once_per_job_and_slot(django_assert_max_num_queries):
    seen: dict = {}
    periodic_tick(worker="a", now=T0, seen=seen)
    with django_assert_max_num_queries(0):
        for second in range(1, 30):
            periodic_tick(worker="a", now=T0 + timedelta(seconds=second), seen=seen)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_three_schedulers_at_once_run_each_job_once_per_slot():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent writers")
    slots = [T0 + timedelta(seconds=30 * n) for n in range(40)]  # 20 minutes of slots
    errors: list[BaseException] = []

    def scheduler(name: str, barrier: threading.Barrier) -> None:
        seen: dict = {}
        try:
            for moment in slots:
                barrier.wait(timeout=30)
                periodic_tick(worker=name, now=moment, seen=seen)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    barrier = threading.Barrier(3)
    threads = [threading.Thread(target=scheduler, args=(f"w{n}", barrier)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    runs = Counter(PeriodicRun.objects.values_list("job", "slot"))
    assert runs and max(runs.values()) == 1
    queued = Counter(DBTaskResult.objects.values_list("task_path", flat=True))
    for job in periodic_jobs():
        expected = len({slot_of(moment, job.every()) for moment in slots})
        assert queued[job.task_path] == expected, job.name
        assert sum(1 for (name, _slot) in runs if name == job.name) == expected
    # Every worker took part: the claims are shared, not one worker's.
    assert len(set(PeriodicRun.objects.values_list("worker", flat=True))) > 1
