"""Several workers sweeping at once never escalate the same deadline twice."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from phananh.accounts.choices import Role
from phananh.core import clock
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Action
from phananh.reports.models import Event
from phananh.sla.monitor import sla_sweep


@pytest.mark.django_db(transaction=True)
def test_concurrent_sweeps_escalate_each_deadline_once(submit, people):
    reports = [report_assign(report=submit(), actor=people[Role.OPERATOR]) for _ in range(6)]
    later = timezone.now() + timedelta(days=30)
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            with clock.at(later):
                sla_sweep()
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    if connection.vendor == "postgresql":
        # Real parallel workers: row locks with SKIP LOCKED and conditional updates decide.
        threads = [threading.Thread(target=sweep) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    else:
        # SQLite serialises writers; the same sweeps one after another must still act once.
        for _ in range(3):
            sweep()
    assert not errors, errors
    for report in reports:
        escalations = Event.objects.filter(report=report, action=Action.ESCALATE)
        steps = sorted(e.payload["step"] for e in escalations)
        assert steps == ["acceptance", "resolution"], report.code
