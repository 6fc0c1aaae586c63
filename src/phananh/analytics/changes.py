"""What changed in the domain since a moment, as the days whose rollups it moves.

Every probe reads one range of an indexed timestamp (events, deadlines, ratings, reports), so
its cost follows the number of changes, never the size of the tables. A row stamped after the
pass began is the next pass's: each moment belongs to the pass whose range holds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from phananh.reports.models import Event, Rating, Report
from phananh.sla.choices import Step
from phananh.sla.models import Deadline

CHUNK = 1000


@dataclass
class Changes:
    """The days to recompute, and whether anything at all changed (the live counts then too)."""

    days: set[date] = field(default_factory=set)
    anything: bool = False


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for offset in range(0, len(ordered), CHUNK):
        yield ordered[offset : offset + CHUNK]


def _day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def _reports_with_events(since: datetime, until: datetime) -> set[int]:
    events = Event.objects.filter(created_at__gte=since, created_at__lt=until)
    rows = events.values_list("report_id", flat=True)
    return set(rows.order_by())


def tally_changes(since: datetime, until: datetime) -> Changes:
    """The days of the resolution steps and ratings that started, finished or were given in
    [since, until), and every day of the reports with an event then (a ward or category
    corrected moves the report's whole history to another subject)."""
    resolution = Deadline.objects.filter(step=Step.RESOLUTION)
    moments: list[datetime | None] = []
    for column in ("started_at", "completed_at"):
        probe = resolution.filter(**{f"{column}__gte": since, f"{column}__lt": until})
        probe = probe.order_by()
        for began, ended in probe.values_list("started_at", "completed_at"):
            moments += [began, ended]
    ratings = Rating.objects.filter(created_at__gte=since, created_at__lt=until)
    moments += ratings.values_list("created_at", flat=True)
    reports = _reports_with_events(since, until)
    for chunk in _chunks(reports):
        steps = resolution.filter(report_id__in=chunk).order_by()
        for began, ended in steps.values_list("started_at", "completed_at"):
            moments += [began, ended]
        rated = Rating.objects.filter(report_id__in=chunk).order_by()
        moments += rated.values_list("created_at", flat=True)
    days = {day for day in map(_day, moments) if day is not None}
    return Changes(days=days, anything=bool(days or reports))


def count_changes(since: datetime, until: datetime) -> Changes:
    """The submission days of the reports received, or changed by an event, in [since, until)
    (an assignment today of a report sent last week changes last week's counts)."""
    reports = _reports_with_events(since, until)
    moments = list(
        Report.objects.filter(submitted_at__gte=since, submitted_at__lt=until)
        .order_by()
        .values_list("submitted_at", flat=True)
    )
    for chunk in _chunks(reports):
        moments += Report.objects.filter(pk__in=chunk).values_list("submitted_at", flat=True)
    days = {day for day in map(_day, moments) if day is not None}
    return Changes(days=days, anything=bool(days))


def tally_first_day() -> date | None:
    """The day the oldest resolution step started (no tally is older)."""
    first = (
        Deadline.objects.filter(step=Step.RESOLUTION)
        .order_by("started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    return _day(first)


def count_first_day() -> date | None:
    """The day the oldest report was received."""
    first = Report.objects.order_by("submitted_at").values_list("submitted_at", flat=True).first()
    return _day(first)
