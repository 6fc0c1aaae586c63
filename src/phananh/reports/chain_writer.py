"""Writing an event into the hash chains (reports/chain.py), inside the recording transaction.

The city's chain needs one previous hash at a time: each writer first bumps the single
`ChainHead` row (an UPDATE, which takes the row's lock on PostgreSQL and the database's write
lock on SQLite), so concurrent writers queue there and never fork the chain; the lock is held
until the transaction commits. The report's own chain is serialised by the report's row lock.
"""

from __future__ import annotations

from django.db.models import F

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


def _claim_head() -> ChainHead:
    if not ChainHead.objects.filter(pk=HEAD_ID).update(length=F("length") + 1):
        # A new database (the migration creates the row; a flushed test database has none).
        ChainHead.objects.get_or_create(pk=HEAD_ID, defaults={"length": 0, "head": GENESIS})
        ChainHead.objects.filter(pk=HEAD_ID).update(length=F("length") + 1)
    return ChainHead.objects.get(pk=HEAD_ID)


def chain_append(event: Event) -> Event:
    """Give an unsaved event its place and hashes in both chains, and save it."""
    head = _claim_head()
    previous = (
        Event.objects.filter(report_id=event.report_id, seq__isnull=False)
        .order_by("-seq")
        .values_list("report_hash", flat=True)
        .first()
    )
    event.seq = head.length
    content = event_content(
        event,
        report_code=event.report.code,
        agency_code=event.agency.code if event.agency_id and event.agency else "",
    )
    event.content_hash = content.content_hash()
    event.report_hash = report_link(previous or GENESIS, event.content_hash)
    event.chain_hash = chain_link(head.head, event.report_hash)
    event.save()
    ChainHead.objects.filter(pk=HEAD_ID).update(head=event.chain_hash)
    return event
