"""Database upkeep that keeps query plans good as tables grow, and queries that stay cheap."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import Combinable, Func, RawSQL
from django.db.models.fields import BooleanField, CharField

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler


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


def _lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def one_at_a_time(name: str, *, poll_seconds: float = 0.5) -> Iterator[None]:
    """Hold the cluster-wide lock called `name` for the block, outside any transaction (the
    block may commit many, or run statements that refuse one: CREATE INDEX CONCURRENTLY).

    PostgreSQL: a session-level advisory lock, asked for again every `poll_seconds` rather than
    waited on. A statement waiting for a lock keeps its snapshot, and the CREATE INDEX
    CONCURRENTLY of the process holding it waits for every older snapshot to go: the two would
    wait for each other. Other databases: nothing to do (SQLite serialises its writers).
    """
    import time

    if connection.vendor != "postgresql":
        yield
        return
    key = _lock_key(name)
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            if cursor.fetchone()[0]:
                break
            time.sleep(poll_seconds)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextmanager
def exclusive(name: str) -> Iterator[None]:
    """A transaction that holds the cluster-wide lock called `name` until it ends.

    PostgreSQL: a transaction-level advisory lock (others wait, then see what the first did).
    SQLite: every write transaction is already exclusive (BEGIN IMMEDIATE, see the settings).
    For rare jobs that read, then insert (the first classifier, a claim): not for hot paths.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_key(name)])
        yield


def keyset_after(
    rows: QuerySet, field: str, moment: Any, pk: int, *, descending: bool = True
) -> QuerySet:
    """`rows` (ordered by `field`, then id) that come after the page cursor (moment, pk).

    The bound on `field` alone comes first: with only "field < moment OR (field = moment AND
    id < pk)" the database cannot start the walk of its (field, id) index at the cursor, and
    went past every newer row (8 s for the public list 150 days back at ten million reports).
    """
    if descending:
        bound, ahead, tie = f"{field}__lte", f"{field}__lt", "id__lt"
    else:
        bound, ahead, tie = f"{field}__gte", f"{field}__gt", "id__gt"
    return rows.filter(**{bound: moment}).filter(
        Q(**{ahead: moment}) | Q(**{field: moment, tie: pk})
    )


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
    sql = f"{table}.{database.ops.quote_name(field.column)} = ANY(%s::bigint[])"
    # The array as one text literal: the driver's list adapter took a millisecond and a half
    # for a thousand ids. Quoted names of our own model and the ids (integers, made here) as
    # a parameter: nothing from outside in the SQL.
    array = "{" + ",".join(str(int(pk)) for pk in ids) + "}"
    matches = RawSQL(sql, [array], output_field=BooleanField())  # noqa: S611
    return rows.alias(_in_ids=matches).filter(_in_ids=True)


class _W3CMoment(Func):
    """PostgreSQL: a moment as W3C text in the city's zone, whole seconds, with that moment's
    own offset (2026-05-04T10:00:00+07:00, as `datetime.isoformat(timespec="seconds")` writes
    it; a zone with summer time gets each moment's offset); NULL stays NULL."""

    output_field = CharField()

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        moment, moment_params = compiler.compile(self.source_expressions[0])
        local = f"({moment} AT TIME ZONE %s)"
        local_params = (*moment_params, settings.TIME_ZONE)
        # The zone's offset at that moment (an interval), written ±HH:MM.
        offset = f"({local} - ({moment} AT TIME ZONE 'UTC'))"
        offset_params = (*local_params, *moment_params)
        sql = (
            f"to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE"
            f" WHEN {offset} < interval '0' THEN '-' || to_char(-{offset}, 'HH24:MI')"
            f" ELSE '+' || to_char({offset}, 'HH24:MI') END"
        )
        return sql, (*local_params, *offset_params * 3)


def w3c_moment(rows: QuerySet, column: str) -> Combinable:
    """What `rows.values()` should read for a datetime `column` that an answer writes in the
    W3C form: on PostgreSQL the text itself (made by the database: parsing a thousand
    timestamps into datetimes and formatting them again was a third of an Open311 list's
    Python time), elsewhere the datetime, which the answer's encoder formats the same way."""
    if connections[rows.db].vendor != "postgresql":
        return F(column)
    return _W3CMoment(F(column))
