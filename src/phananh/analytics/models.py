"""Rollups the worker keeps up to date, so no page view ever scans the reports table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from phananh.analytics.choices import Dimension, PeriodKind, Rollup, SubjectKind

if TYPE_CHECKING:
    from phananh.accounts.models import Agency
    from phananh.catalog.models import Category
    from phananh.geo.models import Area


class Scorecard(models.Model):
    """One subject's numbers for one period (see the methodology page for every definition)."""

    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()  # exclusive
    subject_kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    subject_id = models.BigIntegerField(default=0)  # 0 for the whole city
    received = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    open_overdue = models.PositiveIntegerField(default=0)
    median_hours = models.FloatField(null=True)
    p90_hours = models.FloatField(null=True)
    rated = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)
    on_time_low = models.FloatField(null=True)
    satisfied_low = models.FloatField(null=True)
    reopen_high = models.FloatField(null=True)
    return_high = models.FloatField(null=True)
    score = models.FloatField(null=True)
    rank = models.PositiveIntegerField(null=True)
    computed_at = models.DateTimeField()

    # Not a column: the agency, ward or category analytics.selectors attaches to a ranked card.
    subject: Agency | Area | Category | None

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "subject_kind", "subject_id"],
                name="scorecard_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["subject_kind", "subject_id", "period_kind", "period_start"],
                name="scorecard_subject_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_kind}:{self.subject_id} {self.period_kind} {self.period_start}"

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.resolved if self.resolved else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None

    @property
    def rating_rate(self) -> float | None:
        return self.rated / self.resolved if self.resolved else None

    @property
    def reopen_rate(self) -> float | None:
        return self.reopened / self.resolved if self.resolved else None

    @property
    def return_rate(self) -> float | None:
        return self.returned / self.received if self.received else None


class DailyCount(models.Model):
    """How many reports were received on a day, by one dimension (category, ward, channel…)."""

    day = models.DateField()
    dimension = models.CharField(max_length=10, choices=Dimension.choices)
    key = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dimension", "day", "key"], name="dailycount_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.dimension}={self.key}: {self.count}"


class BacklogCount(models.Model):
    """How many reports wait in each open status, and how many steps are overdue, right now.

    Counting a backlog of a million reports takes a second: the worker does it every minute.
    """

    key = models.CharField(max_length=20, unique=True)  # a status value, or "overdue"
    count = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class DayTally(models.Model):
    """One subject's handling counts for one local day: the scorecards of any period sum them.

    `hours` is the histogram of the day's handled durations ({bucket: count}, the log-scale
    buckets of `analytics.scorecards.duration_bucket`): a period's median and 90th percentile
    merge the histograms of its days instead of reading every duration again.
    """

    day = models.DateField()
    subject_kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    subject_id = models.BigIntegerField(default=0)  # 0 for the whole city
    received = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)
    hours = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "subject_kind", "subject_id"], name="daytally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.subject_kind}:{self.subject_id}"


class RollupDay(models.Model):
    """A day whose rollup (day tallies or daily counts) has been computed: the backfill does
    the days without one, so a day with nothing to count is not recounted on every pass."""

    rollup = models.CharField(max_length=10, choices=Rollup.choices)
    day = models.DateField()
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rollup", "day"], name="rollupday_unique")]

    def __str__(self) -> str:
        return f"{self.rollup} {self.day}"


class RefreshMark(models.Model):
    """How far a rollup's incremental refresh has read the domain: the start of its last
    finished pass (the next one reads what changed since, less a safety overlap)."""

    rollup = models.CharField(max_length=10, choices=Rollup.choices, unique=True)
    at = models.DateTimeField(null=True)  # null until the first pass finishes
    # The backfill's range: the oldest day of the domain's history when the mark was made,
    # through the day it was made (later days change only through what the passes read).
    first_day = models.DateField(null=True)
    made_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.rollup} {self.at}"


class MapCell(models.Model):
    """The reports that are not hidden in one cell of the map's grid (`geo/grid.py`)
    at one zoom, with one status and one category: how many, the sums of their coordinates
    (a cluster sits at their mean) and the oldest one's id (the report a cell of one shows).
    `analytics/map_rollup.py` keeps them; the public map reads them for its clusters."""

    zoom = models.PositiveSmallIntegerField()
    y = models.IntegerField()  # floor(lat / cell_degrees(zoom))
    x = models.IntegerField()  # floor(lon / cell_degrees(zoom))
    status = models.CharField(max_length=16)
    category_id = models.BigIntegerField(default=0)  # 0: no category
    n = models.PositiveIntegerField()
    lat_sum = models.FloatField()
    lon_sum = models.FloatField()
    first_id = models.BigIntegerField()

    class Meta:
        constraints = [
            # Also the box's index: zoom, then a range of rows, then a range of columns.
            models.UniqueConstraint(
                fields=["zoom", "y", "x", "status", "category_id"], name="mapcell_unique"
            )
        ]

    def __str__(self) -> str:
        return f"z{self.zoom} {self.y},{self.x} {self.status}: {self.n}"
