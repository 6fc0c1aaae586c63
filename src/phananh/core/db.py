"""Database upkeep that keeps query plans good as tables grow."""

from __future__ import annotations

from django.db import connection


def database_optimize() -> None:
    """Refresh the planner's statistics (SQLite; PostgreSQL's autovacuum does this itself).

    Without statistics SQLite may pick the status index and sort a million rows for the public
    list instead of walking its partial index; with them it chooses well.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        cursor.execute("PRAGMA optimize" if cursor.fetchone() else "ANALYZE")
