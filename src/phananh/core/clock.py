"""The one source of "now" for domain code, so the demo seed and tests can set the time.

`timezone.now()` is still the truth in production; `clock.at(moment)` overrides it for the
current context only (a contextvar, safe across threads and async tasks).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time

from django.utils import timezone

_override: ContextVar[datetime | None] = ContextVar("phananh_clock", default=None)


def now() -> datetime:
    """The current moment (aware), or the moment set by `at()`."""
    return _override.get() or timezone.now()


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    """Run the block as if it were `moment`."""
    if timezone.is_naive(moment):
        raise ValueError("clock.at needs an aware datetime")
    token = _override.set(moment)
    try:
        yield
    finally:
        _override.reset(token)


def start_of_day(day: date) -> datetime:
    """Local midnight of a calendar day (the city's time zone), as an aware moment."""
    return timezone.make_aware(datetime.combine(day, time.min))
