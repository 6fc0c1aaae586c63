"""Open311 input: W3C datetimes, coordinates, comma lists. Every failure is an
`Open311Error(400, …)` naming the parameter (`attribute[…]` values are checked by the one
attribute validator, `catalog/attributes.py`, like every channel's).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from phananh.api.open311.formats import Open311Error
from phananh.core import dates

# Control characters (tab and line breaks kept) and lone surrogates: never stored.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# A W3C datetime whose "+07:00" arrived as " 07:00" (a '+' not percent-encoded in a query).
_SPACED_OFFSET = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?) (\d{2}(?::?\d{2})?)$")
_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
LIST_MAX = 200  # items in a comma list (service_request_id, service_code)


def text(value: Any, *, max_length: int = 5000) -> str:
    """A parameter as clean text: no control characters, trimmed, at most `max_length`."""
    return _CONTROL.sub("", str(value or "")).strip()[:max_length]


def shown(value: str, length: int = 60) -> str:
    """User input echoed in an error description: short and clean."""
    return text(value, max_length=length)


def comma_list(query: QueryDict, name: str) -> list[str]:
    """`a,b,c`, or the parameter repeated; blanks dropped, duplicates kept once."""
    items: list[str] = []
    for raw in query.getlist(name):
        for part in str(raw).split(","):
            part = text(part, max_length=64)
            if part and part not in items:
                items.append(part)
    if len(items) > LIST_MAX:
        raise Open311Error(
            400,
            _("Too many values for %(name)s (at most %(max)d).") % {"name": name, "max": LIST_MAX},
        )
    return items


def w3c(value: str, name: str, *, end: bool = False) -> datetime:
    """Any W3C date or datetime (Z, +07:00, fractional seconds, date only) → an aware moment.

    A date without a time is the start of that day in the city's zone (`end=True`: the start of
    the next day, so `end_date=2026-05-04` includes the 4th); a time without an offset is the
    city's local time.
    """
    raw = _SPACED_OFFSET.sub(r"\1+\2", text(value, max_length=200))
    try:
        if len(raw) > 40:  # the longest W3C form with microseconds is 32 characters
            raise ValueError(raw)
        if _YEAR.fullmatch(raw):
            day, step = date(int(raw), 1, 1), "year"
        elif match := _YEAR_MONTH.fullmatch(raw):
            day, step = date(int(match.group(1)), int(match.group(2)), 1), "month"
        elif len(raw) == 10:
            day, step = date.fromisoformat(raw), "day"
        else:
            moment = datetime.fromisoformat(raw.replace("z", "Z").replace(",", "."))
            # Far dates are refused here, not in the database or a window computed from them.
            return dates.bounded_moment(moment)
        dates.bounded_day(day)
        if end:
            if step == "year":
                day = date(day.year + 1, 1, 1)
            elif step == "month":
                day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            else:
                day += timedelta(days=1)
        return timezone.make_aware(datetime.combine(day, time.min))
    except dates.DateRangeError:
        raise Open311Error(
            400,
            _("%(name)s is too far in the past or the future: %(range)s")
            % {"name": name, "range": dates.range_message()},
        ) from None
    except (ValueError, OverflowError, TypeError):
        raise Open311Error(
            400,
            _("%(name)s is not a W3C date or datetime (e.g. 2026-05-04T10:00:00+07:00).")
            % {"name": name},
        ) from None


def coordinate(value: str, name: str, limit: float) -> float:
    """A latitude (limit 90) or longitude (limit 180) in decimal degrees."""
    raw = text(value, max_length=40).replace(",", ".")
    try:
        number = float(raw)
    except ValueError:
        raise Open311Error(
            400, _("%(name)s must be a number of decimal degrees.") % {"name": name}
        ) from None
    if not math.isfinite(number) or abs(number) > limit:
        raise Open311Error(
            400,
            _("%(name)s must be between -%(limit)d and %(limit)d.")
            % {"name": name, "limit": limit},
        )
    return number


def guess_format(request: HttpRequest) -> str:
    """For errors on URLs without a usable suffix: JSON if the path or Accept asks, else XML."""
    if request.path.lower().endswith(".json") or "json" in request.headers.get("Accept", ""):
        return "json"
    return "xml"


def path_value(value: str) -> str:
    """An id or code from the URL, clean (a NUL byte must never reach the database)."""
    cleaned = text(value, max_length=65)
    return "" if len(cleaned) > 64 or cleaned != value else cleaned
