"""`phananh check --deploy` warns when PostgreSQL would let the planner's statistics go stale."""

from __future__ import annotations

import pytest
from django.db import connection

from phananh.core.checks import planner_statistics

pytestmark = pytest.mark.django_db


def _cluster_autovacuum() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        return str(cursor.fetchone()[0])


def test_a_table_left_without_autovacuum_is_named() -> None:
    if connection.vendor != "postgresql":
        assert planner_statistics() == []  # SQLite keeps its statistics with `phananh migrate`
        return
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE reports_report SET (autovacuum_enabled = false)")
        cursor.execute("ALTER TABLE reports_event SET (autovacuum_enabled = off)")
    [warning] = planner_statistics()
    assert warning.id == "phananh.W020"
    assert "for reports_event, reports_report" in warning.msg
    assert "vacuumdb --analyze-only" in warning.hint
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE reports_report RESET (autovacuum_enabled)")
        cursor.execute("ALTER TABLE reports_event SET (autovacuum_enabled = true)")
    found = planner_statistics()
    # Left: only what the cluster itself says (this CI machine's PostgreSQL runs without it).
    assert all("reports_" not in warning.msg for warning in found)
    assert bool(found) == (_cluster_autovacuum() == "off")
    if found:
        assert "for the whole cluster (autovacuum = off)" in found[0].msg
