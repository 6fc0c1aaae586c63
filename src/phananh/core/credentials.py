"""Secrets handed to integrators and apps (API keys, personal tokens): only a hash is stored,
and a presented secret is checked the same way whatever kind of credential it is."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet

from phananh.core import clock


def secret_hash(secret: str) -> str:
    """SHA-256 (hex) of a secret: what the database keeps instead of the secret."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def credential_match(
    active: QuerySet[Any] | Mapping[str, Any],
    pattern: re.Pattern[str],
    raw: str,
    touch_every: timedelta,
) -> Any:
    """The row of `active` (a query, or rows by prefix) whose prefix and secret hash match
    `raw` (`<kind>_<prefix>_<secret>` per `pattern`), or None. The secret is compared in
    constant time, and hashed even when no row has the prefix, so a wrong prefix costs the same
    as a wrong secret. `last_used_at` is
    refreshed at most every `touch_every` (a bookkeeping stamp, not a domain change).
    """
    match = pattern.fullmatch(raw.strip()) if isinstance(raw, str) else None
    if match is None:
        return None
    prefix, secret = match.groups()
    row = (
        active.get(prefix) if isinstance(active, Mapping) else active.filter(prefix=prefix).first()
    )
    expected = row.secret_hash if row is not None else "0" * 64
    if not hmac.compare_digest(secret_hash(secret), expected) or row is None:
        return None
    now = clock.now()
    if row.last_used_at is None or now - row.last_used_at >= touch_every:
        type(row).objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row
