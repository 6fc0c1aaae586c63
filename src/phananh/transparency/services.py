"""Publishing the chain: one signed head per finished day (the worker's periodic job)."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from phananh.core import clock
from phananh.reports.chain import GENESIS, VERSION, canonical, merkle_root
from phananh.reports.models import Event
from phananh.transparency import signing
from phananh.transparency.models import TransparencyHead

logger = logging.getLogger(__name__)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def head_statement(
    *,
    day: date,
    first_seq: int,
    last_seq: int,
    count: int,
    chain_head: str,
    previous_chain_head: str,
    merkle_root: str,
    published_at: datetime,
    key_id: str,
) -> str:
    """The exact text a head's signature covers."""
    return canonical(
        {
            "v": VERSION,
            "day": day.isoformat(),
            "first_seq": first_seq,
            "last_seq": last_seq,
            "count": count,
            "chain_head": chain_head,
            "previous_chain_head": previous_chain_head,
            "merkle_root": merkle_root,
            "published_at": published_at.astimezone(UTC).isoformat(),
            "key_id": key_id,
        }
    )


def head_publish(*, day: date, now: datetime | None = None) -> TransparencyHead | None:
    """Publish the head of `day`: every event recorded since the previous head and before the
    day ended. None when that day is already published (by this worker or another)."""
    now = now or clock.now()
    previous = TransparencyHead.objects.order_by("-last_seq").first()
    if previous is not None and previous.day >= day:
        return None
    after = previous.last_seq if previous else 0
    before_head = previous.chain_head if previous else GENESIS
    last = (
        Event.objects.filter(seq__gt=after, created_at__lt=_start_of(day + timedelta(days=1)))
        .aggregate(last=Max("seq"))
        .get("last")
    ) or after
    rows = list(
        Event.objects.filter(seq__gt=after, seq__lte=last)
        .order_by("seq")
        .values_list("report_hash", "chain_hash")
    )
    chain_head = rows[-1][1] if rows else before_head
    root = merkle_root([report_hash for report_hash, _chain in rows])
    key_id = signing.key_id()
    statement = head_statement(
        day=day,
        first_seq=after + 1,
        last_seq=last,
        count=len(rows),
        chain_head=chain_head,
        previous_chain_head=before_head,
        merkle_root=root,
        published_at=now,
        key_id=key_id,
    )
    try:
        with transaction.atomic():
            return TransparencyHead.objects.create(
                day=day,
                first_seq=after + 1,
                last_seq=last,
                count=len(rows),
                chain_head=chain_head,
                merkle_root=root,
                published_at=now,
                statement=statement,
                signature=signing.sign(statement),
                key_id=key_id,
            )
    except IntegrityError:
        return None  # another worker published this day first


def heads_publish(*, now: datetime | None = None) -> list[TransparencyHead]:
    """Publish yesterday's head if it is not yet (the periodic job); what it published. Without
    a signing key (PHANANH_TRANSPARENCY_KEY, outside the embedded mode) nothing is published."""
    if not signing.configured():
        logger.error("PHANANH_TRANSPARENCY_KEY is not set: the day's chain head is not published")
        return []
    now = now or clock.now()
    yesterday = timezone.localtime(now).date() - timedelta(days=1)
    head = head_publish(day=yesterday, now=now)
    return [head] if head else []
