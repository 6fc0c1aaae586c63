"""The timeline's hash chains: what each event's hashes are computed over, exactly.

Every event carries three hashes (`Event.content_hash`, `report_hash`, `chain_hash`) and its
place in the city's chain (`Event.seq`), all written in the transaction that records it:

- `content_hash` = H("phananh:event:v1\\n" + H(public) + "\\n" + H(private)), where `public` is
  the canonical JSON of what the public timeline may show (report code, place in the chain,
  time, action, statuses, visibility, the actor's *role*, the agency's code, the public note
  and the details) and `private` the canonical JSON of the internal note. An internal event's
  `public` part is private too: the public learns only its `content_hash`.
- `report_hash` = H("phananh:report:v1\\n" + previous report_hash of the same report + "\\n" +
  content_hash): one chain per report (the first links to `GENESIS`).
- `chain_hash` = H("phananh:chain:v1\\n" + previous chain_hash + "\\n" + report_hash): one chain
  over every event of the city in `seq` order.

H is SHA-256 in lowercase hex; the canonical JSON has sorted keys, no spaces, non-ASCII text
as is, and times in UTC with microseconds ("2026-12-02T08:15:00.000000Z"). Nothing that
identifies a person is hashed (no actor name, no reporter). The daily heads published at
`/transparency/` are Merkle roots over the day's `report_hash` values (`merkle_root`), so a
browser can check one report's chain with a few hashes. This module is pure: the migration
that backfilled old events, the writer (`reports/actions/_base.record`), the verifier and the
JavaScript of the report page (`static/phananh/timeline-verify.js`) all follow it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
VERSION = 1


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical(value: Any) -> str:
    """The one JSON spelling of a value that every hash is computed over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def stored_json(value: Any) -> Any:
    """A value as the JSON column will give it back (tuples become lists, keys strings)."""
    return json.loads(json.dumps(value or {}))


@dataclass(frozen=True)
class EventContent:
    """The fields of one event that its hash covers."""

    seq: int
    report: str
    at: datetime
    action: str
    from_status: str
    to_status: str
    visibility: str
    role: str
    agency: str
    public_note: str
    internal_note: str
    payload: Any

    def public_part(self) -> str:
        return canonical(
            {
                "v": VERSION,
                "seq": self.seq,
                "report": self.report,
                "at": utc_text(self.at),
                "action": self.action,
                "from": self.from_status,
                "to": self.to_status,
                "visibility": self.visibility,
                "role": self.role,
                "agency": self.agency,
                "public_note": self.public_note,
                "payload": stored_json(self.payload),
            }
        )

    def private_part(self) -> str:
        return canonical({"v": VERSION, "internal_note": self.internal_note})

    def private_hash(self) -> str:
        return sha256_hex(self.private_part())

    def content_hash(self) -> str:
        return content_hash_of(sha256_hex(self.public_part()), self.private_hash())


def content_hash_of(public_hash: str, private_hash: str) -> str:
    return sha256_hex(f"phananh:event:v1\n{public_hash}\n{private_hash}")


def report_link(previous: str, content_hash: str) -> str:
    return sha256_hex(f"phananh:report:v1\n{previous}\n{content_hash}")


def chain_link(previous: str, report_hash: str) -> str:
    return sha256_hex(f"phananh:chain:v1\n{previous}\n{report_hash}")


def merkle_leaf(report_hash: str) -> str:
    return sha256_hex(f"phananh:leaf:v1\n{report_hash}")


def merkle_node(left: str, right: str) -> str:
    return sha256_hex(f"phananh:node:v1\n{left}\n{right}")


EMPTY_ROOT = sha256_hex("phananh:empty:v1")


def _levels(leaves: Sequence[str]) -> list[list[str]]:
    """The tree bottom up; an odd node at the end of a level is carried up unchanged."""
    levels = [[merkle_leaf(value) for value in leaves]]
    while len(levels[-1]) > 1:
        below = levels[-1]
        above = [merkle_node(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)]
        if len(below) % 2:
            above.append(below[-1])
        levels.append(above)
    return levels


def merkle_root(report_hashes: Sequence[str]) -> str:
    """The root over a run of events' report hashes, in chain order."""
    if not report_hashes:
        return EMPTY_ROOT
    return _levels(report_hashes)[-1][0]


def merkle_proof(report_hashes: Sequence[str], index: int) -> list[tuple[str, str]]:
    """The siblings from leaf `index` up to the root: ("left" | "right", hash) pairs."""
    proof: list[tuple[str, str]] = []
    for level in _levels(report_hashes)[:-1]:
        sibling = index ^ 1
        if sibling < len(level):
            proof.append(("left" if sibling < index else "right", level[sibling]))
        index //= 2
    return proof


def merkle_climb(report_hash: str, proof: Sequence[tuple[str, str]]) -> str:
    """The root a leaf and its proof lead to (what the browser computes)."""
    node = merkle_leaf(report_hash)
    for side, sibling in proof:
        node = merkle_node(sibling, node) if side == "left" else merkle_node(node, sibling)
    return node
