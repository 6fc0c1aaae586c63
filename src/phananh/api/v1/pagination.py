"""Keyset pagination: a page is "the next N after this (moment, id)", so page 10,000 costs what
page 1 costs (no OFFSET), and rows added meanwhile never shift a page.

The cursor is opaque to clients: URL-safe base64 of "<ISO moment>_<id>".
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from phananh.api.v1.errors import validation_error
from phananh.core import dates
from phananh.core.db import keyset_after

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def cursor_encode(moment: datetime, pk: int) -> str:
    raw = f"{moment.astimezone(UTC).isoformat()}_{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(value: str) -> tuple[datetime, int] | None:
    """(moment, id) of a cursor; None for no cursor; 400 for one that is not ours."""
    if not value:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        moment_text, _sep, pk = raw.rpartition("_")
        moment = dates.parse_moment(moment_text) if "T" in moment_text else None
    except (binascii.Error, UnicodeDecodeError, ValueError):
        moment, pk = None, ""
    if moment is None or moment.tzinfo is None or not pk.isdigit():
        raise validation_error(
            {"cursor": _("This cursor is not valid: start from the first page.")}
        )
    return moment, int(pk)


def keyset_page(
    rows: QuerySet, cursor: str, limit: int, *, field: str, descending: bool = True
) -> tuple[list, str | None]:
    """One page of `rows` (already ordered by `field`, id) after the cursor, and the next cursor."""
    after = cursor_decode(cursor)
    if after is not None:
        moment, pk = after
        rows = keyset_after(rows, field, moment, pk, descending=descending)
    page = list(rows[: limit + 1])
    if len(page) <= limit:
        return page, None
    page = page[:limit]
    last = page[-1]
    return page, cursor_encode(getattr(last, field), last.pk)
