"""Refresh the rollups (scorecards, daily counts) from the domain tables; run by the worker.

These write only analytics' own derived tables; the domain is read, never changed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Model, QuerySet
from django.utils import timezone

from phananh.analytics.choices import Dimension, PeriodKind, SubjectKind
from phananh.analytics.models import BacklogCount, DailyCount, Scorecard
from phananh.analytics.scorecards import composite, percentile, wilson
from phananh.core import clock
from phananh.reports.choices import ACCEPTING_RATINGS, OPEN_STATUSES, Action, Status
from phananh.reports.models import Rating, Report
from phananh.sla.choices import DeadlineState, Outcome, Step
from phananh.sla.models import Deadline

CELL_DEGREES = 0.01  # about 1.1 km: the heat map's resolution
# Long periods barely move in ten minutes: recompute them hourly (the rest on every pass).
SLOW_PERIOD_EVERY = {PeriodKind.QUARTER: timedelta(hours=1), PeriodKind.YEAR: timedelta(hours=1)}


def cell_key(lat: float, lon: float) -> str:
    """The heat-map cell of a point: its centre, rounded to CELL_DEGREES."""
    lat_centre = round(lat / CELL_DEGREES) * CELL_DEGREES
    lon_centre = round(lon / CELL_DEGREES) * CELL_DEGREES
    return f"{lat_centre:.2f},{lon_centre:.2f}"


def period_bounds(kind: str, day: date) -> tuple[date, date]:
    """The period of this kind that contains `day`: [start, end)."""
    if kind == PeriodKind.MONTH:
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
    elif kind == PeriodKind.QUARTER:
        start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        end = (start + timedelta(days=95)).replace(day=1)
    elif kind == PeriodKind.YEAR:
        start, end = date(day.year, 1, 1), date(day.year + 1, 1, 1)
    elif kind == PeriodKind.ROLLING_30:
        start, end = day - timedelta(days=29), day + timedelta(days=1)
    else:
        raise ValueError(f"unknown period kind {kind!r}")
    return start, end


@dataclass
class _Tally:
    received: int = 0
    resolved: int = 0
    on_time: int = 0
    open_overdue: int = 0
    hours: list[float] = field(default_factory=list)
    rated: int = 0
    satisfied: int = 0
    reopened: int = 0
    returned: int = 0


def _subjects(row: dict[str, Any]) -> list[tuple[str, int]]:
    keys: list[tuple[str, int]] = [(SubjectKind.CITY, 0)]
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


def _tally(start: datetime, end: datetime, *, include_open: bool) -> dict[tuple[str, int], _Tally]:
    tallies: dict[tuple[str, int], _Tally] = defaultdict(_Tally)
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
    # Exact percentiles need every duration of the period (one row per handled report).
    handled = finished.filter(outcome__in=(Outcome.ON_TIME, Outcome.LATE))
    for agency, area, category, began, ended in handled.values_list(
        *_WHERE, "started_at", "completed_at"
    ).iterator(chunk_size=5000):
        hours = (ended - began).total_seconds() / 3600
        row = {"agency_id": agency, "report__area_id": area, "report__category_id": category}
        for key in _subjects(row):
            tallies[key].hours.append(hours)
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
    if include_open:
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
    return tallies


def _card(
    kind: str, start: date, end: date, key: tuple[str, int], tally: _Tally, now: datetime
) -> Scorecard:
    on_time_low = wilson(tally.on_time, tally.resolved)[0]
    satisfied_low = wilson(tally.satisfied, tally.rated)[0]
    reopen_high = wilson(tally.reopened, tally.resolved)[1]
    return_high = wilson(tally.returned, tally.received)[1]
    return Scorecard(
        period_kind=kind,
        period_start=start,
        period_end=end,
        subject_kind=key[0],
        subject_id=key[1],
        received=tally.received,
        resolved=tally.resolved,
        on_time=tally.on_time,
        open_overdue=tally.open_overdue,
        median_hours=percentile(tally.hours, 50),
        p90_hours=percentile(tally.hours, 90),
        rated=tally.rated,
        satisfied=tally.satisfied,
        reopened=tally.reopened,
        returned=tally.returned,
        on_time_low=on_time_low,
        satisfied_low=satisfied_low,
        reopen_high=reopen_high,
        return_high=return_high,
        score=composite(
            on_time_low=on_time_low,
            satisfied_low=satisfied_low,
            reopen_high=reopen_high,
            return_high=return_high,
        ),
        computed_at=now,
    )


def _rank(cards: list[Scorecard]) -> None:
    """Rank agencies above the minimum volume; the rest stay unranked."""
    for subject_kind in (SubjectKind.AGENCY, SubjectKind.AREA, SubjectKind.CATEGORY):
        eligible = [
            card
            for card in cards
            if card.subject_kind == subject_kind and card.resolved >= settings.SCORECARD_MIN_VOLUME
        ]
        eligible.sort(key=lambda card: (-(card.score or 0.0), -card.resolved, card.subject_id))
        for position, card in enumerate(eligible, start=1):
            card.rank = position


RollupT = TypeVar("RollupT", bound=Model)


def _replace(
    model: type[RollupT], rows: list[RollupT], *, scope: dict[str, Any], keys: tuple[str, ...]
) -> None:
    """Make the rollup rows of one scope exactly `rows`: an upsert (ON CONFLICT … DO UPDATE on
    the model's unique constraint), then the scope's rows not in `rows` deleted. Two workers
    refreshing the same scope at once both succeed; the later one's numbers stay."""
    unique = [*scope, *keys]
    values = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    # The rollup models have one manager (`objects`): the default one.
    model._default_manager.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=unique,
        update_fields=[name for name in values if name not in unique],
    )
    kept = {tuple(getattr(row, key) for key in keys) for row in rows}
    stale = [
        pk
        for pk, *key in model._default_manager.filter(**scope).values_list("pk", *keys)
        if tuple(key) not in kept
    ]
    if stale:
        model._default_manager.filter(pk__in=stale).delete()


@transaction.atomic
def scorecards_refresh(*, kind: str, day: date) -> int:
    """Recompute every subject's scorecard for the period of `kind` containing `day`."""
    now = clock.now()
    start, end = period_bounds(kind, day)
    is_current = start <= timezone.localdate(now) < end
    tallies = _tally(clock.start_of_day(start), clock.start_of_day(end), include_open=is_current)
    tallies.setdefault((SubjectKind.CITY, 0), _Tally())
    cards = [_card(kind, start, end, key, tally, now) for key, tally in tallies.items()]
    _rank(cards)
    _replace(
        Scorecard,
        cards,
        scope={"period_kind": kind, "period_start": start},
        keys=("subject_kind", "subject_id"),
    )
    return len(cards)


def scorecards_refresh_due(*, history_months: int = 12) -> list[tuple[str, date]]:
    """Refresh the current periods, and past periods never computed (for the trends)."""
    now = clock.now()
    today = timezone.localdate(now)
    refreshed: list[tuple[str, date]] = []
    for kind in (PeriodKind.ROLLING_30, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR):
        start = period_bounds(kind, today)[0]
        city = Scorecard.objects.filter(
            period_kind=kind, period_start=start, subject_kind=SubjectKind.CITY
        ).first()
        if city is not None and now - city.computed_at < SLOW_PERIOD_EVERY.get(kind, timedelta()):
            continue
        scorecards_refresh(kind=kind, day=today)
        refreshed.append((kind, today))
    done = set(
        Scorecard.objects.filter(subject_kind=SubjectKind.CITY).values_list(
            "period_kind", "period_start"
        )
    )
    month = today.replace(day=1)
    past = []
    for _ in range(history_months):
        month = (month - timedelta(days=1)).replace(day=1)
        past.append((PeriodKind.MONTH, month))
    quarter = period_bounds(PeriodKind.QUARTER, today)[0]
    for _ in range(4):
        quarter = period_bounds(PeriodKind.QUARTER, quarter - timedelta(days=1))[0]
        past.append((PeriodKind.QUARTER, quarter))
    past.append((PeriodKind.YEAR, date(today.year - 1, 6, 1)))
    for kind, day in past:
        start = period_bounds(kind, day)[0]
        if (kind, start) not in done:
            scorecards_refresh(kind=kind, day=start)
            refreshed.append((kind, start))
    return refreshed


def _daily(day: date) -> list[DailyCount]:
    reports = Report.objects.filter(
        submitted_at__gte=clock.start_of_day(day),
        submitted_at__lt=clock.start_of_day(day + timedelta(days=1)),
    )
    rows: list[DailyCount] = []
    for dimension, column in (
        (Dimension.CATEGORY, "category_id"),
        (Dimension.AREA, "area_id"),
        (Dimension.CHANNEL, "channel"),
        (Dimension.AGENCY, "agency_id"),
    ):
        for value in reports.values(column).annotate(n=Count("id")).order_by():
            rows.append(
                DailyCount(
                    day=day, dimension=dimension, key=str(value[column] or ""), count=value["n"]
                )
            )
    cells: dict[str, int] = defaultdict(int)
    for lat, lon in reports.filter(lat__isnull=False).values_list("lat", "lon"):
        if lat is not None and lon is not None:  # a point has both
            cells[cell_key(lat, lon)] += 1
    rows.extend(
        DailyCount(day=day, dimension=Dimension.CELL, key=key, count=n) for key, n in cells.items()
    )
    return rows


@transaction.atomic
def daily_counts_refresh(*, day: date) -> int:
    """Recount the reports received on one day, by every dimension."""
    rows = _daily(day)
    _replace(DailyCount, rows, scope={"day": day}, keys=("dimension", "key"))
    return len(rows)


def daily_counts_refresh_due(*, backfill_days: int = 120, recount_days: int = 7) -> int:
    """Recount the last week (reports still get agencies), and any recent day never counted."""
    today = timezone.localdate(clock.now())
    counted = set(
        DailyCount.objects.filter(day__gte=today - timedelta(days=backfill_days))
        .values_list("day", flat=True)
        .distinct()
    )
    first = Report.objects.order_by("submitted_at").values_list("submitted_at", flat=True).first()
    if first is None:
        return 0
    oldest = max(timezone.localdate(first), today - timedelta(days=backfill_days))
    days = [today - timedelta(days=back) for back in range(recount_days)]
    recount_from = today - timedelta(days=recount_days - 1)
    day = oldest
    while day < recount_from:
        if day not in counted:
            days.append(day)
        day += timedelta(days=1)
    for day in days:
        daily_counts_refresh(day=day)
    return len(days)


OVERDUE_KEY = "overdue"


@transaction.atomic
def backlog_refresh() -> dict[str, int]:
    """Count the open reports by status and the overdue steps (the dashboard's live numbers)."""
    now = clock.now()
    statuses = (*OPEN_STATUSES, Status.RESOLVED)
    rows = (
        Report.objects.filter(status__in=statuses)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[str, int] = {status: 0 for status in statuses}
    counts.update({row["status"]: row["n"] for row in rows})
    counts[OVERDUE_KEY] = Deadline.objects.filter(
        state=DeadlineState.OPEN, overdue_at__isnull=False
    ).count()
    for key, count in counts.items():
        BacklogCount.objects.update_or_create(
            key=key, defaults={"count": count, "computed_at": now}
        )
    return counts
