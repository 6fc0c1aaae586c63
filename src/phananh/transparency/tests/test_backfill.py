"""Events recorded before the chains existed are chained, in the order they were written, by
the migration that adds the chains; the result verifies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("reports", "0011_report_supported_idx")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_existing_events_in_order():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Report, Event = apps.get_model("reports", "Report"), apps.get_model("reports", "Event")
    now = timezone.now()
    reports = [
        Report.objects.create(
            code=f"PA-OLD000{n}", text="Cũ", channel="web", status="new", submitted_at=now
        )
        for n in range(2)
    ]
    for step in range(3):
        for report in reports:
            Event.objects.create(
                report=report,
                created_at=now + timedelta(minutes=step),
                action="submit" if step == 0 else "note",
                to_status="new",
                visibility="public" if step == 0 else "internal",
                internal_note="" if step == 0 else f"ghi chú {step}",
            )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from phananh.reports.models import ChainHead
    from phananh.reports.models import Event as LiveEvent
    from phananh.transparency.selectors import chain_verify

    events = list(LiveEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6]
    assert [e.pk for e in events] == sorted(e.pk for e in events)
    assert ChainHead.objects.get().length == 6
    assert chain_verify() is None
