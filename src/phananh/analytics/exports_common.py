"""What the CSV and XLSX exporters share: the cell values they take, the chunk size, the clock
zone they show times in, and the download's Content-Disposition header.

Nothing of phananh is imported: the exporters take rows, not querysets.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, tzinfo
from decimal import Decimal
from urllib.parse import quote

from django.utils import timezone

__all__ = ["CHUNK_SIZE", "Value", "content_disposition", "export_zone", "to_local"]

Value = str | int | float | Decimal | bool | date | datetime | None

# Large enough to keep per-chunk overhead (WSGI writes, zlib calls) negligible, small enough
# that a worker never holds more than a few of them.
CHUNK_SIZE = 64 * 1024


def export_zone() -> tzinfo:
    """The zone an export shows times in: the active one, which is settings.TIME_ZONE unless a
    request activated another."""
    # Staff read times on the city's wall clock. Resolved once when an export starts: the
    # rows are streamed after the view has returned, when the active zone may be gone.
    return timezone.get_current_timezone()


def to_local(value: datetime, zone: tzinfo) -> datetime:
    """An aware datetime at the zone's wall-clock time; a naive one is taken as already local."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(zone)
    return value


# Kept out of the quoted fallback: quotes and backslashes (quoted-string escapes), "%" (some
# browsers percent-decode it), ";" and "," (naive header parsers split on them).
_FALLBACK_UNSAFE = re.compile(r"[^A-Za-z0-9 !#$&'()+\-.=@\[\]^_`{}~]")


def content_disposition(filename: str) -> str:
    """A Content-Disposition header value safe for any filename (ASCII fallback + RFC 5987 filename*)."""  # noqa: E501
    # Path separators and control characters never belong in a download name (and CR/LF would
    # split the header).
    name = "".join(
        "_" if ch in "/\\" else ch for ch in filename if unicodedata.category(ch)[0] != "C"
    ).strip()
    name = name or "download"
    # đ/Đ have no decomposition, so NFKD alone would drop them instead of giving d/D.
    ascii_name = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(ch for ch in ascii_name if not unicodedata.combining(ch))
    ascii_name = _FALLBACK_UNSAFE.sub("_", ascii_name).strip() or "download"
    encoded = quote(name, safe="!#$&+-.^_`|~")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{encoded}"
