"""Refresh the rollups (scorecards, daily counts) from the domain tables; run by the worker.

These write only analytics' own derived tables; the domain is read, never changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from phananh.analytics.changes import (
    Changes,
    count_changes,
    count_first_day,
    tally_changes,
    tally_first_day,
)
from phananh.analytics.choices import Dimension, PeriodKind, Rollup, SubjectKind
from phananh.analytics.models import BacklogCount, DailyCount, RefreshMark, Scorecard
from phananh.analytics.scorecards import composite, histogram_percentile, wilson
from phananh.analytics.tallies import (
    Key,
    Tally,
    day_tallies_refresh,
    days_missing,
    open_overdue_add,
    period_tallies,
    rollup_day_mark,
)
from phananh.analytics.upsert import rows_replace
from phananh.core import clock
from phananh.reports.choices import OPEN_STATUSES, Status
from phananh.reports.models import Report
from phananh.sla.choices import DeadlineState
from phananh.sla.models import Deadline

CELL_DEGREES = 0.01  # about 1.1 km: the heat map's resolution
# A pass reads what changed since the previous pass began, less this: the changes whose
# transaction began before that moment but committed after the previous pass read.
OVERLAP = timedelta(minutes=10)
# Days of never-computed history a pass adds, newest first: no pass runs for minutes.
BACKFILL_DAYS_PER_PASS = 60
CURRENT_KINDS = (PeriodKind.ROLLING_30, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)
CALENDAR_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)


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


def _card(kind: str, start: date, end: date, key: Key, tally: Tally, now: datetime) -> Scorecard:
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
        median_hours=histogram_percentile(tally.hours, 50),
        p90_hours=histogram_percentile(tally.hours, 90),
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


def _scorecards_build(kind: str, start: date) -> int:
    """Rebuild every subject's card of one period from its days' tallies (never the domain,
    but for the live overdue count of a current period)."""
    now = clock.now()
    if kind == PeriodKind.ROLLING_30:  # its bounds follow from its last day
        end = start + timedelta(days=30)
    else:
        end = period_bounds(kind, start)[1]
    tallies = period_tallies(start, end)
    if start <= timezone.localdate(now) < end:
        open_overdue_add(tallies)
    tallies.setdefault((SubjectKind.CITY, 0), Tally())
    cards = [_card(kind, start, end, key, tally, now) for key, tally in sorted(tallies.items())]
    _rank(cards)
    with transaction.atomic():
        rows_replace(
            Scorecard,
            cards,
            scope={"period_kind": kind, "period_start": start},
            keys=("subject_kind", "subject_id"),
        )
    return len(cards)


def scorecards_refresh(*, kind: str, day: date) -> int:
    """Recompute every subject's scorecard for the period of `kind` containing `day`: the
    period's days never tallied are tallied first (up to today), then the days are summed."""
    start, end = period_bounds(kind, day)
    last = min(end - timedelta(days=1), timezone.localdate(clock.now()))
    for missing in days_missing(rollup=Rollup.TALLY, first=start, last=last):
        day_tallies_refresh(day=missing)
    return _scorecards_build(kind, start)


def _mark(rollup: str, first_day: Callable[[], date | None]) -> RefreshMark:
    mark = RefreshMark.objects.filter(rollup=rollup).first()
    if mark is None:
        today = timezone.localdate(clock.now())
        mark, _created = RefreshMark.objects.get_or_create(
            rollup=rollup, defaults={"first_day": first_day(), "made_on": today}
        )
    return mark


def _mark_advance(mark: RefreshMark, started: datetime) -> None:
    """Move the watermark to this pass's start, once all its days are committed (never back:
    a slower pass that started earlier leaves a later one's mark)."""
    RefreshMark.objects.filter(pk=mark.pk).filter(Q(at__isnull=True) | Q(at__lt=started)).update(
        at=started
    )


def _pass_days(
    mark: RefreshMark,
    changes_since: Callable[[datetime, datetime], Changes],
    *,
    started: datetime,
    limit: int,
    oldest: date | None = None,
) -> tuple[list[date], Changes]:
    """This pass's days: what changed since the last pass (less the overlap), and at most
    `limit` days of the history never computed, newest first."""
    # A mark ahead of the clock (the clock set back) must not hide what happens meanwhile.
    since = None if mark.at is None else min(mark.at, started) - OVERLAP
    changes = Changes() if since is None else changes_since(since, started)
    backfill: list[date] = []
    if mark.first_day is not None:
        first = max(mark.first_day, oldest) if oldest is not None else mark.first_day
        backfill = days_missing(rollup=mark.rollup, first=first, last=mark.made_on)[:limit]
    return sorted(changes.days | set(backfill), reverse=True), changes


def backfill_days_left(*, backfill_days: int = 120) -> int | None:
    """How many days of history the passes have still to tally or count (None before the
    first pass: the history's extent is read then)."""
    marks = {mark.rollup: mark for mark in RefreshMark.objects.all()}
    if set(marks) != {Rollup.TALLY, Rollup.DAILY}:
        return None
    recent = timezone.localdate(clock.now()) - timedelta(days=backfill_days)
    left = 0
    for rollup, mark in marks.items():
        if mark.first_day is not None:
            first = max(mark.first_day, recent) if rollup == Rollup.DAILY else mark.first_day
            left += len(days_missing(rollup=rollup, first=first, last=mark.made_on))
    return left


def _maintained(today: date, history_months: int) -> list[tuple[str, date]]:
    """The periods the pages show: the current ones, then the past ones of the trends."""
    periods: list[tuple[str, date]] = [
        (kind, period_bounds(kind, today)[0]) for kind in CURRENT_KINDS
    ]
    month = today.replace(day=1)
    for _ in range(history_months):
        month = (month - timedelta(days=1)).replace(day=1)
        periods.append((PeriodKind.MONTH, month))
    quarter = period_bounds(PeriodKind.QUARTER, today)[0]
    for _ in range(4):
        quarter = period_bounds(PeriodKind.QUARTER, quarter - timedelta(days=1))[0]
        periods.append((PeriodKind.QUARTER, quarter))
    periods.append((PeriodKind.YEAR, date(today.year - 1, 1, 1)))
    return periods


def scorecards_refresh_due(
    *, history_months: int = 12, backfill_per_pass: int = BACKFILL_DAYS_PER_PASS
) -> list[tuple[str, date]]:
    """One incremental pass: tally again the days that changed since the last pass (and a
    bounded batch of the history never tallied), then rebuild the periods holding those days,
    the current periods when anything changed, and the periods never computed."""
    started = clock.now()
    today = timezone.localdate(started)
    mark = _mark(Rollup.TALLY, tally_first_day)
    days, changes = _pass_days(mark, tally_changes, started=started, limit=backfill_per_pass)
    for day in days:
        day_tallies_refresh(day=day)
    maintained = _maintained(today, history_months)
    current = set(maintained[: len(CURRENT_KINDS)])
    touched: set[tuple[str, date]] = {
        (kind, period_bounds(kind, day)[0]) for day in days for kind in CALENDAR_KINDS
    }
    rolling_start, rolling_end = period_bounds(PeriodKind.ROLLING_30, today)
    if any(rolling_start <= day < rolling_end for day in days):
        touched.add((PeriodKind.ROLLING_30, rolling_start))
    done = set(
        Scorecard.objects.filter(subject_kind=SubjectKind.CITY).values_list(
            "period_kind", "period_start"
        )
    )
    due = [
        period
        for period in maintained
        if period not in done or period in touched or (changes.anything and period in current)
    ]
    due += sorted((touched & done) - set(due))  # older periods already published
    for kind, start in due:
        _scorecards_build(kind, start)
    _mark_advance(mark, started)
    return due


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
    rows_replace(DailyCount, rows, scope={"day": day}, keys=("dimension", "key"))
    rollup_day_mark(rollup=Rollup.DAILY, day=day)
    return len(rows)


def daily_counts_refresh_due(
    *, backfill_days: int = 120, backfill_per_pass: int = BACKFILL_DAYS_PER_PASS
) -> int:
    """One incremental pass: recount the submission days of the reports received or changed
    since the last pass, and a bounded batch of the recent days never counted."""
    started = clock.now()
    today = timezone.localdate(started)
    mark = _mark(Rollup.DAILY, count_first_day)
    days, _changes = _pass_days(
        mark,
        count_changes,
        started=started,
        limit=backfill_per_pass,
        oldest=today - timedelta(days=backfill_days),
    )
    for day in days:
        daily_counts_refresh(day=day)
    _mark_advance(mark, started)
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
