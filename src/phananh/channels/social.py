"""What the chat platforms share: one shape for a received message, freshness, reply splitting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from phananh.core import clock

# A signed delivery older than this is refused as a replay; the received-message rows that make
# redeliveries harmless are kept at least this long (see conversation.inbound_prune).
REPLAY_WINDOW = timedelta(hours=24)
# Platform clocks may run a little ahead of ours.
CLOCK_SKEW = timedelta(minutes=10)
# Webhook bodies larger than this are refused (413) before they are read further.
WEBHOOK_MAX_BYTES = 1024 * 1024
# Messenger and Zalo both cut text messages at 2000 characters.
TEXT_LIMIT = 2000


@dataclass(frozen=True)
class Incoming:
    """One message from one person, whatever the platform (`kind` is an InboundKind value)."""

    message_id: str
    sender_id: str
    sent_at: datetime
    kind: str
    text: str = ""
    attachments: list[dict] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None


def moment_from_millis(value: object) -> datetime | None:
    """A platform timestamp (milliseconds since the epoch, number or digits) as an aware moment."""
    try:
        millis = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    try:
        return datetime.fromtimestamp(millis / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def is_fresh(moment: datetime | None) -> bool:
    """Whether a signed delivery moment is recent enough to be taken (not a replay)."""
    if moment is None:
        return False
    now = clock.now()
    return now - REPLAY_WINDOW <= moment <= now + CLOCK_SKEW


def coordinate(value: Any) -> float | None:
    """A latitude or longitude sent as a number or a string."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Cut a long message at paragraph or line ends (else hard) into parts of at most `limit`."""
    text = text.strip()
    parts: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit))
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        parts.append(text)
    return parts
