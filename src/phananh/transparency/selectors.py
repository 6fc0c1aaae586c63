"""Reading the chain back: the verification anyone can rerun, and one report's proof.

`chain_verify` recomputes every hash from the rows as they are now and names the first event
that does not match what was written (an edited, deleted or reordered row), then checks each
published head against the events it covers and its signature.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from phananh.reports.chain import (
    GENESIS,
    EventContent,
    chain_link,
    merkle_proof,
    merkle_root,
    report_link,
    sha256_hex,
)
from phananh.reports.choices import Visibility
from phananh.reports.models import ChainHead, Event, Report
from phananh.transparency import signing
from phananh.transparency.models import TransparencyHead

_FIELDS = (
    "id",
    "seq",
    "report_id",
    "created_at",
    "action",
    "from_status",
    "to_status",
    "visibility",
    "actor_role",
    "public_note",
    "internal_note",
    "payload",
    "content_hash",
    "report_hash",
    "chain_hash",
    "report__code",
    "agency__code",
)


@dataclass(frozen=True)
class ChainFault:
    """The first place where the chain does not match what was written."""

    seq: int | None
    event_id: int | None
    report: str
    action: str
    reason: str

    def __str__(self) -> str:
        if self.event_id is None:
            return self.reason
        return (
            f"event {self.event_id} (#{self.seq} of the chain, report {self.report}, "
            f"{self.action}): {self.reason}"
        )


def content_of(event: Event) -> EventContent:
    return EventContent(
        seq=event.seq or 0,
        report=event.report.code,
        at=event.created_at,
        action=event.action,
        from_status=event.from_status,
        to_status=event.to_status,
        visibility=event.visibility,
        role=event.actor_role,
        agency=event.agency.code if event.agency_id and event.agency else "",
        public_note=event.public_note,
        internal_note=event.internal_note,
        payload=event.payload,
    )


def _rows(queryset: QuerySet[Event]) -> Iterator[Event]:
    return queryset.select_related("report", "agency").only(*_FIELDS).iterator(chunk_size=2000)


def _fault(event: Event, reason: str) -> ChainFault:
    return ChainFault(event.seq, event.pk, event.report.code, event.action, reason)


def _city_chain_fault() -> tuple[ChainFault | None, int, str]:
    """Walk every event in chain order: content, place and link; (fault, length, head)."""
    expected, previous = 1, GENESIS
    unchained = Event._base_manager.filter(seq__isnull=True).order_by("id").first()
    for event in _rows(Event._base_manager.filter(seq__isnull=False).order_by("seq")):
        if event.seq != expected:
            return (
                _fault(
                    event,
                    f"the chain jumps from #{expected - 1} to #{event.seq}: "
                    f"{(event.seq or 0) - expected} event(s) before it were deleted or moved",
                ),
                expected - 1,
                previous,
            )
        if content_of(event).content_hash() != event.content_hash:
            return _fault(event, "its content was changed after it was written"), 0, ""
        if chain_link(previous, event.report_hash) != event.chain_hash:
            return _fault(event, "it does not follow the event before it in the chain"), 0, ""
        expected, previous = expected + 1, event.chain_hash
    if unchained is not None:
        reason = "an event without a place in the chain (inserted outside the recorder)"
        return ChainFault(None, unchained.pk, "", unchained.action, reason), 0, ""
    return None, expected - 1, previous


def _report_chains_fault() -> ChainFault | None:
    """Walk each report's events in order: each must link to its report's previous one."""
    current, previous = None, GENESIS
    rows = Event._base_manager.filter(seq__isnull=False).order_by("report_id", "seq")
    for event in _rows(rows):
        if event.report_id != current:
            current, previous = event.report_id, GENESIS
        if report_link(previous, event.content_hash) != event.report_hash:
            return _fault(event, "it does not follow its report's previous event")
        previous = event.report_hash
    return None


def _head_fault(length: int, head: str) -> ChainFault | None:
    state = ChainHead.objects.filter(pk=1).first()
    if state is not None and (state.length, state.head) != (length, head):
        missing = state.length - length
        return ChainFault(
            None,
            None,
            "",
            "",
            f"the chain ends at #{length}, but #{state.length} was written: "
            f"the last {missing} event(s) were deleted"
            if missing > 0
            else f"the chain's recorded end (#{state.length}) does not match its events",
        )
    return None


def _published_fault() -> ChainFault | None:
    for head in TransparencyHead.objects.order_by("last_seq").iterator():
        rows = list(
            Event._base_manager.filter(seq__gte=head.first_seq, seq__lte=head.last_seq)
            .order_by("seq")
            .values_list("report_hash", "chain_hash")
        )
        ok = (
            len(rows) == head.count
            and merkle_root([r for r, _c in rows]) == head.merkle_root
            and (not rows or rows[-1][1] == head.chain_head)
            and (
                not signing.configured() or signing.signature_valid(head.statement, head.signature)
            )
            and f'"merkle_root":"{head.merkle_root}"' in head.statement
            and f'"chain_head":"{head.chain_head}"' in head.statement
        )
        if not ok:
            return ChainFault(
                None, None, "", "", f"the head published for {head.day} does not match"
            )
    return None


def chain_verify() -> ChainFault | None:
    """Recompute every chain from the database; the first mismatch, or None when all match."""
    city, length, head = _city_chain_fault()
    faults = [fault for fault in (city, _report_chains_fault()) if fault]
    if faults:
        return min(faults, key=lambda fault: fault.seq or 0)
    return _head_fault(length, head) or _published_fault()


def report_chain_public(report: Report) -> dict[str, Any]:
    """What the report page's "verify this timeline" needs: each event of the report in chain
    order — a public one as its canonical public text and the hash of its private part, an
    internal one as its content hash alone — and, for each event a published head covers, the
    Merkle path from its report hash to that head's root."""
    events = list(
        Event.objects.filter(report=report, seq__isnull=False)
        .select_related("report", "agency")
        .order_by("seq")
    )
    seqs = [event.seq or 0 for event in events]
    heads = (
        list(TransparencyHead.objects.filter(first_seq__lte=max(seqs), last_seq__gte=min(seqs)))
        if seqs
        else []
    )
    leaves: dict[int, list[tuple[int, str]]] = {}
    entries = []
    for event in events:
        seq = event.seq or 0
        head = next((h for h in heads if h.covers(seq)), None)
        entry: dict[str, Any] = {"seq": seq, "report_hash": event.report_hash}
        if event.visibility == Visibility.PUBLIC:
            content = content_of(event)
            entry["public"] = content.public_part()
            entry["private_hash"] = content.private_hash()
        else:
            entry["content_hash"] = event.content_hash
        if head is not None:
            if head.pk not in leaves:
                leaves[head.pk] = list(
                    Event.objects.filter(seq__gte=head.first_seq, seq__lte=head.last_seq)
                    .order_by("seq")
                    .values_list("seq", "report_hash")
                )
            run = leaves[head.pk]
            index = next((i for i, (s, _h) in enumerate(run) if s == seq), None)
            entry["day"] = head.day.isoformat()
            if index is not None:
                entry["proof"] = merkle_proof([h for _s, h in run], index)
        entries.append(entry)
    return {"report": report.code, "events": entries}


def head_list_public() -> QuerySet[TransparencyHead]:
    return TransparencyHead.objects.order_by("-day")


def public_hash(text: str) -> str:
    return sha256_hex(text)
