"""Working time for deadlines: office intervals, working days, exact due moments.

Pure on purpose (standard library and `holidays` only): a deadline must be recomputable, and
checkable by hand, from the rules in design §3 alone, without Django or the database.

Arithmetic is done on `timedelta` (whole microseconds), never on floats, so results are exact.
Office intervals are wall-clock times in the calendar's zone; Asia/Ho_Chi_Minh has no daylight
saving, so wall-clock and elapsed time agree inside the office day.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

UNITS = ("working_hours", "working_days", "hours")  # "hours" = calendar hours

EXTRA_DAY_OFF = "extra day off"

# A calendar without a single working day in three years is misconfigured (e.g. no weekdays):
# better an error than a deadline search that never ends.
_SEARCH_LIMIT_DAYS = 3 * 366

_ZERO = timedelta(0)
_ONE_DAY = timedelta(days=1)
_MICROSECONDS_PER_HOUR = 3_600_000_000


class _PackageYear(NamedTuple):
    holidays: Mapping[date, str]
    weekend_workdays: frozenset[date]


@functools.lru_cache(maxsize=64)
def _package_language(country: str) -> str | None:
    # The entity's own language (Vietnamese for VN), not the server locale's: the package would
    # otherwise pick names from LANG, and the same day must read the same on every machine.
    return holidays.country_holidays(country).default_language


@functools.lru_cache(maxsize=512)
def _package_year(country: str, year: int) -> _PackageYear:
    table = holidays.country_holidays(country, years=year, language=_package_language(country))
    # The package also knows the weekend days worked to make up a bridge day it lists
    # (e.g. Saturday 22/08/2026 for Monday 31/08/2026); honouring one without the other would
    # give the bridge day for free.
    workdays = frozenset(getattr(table, "weekend_workdays", ()))
    return _PackageYear(MappingProxyType(dict(table)), workdays)


def _offset(moment: time) -> timedelta:
    return timedelta(
        hours=moment.hour,
        minutes=moment.minute,
        seconds=moment.second,
        microseconds=moment.microsecond,
    )


def _check_duration(amount: timedelta) -> None:
    if not isinstance(amount, timedelta):
        raise TypeError(f"a timedelta is required, got {type(amount).__name__}")
    if amount < _ZERO:
        raise ValueError(f"a duration cannot be negative: {amount}")


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"an aware datetime is required, got naive {moment!r}")
    return moment.astimezone(UTC)


def _hours(amount: float | int) -> timedelta:
    if isinstance(amount, bool) or not isinstance(amount, numbers.Real | Decimal):
        raise TypeError(f"amount must be a number, got {type(amount).__name__}")
    try:
        # Fraction keeps a Decimal such as 0.1 exact; rounding happens once, to the microsecond.
        exact = Fraction(amount)
    except (ValueError, OverflowError) as error:
        raise ValueError(f"amount must be finite, got {amount!r}") from error
    if exact < 0:
        raise ValueError(f"amount cannot be negative: {amount!r}")
    return timedelta(microseconds=round(exact * _MICROSECONDS_PER_HOUR))


@dataclass(frozen=True)
class WorkCalendar:
    """Office hours and working days of one administration, in its own time zone."""

    intervals: tuple[tuple[time, time], ...] = (
        (time(7, 30), time(11, 30)),
        (time(13, 30), time(17, 0)),
    )
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    extra_days_off: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    country: str = "VN"
    timezone: str = "Asia/Ho_Chi_Minh"

    # Derived once in __post_init__; not part of equality, hashing or repr.
    _tz: ZoneInfo = field(init=False, repr=False, compare=False)
    _spans: tuple[tuple[timedelta, timedelta], ...] = field(init=False, repr=False, compare=False)
    _day_length: timedelta = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Coerce so that lists and sets read from settings still give a hashable calendar.
        intervals = tuple((start, end) for start, end in self.intervals)
        object.__setattr__(self, "intervals", intervals)
        object.__setattr__(self, "weekdays", frozenset(self.weekdays))
        object.__setattr__(self, "extra_days_off", frozenset(self.extra_days_off))
        object.__setattr__(self, "extra_working_days", frozenset(self.extra_working_days))

        if not intervals:
            raise ValueError("at least one office interval is required")
        previous_end: time | None = None
        for start, end in intervals:
            if not (isinstance(start, time) and isinstance(end, time)):
                raise ValueError(f"office intervals are pairs of datetime.time: {start!r}, {end!r}")
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("office hours are wall-clock times of the calendar's zone")
            if not start < end:
                raise ValueError(f"office interval must start before it ends: {start}–{end}")
            if previous_end is not None and start < previous_end:
                raise ValueError(f"office intervals must be sorted and disjoint: {start}")
            previous_end = end
        if any(not isinstance(day, int) or not 0 <= day <= 6 for day in self.weekdays):
            raise ValueError(f"weekdays are 0 (Monday) to 6 (Sunday): {sorted(self.weekdays)}")
        both = self.extra_days_off & self.extra_working_days
        if both:
            raise ValueError(f"a day cannot be both off and worked: {sorted(both)}")
        try:
            zone = ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {self.timezone!r}") from error
        try:
            _package_language(self.country)
        except NotImplementedError as error:
            raise ValueError(f"the holidays package has no country {self.country!r}") from error

        spans = tuple((_offset(start), _offset(end)) for start, end in intervals)
        object.__setattr__(self, "_tz", zone)
        object.__setattr__(self, "_spans", spans)
        object.__setattr__(self, "_day_length", sum((end - start for start, end in spans), _ZERO))

    # -- days ------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Whether the office is open on this date (weekdays, holidays and city exceptions)."""
        if isinstance(day, datetime) or not isinstance(day, date):
            # A datetime would silently miss every date-keyed lookup.
            raise TypeError(f"a date is required, got {type(day).__name__}")
        return self._is_working(day)

    def holiday_name(self, day: date) -> str | None:
        """Why an otherwise usual day is off: the package's holiday name, or "extra day off"."""
        if isinstance(day, datetime) or not isinstance(day, date):
            raise TypeError(f"a date is required, got {type(day).__name__}")
        if day in self.extra_working_days:
            # Worked anyway, so not a day off whatever the package says.
            return None
        name = _package_year(self.country, day.year).holidays.get(day)
        if name is not None:
            return name
        if day in self.extra_days_off:
            return EXTRA_DAY_OFF
        return None

    def _is_working(self, day: date) -> bool:
        # The city's decisions override the package, which overrides the usual week.
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        package = _package_year(self.country, day.year)
        if day in package.holidays:
            return False
        return day.weekday() in self.weekdays or day in package.weekend_workdays

    def _next_working_day(self, day: date) -> date:
        candidate = day
        for _ in range(_SEARCH_LIMIT_DAYS):
            candidate += _ONE_DAY
            if self._is_working(candidate):
                return candidate
        raise ValueError(f"no working day within {_SEARCH_LIMIT_DAYS} days after {day}")

    # -- moments ---------------------------------------------------------------------------

    def _local(self, moment: datetime) -> datetime:
        return _utc(moment).astimezone(self._tz)

    def _at(self, day: date, offset: timedelta) -> datetime:
        return datetime.combine(day, time(), tzinfo=self._tz) + offset

    def _office_time(self, day: date, low: timedelta, high: timedelta) -> timedelta:
        # Office time of one day between two wall-clock offsets from its midnight.
        if not self._is_working(day):
            return _ZERO
        total = _ZERO
        for start, end in self._spans:
            overlap = min(end, high) - max(start, low)
            if overlap > _ZERO:
                total += overlap
        return total

    def next_opening(self, moment: datetime) -> datetime:
        """When a clock started at `moment` starts running: itself if the office is open."""
        local = self._local(moment)
        day = local.date()
        if self._is_working(day):
            offset = _offset(local.time())
            for start, end in self._spans:
                if offset < start:
                    return self._at(day, start)
                # Intervals are half-open: at 11:30 the office is closed until 13:30.
                if offset < end:
                    return local
        return self._at(self._next_working_day(day), self._spans[0][0])

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The moment `amount` of office time after `start` has elapsed (a working-hours due)."""
        _check_duration(amount)
        opening = self.next_opening(start)
        if not amount:
            return opening
        day = opening.date()
        offset = _offset(opening.time())
        remaining = amount
        for span_start, span_end in self._spans:
            if offset >= span_end:
                continue
            begin = max(offset, span_start)
            available = span_end - begin
            # `<=` so that a clock running out at 11:30 is due at 11:30, not at 13:30.
            if remaining <= available:
                return self._at(day, begin + remaining)
            remaining -= available
        # Every working day holds the same office time, so whole days are skipped in one step.
        day = self._next_working_day(day)
        while remaining > self._day_length:
            remaining -= self._day_length
            day = self._next_working_day(day)
        for span_start, span_end in self._spans:
            length = span_end - span_start
            if remaining <= length:
                return self._at(day, span_start + remaining)
            remaining -= length
        raise AssertionError("unreachable: remaining fits in one working day")  # pragma: no cover

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """Close of office on the `days`-th working day after the local day of `start`."""
        if isinstance(days, bool) or not isinstance(days, int):
            raise TypeError(f"working days must be an int, got {type(days).__name__}")
        if days < 1:
            raise ValueError(f"working days must be at least 1, got {days}")
        # The start day never counts, whatever the hour and even if it is itself a day off.
        day = self._local(start).date()
        for _ in range(days):
            day = self._next_working_day(day)
        return self._at(day, self._spans[-1][1])

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time inside [start, end): how much of a working-time clock has run."""
        low = self._local(start)
        high = self._local(end)
        if high <= low:
            return _ZERO
        first, last = low.date(), high.date()
        low_offset, high_offset = _offset(low.time()), _offset(high.time())
        if first == last:
            return self._office_time(first, low_offset, high_offset)
        total = self._office_time(first, low_offset, _ONE_DAY)
        total += self._office_time(last, _ZERO, high_offset)
        day = first + _ONE_DAY
        while day < last:
            if self._is_working(day):
                total += self._day_length
            day += _ONE_DAY
        return total

    def due(self, start: datetime, amount: float | int, unit: str) -> datetime:
        """The due moment of a deadline of `amount` `unit`s (one of UNITS) started at `start`."""
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}; expected one of {UNITS}")
        if unit == "working_days":
            if isinstance(amount, bool) or not isinstance(amount, numbers.Real | Decimal):
                raise TypeError(f"amount must be a number, got {type(amount).__name__}")
            try:
                whole = int(amount)
            except (ValueError, OverflowError) as error:
                raise ValueError(f"working days must be finite, got {amount!r}") from error
            if whole != amount:
                raise ValueError(f"working days must be a whole number, got {amount!r}")
            return self.add_working_days(start, whole)
        if unit == "working_hours":
            return self.add_working_time(start, _hours(amount))
        return self._elapsed(start, _hours(amount))

    def _elapsed(self, start: datetime, amount: timedelta) -> datetime:
        # Through UTC so that calendar time is elapsed time even across a DST change.
        return (_utc(start) + amount).astimezone(self._tz)

    def remaining_at(self, due: datetime, paused_at: datetime, *, working: bool) -> timedelta:
        """Time left on a clock paused at `paused_at`: office time if `working`, else elapsed."""
        if working:
            return self.working_time_between(paused_at, due)
        return max(_utc(due) - _utc(paused_at), _ZERO)

    def resume(self, resumed_at: datetime, remaining: timedelta, *, working: bool) -> datetime:
        """The new due moment of a clock resumed at `resumed_at` with `remaining` left."""
        _check_duration(remaining)
        if working:
            return self.add_working_time(resumed_at, remaining)
        return self._elapsed(resumed_at, remaining)
