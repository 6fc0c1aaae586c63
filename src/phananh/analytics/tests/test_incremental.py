"""The incremental statistics pass: it reads only what changed since the previous one, and
leaves exactly what a recomputation from scratch would."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phananh.accounts.choices import Role
from phananh.analytics import services, tallies
from phananh.analytics.choices import PeriodKind, Rollup, SubjectKind
from phananh.analytics.models import DailyCount, DayTally, RefreshMark, RollupDay, Scorecard
from phananh.analytics.scorecards import (
    PRECISION,
    SHORTEST,
    duration_bucket,
    histogram_percentile,
    percentile,
)
from phananh.analytics.services import daily_counts_refresh_due, scorecards_refresh_due
from phananh.catalog.models import Category
from phananh.conftest import at_once
from phananh.core import clock
from phananh.reports.actions.agency import report_agency_accept, report_return
from phananh.reports.actions.outcome import report_rate, report_resolve
from phananh.reports.actions.triage import report_assign, report_categorize
from phananh.reports.choices import RatingLevel

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 11, 20)
DOMAIN_TABLES = ("reports_report", "sla_deadline", "reports_rating", "reports_event")


def at(back: int, hour: float = 9) -> datetime:
    """`hour` o'clock, `back` days before TODAY, in the city's zone."""
    midnight = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=HCM) - timedelta(days=back)
    return midnight + timedelta(hours=hour)


def refresh(moment: datetime, **options: int) -> list[tuple[str, date]]:
    with clock.at(moment):
        daily_counts_refresh_due()
        return scorecards_refresh_due(**options)


def cards() -> dict[tuple, tuple]:
    fields = [f.name for f in Scorecard._meta.concrete_fields]
    skip = {"id", "computed_at"}
    return {
        (c.period_kind, c.period_start, c.subject_kind, c.subject_id): tuple(
            getattr(c, name) for name in fields if name not in skip
        )
        for c in Scorecard.objects.all()
    }


def day_rows() -> set[tuple]:
    counts = ("received", "resolved", "on_time", "rated", "satisfied", "reopened", "returned")
    rows = DayTally.objects.values_list("day", "subject_kind", "subject_id", *counts, "hours")
    tallied = {(*row[:-1], tuple(sorted(row[-1].items()))) for row in rows if any(row[3:-1])}
    daily = set(DailyCount.objects.values_list("day", "dimension", "key", "count"))
    return tallied | daily


def from_scratch(moment: datetime) -> tuple[dict[tuple, tuple], set[tuple]]:
    """Forget every rollup and watermark, then recompute everything at `moment`."""
    for model in (DayTally, RollupDay, RefreshMark, Scorecard, DailyCount):
        model.objects.all().delete()
    refresh(moment, backfill_per_pass=1000)
    return cards(), day_rows()


@pytest.fixture
def lights(noise) -> Category:
    return Category.objects.create(
        code="lights", name_vi="Đèn", name_en="Lights", group=noise.group
    )


@pytest.fixture
def history(submit, people):
    """Reports handled over the last seven weeks (so: two months and one quarter change)."""
    operator, officer = people[Role.OPERATOR], people[Role.OFFICER]
    made = {}
    for back in (45, 33, 20, 9, 4):
        with clock.at(at(back)):
            report = report_assign(report=submit(), actor=operator)
        if back != 33:  # left waiting for the agency: its category can still be corrected
            with clock.at(at(back, 10)):
                report = report_agency_accept(report=report, actor=officer)
        made[back] = report
    with clock.at(at(44, 15)):
        made[45] = report_resolve(report=made[45], actor=officer, result="Xong")
    with clock.at(at(30)):
        report_rate(report=made[45], actor=people["reporter"], level=RatingLevel.SATISFIED)
    with clock.at(at(19, 11)):
        made[20] = report_resolve(report=made[20], actor=officer, result="Xong")
    with clock.at(at(2)):
        made["waiting"] = submit()  # sent, not yet referred
    return made


@pytest.mark.django_db
def test_the_incremental_result_equals_a_recomputation(history, people, lights):
    operator, officer = people[Role.OPERATOR], people[Role.OFFICER]
    refresh(at(1, 12))
    # A day of changes, most of them to old reports.
    with clock.at(at(0, 8)):
        report_categorize(
            report=history[33], actor=operator, category=lights
        )  # only its past moves
        report_resolve(report=history[9], actor=officer, result="Xong")  # assigned 33 days ago
        report_rate(report=history[20], actor=people["reporter"], level=RatingLevel.UNSATISFIED)
        report_assign(report=history["waiting"], actor=operator)  # sent two days ago
        report_return(report=history[4], actor=officer, reason="Không thuộc thẩm quyền")
    refresh(at(0, 12))
    incremental, incremental_days = cards(), day_rows()
    scratch, scratch_days = from_scratch(at(0, 12))
    assert scratch and {key: incremental.get(key) for key in scratch} == scratch
    assert incremental_days == scratch_days


@pytest.mark.django_db
def test_a_change_to_an_old_report_updates_its_days_and_periods(history, people, lights):
    operator, officer = people[Role.OPERATOR], people[Role.OFFICER]
    refresh(at(1, 12))
    city = {"subject_kind": SubjectKind.CITY, "subject_id": 0}
    month = Scorecard.objects.get(
        period_kind=PeriodKind.MONTH, period_start=date(2026, 11, 1), **city
    )
    assert (month.received, month.resolved, month.rated) == (2, 1, 0)
    with clock.at(at(0, 8)):
        report_categorize(report=history[33], actor=operator, category=lights)
        report_resolve(report=history[9], actor=officer, result="Xong")
        report_rate(report=history[20], actor=people["reporter"], level=RatingLevel.SATISFIED)
        report_assign(report=history["waiting"], actor=operator)
    refresh(at(0, 12))
    today = DayTally.objects.get(day=TODAY, **city)
    assert (today.resolved, today.rated, today.satisfied, today.received) == (1, 1, 1, 1)
    month.refresh_from_db()
    assert (month.received, month.resolved, month.rated) == (3, 2, 1)
    # The report sent two days ago, referred today: its submission day now counts the agency.
    agencies = DailyCount.objects.filter(day=TODAY - timedelta(days=2), dimension="agency")
    assert list(agencies.values_list("key", "count")) == [(str(history[4].agency_id), 1)]
    # The category corrected today moves the report's October days, and October's card.
    october = date(2026, 10, 1)
    categories = Scorecard.objects.filter(
        period_kind=PeriodKind.MONTH, period_start=october, subject_kind=SubjectKind.CATEGORY
    )
    received = dict(categories.values_list("subject_id", "received"))
    assert received == {history[45].category_id: 2, lights.pk: 1}
    moved = DayTally.objects.get(day=TODAY - timedelta(days=33), subject_kind="category")
    assert moved.subject_id == lights.pk


@pytest.mark.django_db
def test_a_pass_with_nothing_changed_reads_only_the_watermark_probes(history):
    refresh(at(0, 12))
    with clock.at(at(0, 12.25)), CaptureQueriesContext(connection) as queries:
        assert daily_counts_refresh_due() == 0
        assert scorecards_refresh_due() == []
    domain = [q["sql"] for q in queries if any(f'"{t}"' in q["sql"] for t in DOMAIN_TABLES)]
    # The daily counts: events, reports received; the tallies: events, deadlines started,
    # deadlines finished, ratings — each one indexed range from the watermark, nothing joined.
    assert len(domain) == 6
    assert all(" >= " in sql and "JOIN" not in sql for sql in domain)
    assert sum('"reports_event"' in sql for sql in domain) == 2


@pytest.mark.django_db
def test_the_backfill_is_bounded_per_pass_newest_first(submit, people):
    for back in range(9, -1, -1):
        with clock.at(at(back)):
            report_assign(report=submit(), actor=people[Role.OPERATOR])
    tallied = RollupDay.objects.filter(rollup=Rollup.TALLY)
    assert services.backfill_days_left() is None
    refresh(at(0, 12), backfill_per_pass=4)
    with clock.at(at(0, 12)):
        assert services.backfill_days_left() == 6  # the daily counts took their 10 at once
    assert sorted(tallied.values_list("day", flat=True)) == [
        TODAY - timedelta(days=back) for back in (3, 2, 1, 0)
    ]
    city = {"period_kind": PeriodKind.ROLLING_30, "subject_kind": SubjectKind.CITY}
    assert Scorecard.objects.get(**city).received == 4  # what exists meanwhile
    refresh(at(0, 13), backfill_per_pass=4)
    assert tallied.count() == 8
    refresh(at(0, 14), backfill_per_pass=4)
    assert tallied.count() == 10
    with clock.at(at(0, 14)):
        assert services.backfill_days_left() == 0
    assert Scorecard.objects.get(**city).received == 10
    assert refresh(at(0, 15), backfill_per_pass=4) == []  # nothing left, nothing changed


@pytest.mark.django_db
def test_a_pass_killed_midway_leaves_the_watermark_and_is_redone(history, people, monkeypatch):
    refresh(at(1, 12))
    mark = RefreshMark.objects.get(rollup=Rollup.TALLY).at
    with clock.at(at(0, 8)):
        report_resolve(report=history[9], actor=people[Role.OFFICER], result="Xong")
    real = tallies.day_tallies_refresh
    done: list[date] = []

    def dies_on_the_second_day(*, day: date) -> int:
        if done:
            raise KeyboardInterrupt  # the worker is killed
        done.append(day)
        return real(day=day)

    monkeypatch.setattr(services, "day_tallies_refresh", dies_on_the_second_day)
    with pytest.raises(KeyboardInterrupt), clock.at(at(0, 12)):
        scorecards_refresh_due()
    assert RefreshMark.objects.get(rollup=Rollup.TALLY).at == mark
    monkeypatch.setattr(services, "day_tallies_refresh", real)
    refresh(at(0, 12))
    redone = cards()
    scratch = from_scratch(at(0, 12))[0]
    assert {key: redone.get(key) for key in scratch} == scratch


@pytest.mark.django_db
def test_median_and_p90_hold_within_the_stated_precision(submit, people):
    rng = random.Random(7)
    durations = []
    for index in range(12):
        hours = rng.choice([0.5, 3, 26, 70, 180]) * rng.uniform(0.8, 1.1)  # before the pass
        with clock.at(at(10, 8)):
            report = report_agency_accept(
                report=report_assign(report=submit(), actor=people[Role.OPERATOR]),
                actor=people[Role.OFFICER],
            )
        with clock.at(at(10, 8) + timedelta(hours=hours)):
            report_resolve(report=report, actor=people[Role.OFFICER], result=f"Xong {index}")
        durations.append(hours)
    refresh(at(0, 12))
    card = Scorecard.objects.get(period_kind=PeriodKind.ROLLING_30, subject_kind=SubjectKind.CITY)
    assert card.median_hours == pytest.approx(percentile(durations, 50), rel=PRECISION)
    assert card.p90_hours == pytest.approx(percentile(durations, 90), rel=PRECISION)


def test_histogram_percentiles_are_within_the_precision_of_the_exact_ones():
    rng = random.Random(11)
    for _ in range(300):
        values = [rng.lognormvariate(2, 2.5) for _ in range(rng.randint(1, 400))]
        histogram: dict[int, int] = {}
        for value in values:
            histogram[duration_bucket(value)] = histogram.get(duration_bucket(value), 0) + 1
        for q in (50, 90):
            exact, approximate = percentile(values, q), histogram_percentile(histogram, q)
            assert exact is not None and approximate is not None
            assert abs(approximate - exact) <= PRECISION * exact + SHORTEST / 2
    assert histogram_percentile({}, 50) is None


@pytest.mark.django_db(transaction=True)
def test_passes_at_once_leave_what_one_pass_leaves(history, people):
    refresh(at(1, 12))
    with clock.at(at(0, 8)):
        report_resolve(report=history[9], actor=people[Role.OFFICER], result="Xong")

    def one_pass() -> None:
        refresh(at(0, 12))

    assert at_once(one_pass, times=3) == []
    together, together_days = cards(), day_rows()
    scratch, scratch_days = from_scratch(at(0, 12))
    assert {key: together.get(key) for key in scratch} == scratch
    assert together_days == scratch_days
