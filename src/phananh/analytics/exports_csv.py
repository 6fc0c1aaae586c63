"""Streaming CSV export of tabular rows, in constant memory: UTF-8 with a BOM, CRLF, RFC 4180."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from phananh.analytics.exports_common import CHUNK_SIZE, Value, export_zone, to_local

__all__ = ["stream_csv"]

_BOM = b"\xef\xbb\xbf"

# OWASP "CSV injection": spreadsheet apps evaluate a cell that starts with one of these.
_FORMULA_START = frozenset("=+-@\t\r")


def _csv_text(value: str) -> str:
    return "'" + value if value[:1] in _FORMULA_START else value


def _csv_other(value: object, zone: tzinfo) -> str:
    # Subclasses (TextChoices, IntEnum...) miss the exact-type table below; the checks go
    # bool before int because bool is an int subclass and would otherwise print as 1/0.
    if value is None:
        return ""
    if isinstance(value, str):
        return _csv_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return to_local(value, zone).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return str(value)
    # Lazy translations, UUIDs and the like end up as text, so they are defused like text.
    return _csv_text(str(value))


def _csv_converters(zone: tzinfo) -> dict[type, Callable[[Any], str]]:
    # Looked up by exact type: one dict hit per cell instead of a chain of isinstance calls,
    # which is most of the CPU of a million-row export. Numbers are never defused: -5 stays -5.
    return {
        str: _csv_text,
        int: str,
        float: str,
        Decimal: str,
        bool: lambda value: "true" if value else "false",
        datetime: lambda value: to_local(value, zone).isoformat(),
        date: date.isoformat,
        type(None): lambda value: "",
    }


class _ByteSink:
    """File-like target for csv.writer that keeps encoded rows and their total size."""

    __slots__ = ("parts", "size")

    def __init__(self, first: bytes = b"") -> None:
        self.parts: list[bytes] = [first] if first else []
        self.size = len(first)

    def write(self, text: str) -> int:
        # "replace" so a stray lone surrogate costs one "?" instead of aborting the download.
        data = text.encode("utf-8", "replace")
        self.parts.append(data)
        self.size += len(data)
        return len(text)

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        self.size = 0
        return data


def stream_csv(header: Sequence[str], rows: Iterable[Sequence[Value]]) -> Iterator[bytes]:
    """CSV bytes chunk by chunk: UTF-8 with a BOM (Excel opens Vietnamese text correctly), CRLF, RFC 4180 quoting."""  # noqa: E501
    return _csv_chunks(header, rows, export_zone())


def _csv_chunks(
    header: Sequence[str], rows: Iterable[Sequence[Value]], zone: tzinfo
) -> Iterator[bytes]:
    # Excel only guesses UTF-8 when the BOM is there; without it Vietnamese turns to mojibake.
    sink = _ByteSink(_BOM)
    writer = csv.writer(sink, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    converters = _csv_converters(zone)

    def other(value: object) -> str:
        return _csv_other(value, zone)

    writer.writerow([other(name) for name in header])
    for row in rows:
        writer.writerow([converters.get(type(value), other)(value) for value in row])
        if sink.size >= CHUNK_SIZE:
            yield sink.take()
    if sink.size:
        yield sink.take()
