"""Writing events into the hash chains (reports/chain.py), inside the recording transaction.

`record()` inserts each event as it happens; at the end of the business action, still inside
its transaction, `chain_seal` gives the action's events their places in the city's chain and
their hashes. The city's chain needs one previous hash at a time: the sealer bumps the single
`ChainHead` row (an UPDATE, which takes the row's lock on PostgreSQL and the database's write
lock on SQLite), so concurrent writers queue there and never fork the chain — and since that is
the action's last step, the lock is held only until its commit. A report's own chain is
serialised by the report's row lock, which every action on it holds. The chain columns are
filled once, by the recorder, before the row can be read by anyone: never rewritten after.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from phananh.reports.chain import GENESIS, EventContent, chain_link, report_link
from phananh.reports.models import ChainHead, Event

HEAD_ID = 1


def event_content(event: Event, *, report_code: str, agency_code: str) -> EventContent:
    """The hashed fields of an event (the agency by its public code)."""
    return EventContent(
        seq=event.seq or 0,
        report=report_code,
        at=event.created_at,
        action=event.action,
        from_status=event.from_status,
        to_status=event.to_status,
        visibility=event.visibility,
        role=event.actor_role,
        agency=agency_code,
        public_note=event.public_note,
        internal_note=event.internal_note,
        payload=event.payload,
    )


def _bump(count: int) -> tuple[int, str] | None:
    table = connection.ops.quote_name(ChainHead._meta.db_table)
    with connection.cursor() as cursor:
        # One statement takes the lock, moves the length and reads the head (SQLite ≥ 3.35 and
        # PostgreSQL both have RETURNING).
        cursor.execute(
            f"UPDATE {table} SET length = length + %s WHERE id = %s RETURNING length, head",  # noqa: S608
            [count, HEAD_ID],
        )
        row = cursor.fetchone()
    return (int(row[0]), str(row[1])) if row else None


def _claim_head(count: int) -> tuple[int, str]:
    """The chain's length after this action's events, and the head before them."""
    claimed = _bump(count)
    if claimed is None:
        # A new database (the migration creates the row; a flushed test database has none).
        ChainHead.objects.get_or_create(pk=HEAD_ID, defaults={"length": 0, "head": GENESIS})
        claimed = _bump(count)
    assert claimed is not None
    return claimed


def _previous_of(report_id: int) -> str:
    previous = (
        Event._base_manager.filter(report_id=report_id, seq__isnull=False)
        .order_by("-seq")
        .values_list("report_hash", flat=True)
        .first()
    )
    return previous or GENESIS


def chain_seal(events: Sequence[Event]) -> None:
    """Give an action's recorded events, in order, their places and hashes in both chains."""
    if not events:
        return
    length, chain = _claim_head(len(events))
    seq = length - len(events)
    last_of_report: dict[int, str] = {}
    for event in events:
        seq += 1
        event.seq = seq
        previous = last_of_report.get(event.report_id) or (
            # A report's first event (its submission) starts its chain.
            GENESIS if event.action == "submit" else _previous_of(event.report_id)
        )
        content = event_content(
            event,
            report_code=event.report.code,
            agency_code=event.agency.code if event.agency_id and event.agency else "",
        )
        event.content_hash = content.content_hash()
        event.report_hash = report_link(previous, event.content_hash)
        event.chain_hash = chain = chain_link(chain, event.report_hash)
        last_of_report[event.report_id] = event.report_hash
        Event._base_manager.filter(pk=event.pk, seq__isnull=True).update(
            seq=event.seq,
            content_hash=event.content_hash,
            report_hash=event.report_hash,
            chain_hash=event.chain_hash,
        )
    ChainHead.objects.filter(pk=HEAD_ID).update(head=chain)
