"""Database upkeep that keeps query plans good as tables grow, and queries that stay cheap."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, connections, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields import BooleanField


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


@contextmanager
def exclusive(name: str) -> Iterator[None]:
    """A transaction that holds the cluster-wide lock called `name` until it ends.

    PostgreSQL: a transaction-level advisory lock (others wait, then see what the first did).
    SQLite: every write transaction is already exclusive (BEGIN IMMEDIATE, see the settings).
    For rare jobs that read, then insert (the first classifier, a claim): not for hot paths.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        yield


def filter_ids(rows: QuerySet, column: str, ids: list[int]) -> QuerySet:
    """`rows` whose integer `column` is one of `ids` (up to a list's thousand reports).

    On PostgreSQL the ids travel as one array parameter (`= ANY(%s)`): Django's `__in` with a
    thousand values spends milliseconds preparing a thousand parameters and the driver as many
    splitting the statement to bind them. Other databases take `__in`.
    """
    database = connections[rows.db]  # the queryset's own database, not always the default
    if database.vendor != "postgresql":
        return rows.filter(**{f"{column}__in": ids})
    field = rows.model._meta.get_field(column)
    table = database.ops.quote_name(rows.model._meta.db_table)
    sql = f"{table}.{database.ops.quote_name(field.column)} = ANY(%s)"
    # Quoted names of our own model and the ids as a parameter: nothing from outside in the SQL.
    matches = RawSQL(sql, [[int(pk) for pk in ids]], output_field=BooleanField())  # noqa: S611
    return rows.alias(_in_ids=matches).filter(_in_ids=True)
