"""Reads of the rollups for pages: scorecards, trends, dashboard numbers. Never a full scan."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from phananh.accounts.models import Agency
from phananh.analytics.choices import Dimension, PeriodKind, SubjectKind
from phananh.analytics.models import DailyCount, Scorecard
from phananh.analytics.services import period_bounds
from phananh.catalog.models import Category
from phananh.core import clock
from phananh.geo.models import Area
from phananh.reports.choices import OPEN_STATUSES, Channel, Status
from phananh.reports.models import Report
from phananh.sla.choices import DeadlineState, Step
from phananh.sla.models import Deadline

SUBJECT_MODELS: dict[str, type[Agency | Area | Category]] = {
    SubjectKind.AGENCY: Agency,
    SubjectKind.AREA: Area,
    SubjectKind.CATEGORY: Category,
}
# Never shown in a ranking: a ward's polygon is megabytes of JSON to parse.
SUBJECT_DEFERRED: dict[str, tuple[str, ...]] = {SubjectKind.AREA: ("geometry",)}


def scorecard_period(kind: str, day: date | None = None) -> tuple[date, date]:
    return period_bounds(kind, day or timezone.localdate(clock.now()))


def scorecard_table(*, kind: str, subject_kind: str, day: date | None = None) -> list[Scorecard]:
    """Every subject's card for the period, ranked first, each with its `subject` attached."""
    start, _end = scorecard_period(kind, day)
    cards = list(
        Scorecard.objects.filter(period_kind=kind, period_start=start, subject_kind=subject_kind)
    )
    subjects = (
        SUBJECT_MODELS[subject_kind]
        .objects.defer(*SUBJECT_DEFERRED.get(subject_kind, ()))
        .in_bulk([c.subject_id for c in cards])
    )
    for card in cards:
        card.subject = subjects.get(card.subject_id)
    cards = [card for card in cards if card.subject is not None]
    cards.sort(
        key=lambda c: (c.rank is None, c.rank or 0, -(c.score or 0), -c.resolved, str(c.subject))
    )
    return cards


def scorecard_city(*, kind: str, day: date | None = None) -> Scorecard | None:
    start, _end = scorecard_period(kind, day)
    return Scorecard.objects.filter(
        period_kind=kind, period_start=start, subject_kind=SubjectKind.CITY
    ).first()


def scorecard_trend(*, subject_kind: str, subject_id: int, months: int = 12) -> list[Scorecard]:
    """Monthly cards of one subject, oldest first (the last `months` months)."""
    first = timezone.localdate(clock.now()).replace(day=1)
    for _month in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return list(
        Scorecard.objects.filter(
            subject_kind=subject_kind,
            subject_id=subject_id,
            period_kind=PeriodKind.MONTH,
            period_start__gte=first,
        ).order_by("period_start")
    )


def scorecard_for(*, kind: str, subject_kind: str, subject_id: int) -> Scorecard | None:
    start, _end = scorecard_period(kind)
    return Scorecard.objects.filter(
        period_kind=kind, period_start=start, subject_kind=subject_kind, subject_id=subject_id
    ).first()


def daily_series(*, start: date, end: date) -> list[tuple[date, int]]:
    """Reports received per day (from the daily rollup), every day present."""
    rows = (
        DailyCount.objects.filter(dimension=Dimension.CHANNEL, day__gte=start, day__lt=end)
        .values("day")
        .annotate(n=Sum("count"))
        .order_by()
    )
    by_day = {row["day"]: row["n"] for row in rows}
    days = (end - start).days
    return [
        (start + timedelta(days=i), by_day.get(start + timedelta(days=i), 0)) for i in range(days)
    ]


def daily_breakdown(
    *, dimension: str, start: date, end: date, limit: int = 20
) -> list[tuple[str, int]]:
    """Totals for a dimension over a period, largest first, with readable labels."""
    rows = (
        DailyCount.objects.filter(dimension=dimension, day__gte=start, day__lt=end)
        .values("key")
        .annotate(n=Sum("count"))
        .order_by("-n")[:limit]
    )
    keys = [row["key"] for row in rows]
    labels: dict[str, str] = {}
    if dimension == Dimension.CHANNEL:
        labels = {key: str(Channel(key).label) for key in keys if key in Channel.values}
    elif dimension in (Dimension.CATEGORY, Dimension.AREA, Dimension.AGENCY):
        models: dict[str, type[Category | Area | Agency]] = {
            Dimension.CATEGORY: Category,
            Dimension.AREA: Area,
            Dimension.AGENCY: Agency,
        }
        model = models[dimension]
        ids = [int(key) for key in keys if key.isdigit()]
        # The names only: a ward's polygon is megabytes of JSON to parse for nothing.
        named = model.objects.only("pk", "name_vi", "name_en")
        labels = {str(pk): str(obj) for pk, obj in named.in_bulk(ids).items()}
    unknown: dict[str, str] = {
        Dimension.AGENCY: _("not referred yet"),
        Dimension.AREA: _("outside the known wards"),
        Dimension.CATEGORY: _("no category yet"),
    }
    labels[""] = unknown.get(dimension, "—")
    return [(labels.get(row["key"]) or "—", row["n"]) for row in rows]


def heat_cells(*, start: date, end: date) -> list[tuple[float, float, int]]:
    rows = (
        DailyCount.objects.filter(dimension=Dimension.CELL, day__gte=start, day__lt=end)
        .values("key")
        .annotate(n=Sum("count"))
        .order_by()
    )
    cells = []
    for row in rows:
        lat, lon = (float(part) for part in row["key"].split(","))
        cells.append((lat, lon, row["n"]))
    return cells


def backlog_by_status() -> tuple[list[tuple[str, int]], int, datetime | None]:
    """Open reports by status, overdue steps, and when the worker counted them (rollup)."""
    from phananh.analytics.models import BacklogCount
    from phananh.analytics.services import OVERDUE_KEY

    rows = {row.key: row for row in BacklogCount.objects.all()}
    statuses = (*OPEN_STATUSES, Status.RESOLVED)
    by_status = [(str(Status(s).label), rows[s].count if s in rows else 0) for s in statuses]
    overdue = rows[OVERDUE_KEY].count if OVERDUE_KEY in rows else 0
    counted = min((row.computed_at for row in rows.values()), default=None)
    return by_status, overdue, counted


def deadlines_due_today() -> QuerySet[Deadline]:
    today = timezone.localdate(clock.now())
    start = clock.start_of_day(today)
    return (
        Deadline.objects.filter(
            state=DeadlineState.OPEN,
            overdue_at__isnull=True,
            due_at__gte=start,
            due_at__lt=start + timedelta(days=1),
        )
        .exclude(step=Step.EVALUATION)
        .select_related("report", "agency")
        .order_by("due_at")
    )


def deadlines_overdue() -> QuerySet[Deadline]:
    """Running steps past their deadline, oldest first (evaluations are never marked overdue)."""
    return (
        Deadline.objects.filter(state=DeadlineState.OPEN, overdue_at__isnull=False)
        .select_related("report", "agency")
        .order_by("due_at")
    )


def reports_most_disputed(*, since: date, limit: int = 10) -> list[Report]:
    """Reports with the most reopening requests since a day."""
    from phananh.reports.models import ReopenRequest

    rows = (
        ReopenRequest.objects.filter(created_at__gte=clock.start_of_day(since))
        .values("report_id")
        .annotate(n=Count("id"))
        .order_by("-n")[:limit]
    )
    counts = {row["report_id"]: row["n"] for row in rows}
    reports = Report.objects.filter(pk__in=counts).select_related("agency", "category")
    result = sorted(reports, key=lambda r: -counts[r.pk])
    for report in result:
        report.disputes = counts[report.pk]
    return result
