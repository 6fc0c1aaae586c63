"""Day tallies: each subject's handling counts for one local day, and a period's sum of them.

A day is read from the domain through the indexes on the deadlines' `started_at` and
`completed_at` and the ratings' `created_at`; a period reads only its days' tallies.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet, Sum

from phananh.analytics.choices import Rollup, SubjectKind
from phananh.analytics.models import DayTally, RollupDay
from phananh.analytics.scorecards import duration_bucket
from phananh.analytics.upsert import rows_replace
from phananh.core import clock
from phananh.reports.choices import ACCEPTING_RATINGS, Action
from phananh.reports.models import Rating
from phananh.sla.choices import DeadlineState, Outcome, Step
from phananh.sla.models import Deadline

Key = tuple[str, int]
COUNTS = ("received", "resolved", "on_time", "rated", "satisfied", "reopened", "returned")


@dataclass
class Tally:
    """One subject's counts over some days, with its handled durations as a histogram."""

    received: int = 0
    resolved: int = 0
    on_time: int = 0
    open_overdue: int = 0
    hours: Counter[int] = field(default_factory=Counter)
    rated: int = 0
    satisfied: int = 0
    reopened: int = 0
    returned: int = 0


def _subjects(row: dict[str, Any]) -> list[Key]:
    keys: list[Key] = [(SubjectKind.CITY, 0)]
    if row.get("agency_id"):
        keys.append((SubjectKind.AGENCY, row["agency_id"]))
    if row.get("report__area_id"):
        keys.append((SubjectKind.AREA, row["report__area_id"]))
    if row.get("report__category_id"):
        keys.append((SubjectKind.CATEGORY, row["report__category_id"]))
    return keys


_WHERE = ("agency_id", "report__area_id", "report__category_id")


def _grouped(queryset: QuerySet[Deadline], *extra: str) -> QuerySet[Deadline, dict[str, Any]]:
    """Counts per (agency, ward, category, *extra): the database aggregates, Python only adds."""
    rows: QuerySet[Deadline, dict[str, Any]] = (
        queryset.values(*_WHERE, *extra).annotate(n=Count("id")).order_by()
    )
    return rows


def tally_read(start: datetime, end: datetime) -> dict[Key, Tally]:
    """Every subject's counts for [start, end), read from the deadlines and the ratings."""
    tallies: dict[Key, Tally] = defaultdict(Tally)
    resolution = Deadline.objects.filter(step=Step.RESOLUTION)
    started = resolution.filter(
        started_at__gte=start, started_at__lt=end, cause__in=(Action.ASSIGN, Action.REOPEN)
    )
    for row in _grouped(started, "cause"):
        for key in _subjects(row):
            if row["cause"] == Action.ASSIGN:
                tallies[key].received += row["n"]
            else:
                tallies[key].reopened += row["n"]
    finished = resolution.filter(completed_at__gte=start, completed_at__lt=end)
    for row in _grouped(finished, "outcome"):
        for key in _subjects(row):
            if row["outcome"] == Outcome.RETURNED:
                tallies[key].returned += row["n"]
            elif row["outcome"] in (Outcome.ON_TIME, Outcome.LATE):
                tallies[key].resolved += row["n"]
                if row["outcome"] == Outcome.ON_TIME:
                    tallies[key].on_time += row["n"]
    handled = finished.filter(outcome__in=(Outcome.ON_TIME, Outcome.LATE))
    for agency, area, category, began, ended in handled.values_list(
        *_WHERE, "started_at", "completed_at"
    ).iterator(chunk_size=5000):
        bucket = duration_bucket((ended - began).total_seconds() / 3600)
        row = {"agency_id": agency, "report__area_id": area, "report__category_id": category}
        for key in _subjects(row):
            tallies[key].hours[bucket] += 1
    ratings = Rating.objects.filter(created_at__gte=start, created_at__lt=end)
    rating_rows = (
        ratings.values("agency_id", "report__area_id", "report__category_id", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rating_rows:
        for key in _subjects(row):
            tallies[key].rated += row["n"]
            if row["level"] in ACCEPTING_RATINGS:
                tallies[key].satisfied += row["n"]
    return tallies


def open_overdue_add(tallies: dict[Key, Tally]) -> None:
    """Add the steps overdue right now (the live part of the current periods' cards)."""
    overdue = Deadline.objects.filter(
        state=DeadlineState.OPEN,
        overdue_at__isnull=False,
        step__in=(Step.ACCEPTANCE, Step.RESOLUTION),
    )
    # Per agency only: no join to the reports, however long the backlog.
    for row in overdue.values("agency_id").annotate(n=Count("id")).order_by():
        if row["agency_id"]:
            tallies[(SubjectKind.AGENCY, row["agency_id"])].open_overdue += row["n"]
        tallies[(SubjectKind.CITY, 0)].open_overdue += row["n"]


@transaction.atomic
def day_tallies_refresh(*, day: date) -> int:
    """Recompute every subject's tally of one local day (the city's row even when empty)."""
    tallies = tally_read(clock.start_of_day(day), clock.start_of_day(day + timedelta(days=1)))
    tallies.setdefault((SubjectKind.CITY, 0), Tally())
    rows = [
        DayTally(
            day=day,
            subject_kind=kind,
            subject_id=subject,
            hours={str(bucket): n for bucket, n in sorted(tally.hours.items())},
            **{name: getattr(tally, name) for name in COUNTS},
        )
        for (kind, subject), tally in sorted(tallies.items())
    ]
    rows_replace(DayTally, rows, scope={"day": day}, keys=("subject_kind", "subject_id"))
    rollup_day_mark(rollup=Rollup.TALLY, day=day)
    return len(rows)


def rollup_day_mark(*, rollup: str, day: date) -> None:
    """Record that a day's rollup is computed (in the transaction that wrote its rows)."""
    RollupDay.objects.bulk_create(
        [RollupDay(rollup=rollup, day=day, computed_at=clock.now())],
        update_conflicts=True,
        unique_fields=["rollup", "day"],
        update_fields=["computed_at"],
    )


def days_missing(*, rollup: str, first: date, last: date) -> list[date]:
    """The days of [first, last] whose rollup was never computed, newest first."""
    done = set(
        RollupDay.objects.filter(rollup=rollup, day__gte=first, day__lte=last).values_list(
            "day", flat=True
        )
    )
    count = (last - first).days + 1
    days = (last - timedelta(days=back) for back in range(max(count, 0)))
    return [day for day in days if day not in done]


def period_tallies(start: date, end: date) -> dict[Key, Tally]:
    """Every subject's counts for the days [start, end): one grouped sum of the day tallies,
    then the days' duration histograms merged."""
    days = DayTally.objects.filter(day__gte=start, day__lt=end)
    tallies: dict[Key, Tally] = defaultdict(Tally)
    sums = (
        days.values("subject_kind", "subject_id")
        .annotate(**{name: Sum(name) for name in COUNTS})
        .order_by()
    )
    for row in sums:
        tally = tallies[(row["subject_kind"], row["subject_id"])]
        for name in COUNTS:
            setattr(tally, name, row[name] or 0)
    handled = days.filter(resolved__gt=0).values_list("subject_kind", "subject_id", "hours")
    for kind, subject, hours in handled.iterator(chunk_size=5000):
        histogram = tallies[(kind, subject)].hours
        for bucket, n in hours.items():
            histogram[int(bucket)] += n
    return tallies
