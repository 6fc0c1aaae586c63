"""Dates and moments from outside (query strings, forms, cursors): parsed into one bounded range.

Every edge — the portal's and the console's filters, the REST API, Open311, feeds, the map,
exports, scorecards, cursors — reads dates through here, so a far date (0001-01-01,
9999-12-31) is a clear 400 in the edge's own format instead of an overflow deep in the
database driver or the time-zone arithmetic (docs/api.md, docs/open311.md). The range,
2000-01-01 to 2100-12-31, holds every report a city can have and leaves room for any window
computed from it (a year, 90 days) without leaving what `datetime` can represent.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
_MAX_ID = 2**63 - 1


def moment_text(moment: datetime | None, *, empty: str = "-") -> str:
    """A moment as people read it in the active language, in the city's time: "2 December 2026,
    17:00" / "17:00 ngày 2/12/2026" (`config/formats/`). The one way Python code (emails,
    alerts, JSON for the pages) writes a date and time; templates use `|date:"DATETIME_FORMAT"`."""
    if moment is None:
        return empty
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def day_text(day: date | datetime) -> str:
    """A day as people read it in the active language: "2 December 2026" / "2/12/2026"."""
    if isinstance(day, datetime):
        day = timezone.localtime(day).date()
    return date_format(day, "DATE_FORMAT")


class DateRangeError(ValueError):
    """A date that reads well but lies outside EARLIEST–LATEST."""


def range_message() -> str:
    """What to tell the caller, in their language."""
    return _("Dates go from %(first)s to %(last)s.") % {
        "first": EARLIEST.isoformat(),
        "last": LATEST.isoformat(),
    }


def in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def bounded_day(day: date) -> date:
    """`day`, or DateRangeError when it is outside the range."""
    if not in_range(day):
        raise DateRangeError(range_message())
    return day


def bounded_moment(moment: datetime) -> datetime:
    """An aware moment inside the range (naive ones are the city's time), or DateRangeError."""
    if timezone.is_naive(moment):
        if not in_range(moment.date()):
            raise DateRangeError(range_message())
        moment = timezone.make_aware(moment)
    try:
        local = timezone.localtime(moment)
    except (OverflowError, ValueError):
        raise DateRangeError(range_message()) from None
    if not in_range(local.date()) or not in_range(moment.date()):
        raise DateRangeError(range_message())
    return moment


def parse_day(raw: str) -> date:
    """YYYY-MM-DD within the range; ValueError (DateRangeError when far) otherwise."""
    raw = (raw or "").strip()
    if len(raw) != 10:
        raise ValueError(raw)
    return bounded_day(date.fromisoformat(raw))


def parse_moment(raw: str) -> datetime:
    """An ISO 8601 moment within the range; ValueError (DateRangeError when far) otherwise."""
    raw = (raw or "").strip()
    if not raw or len(raw) > 40:
        raise ValueError(raw)
    moment = parse_datetime(raw)  # may raise ValueError for 2026-13-45T…
    if moment is None:
        raise ValueError(raw)
    return bounded_moment(moment)


def day_start(day: date) -> datetime:
    """00:00 of that day in the city's zone."""
    return timezone.make_aware(datetime.combine(bounded_day(day), time.min))


def parse_cursor(raw: str) -> tuple[datetime, int]:
    """A keyset cursor "<ISO moment>_<id>"; ValueError for anything else."""
    moment_text, _sep, pk = (raw or "").rpartition("_")
    if not pk.isdigit() or int(pk) > _MAX_ID:
        raise ValueError(raw)
    return parse_moment(moment_text), int(pk)
