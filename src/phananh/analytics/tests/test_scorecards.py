"""Scorecards from a hand-built month: every number checked against the published formula."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from phananh.accounts.choices import Role
from phananh.analytics.choices import PeriodKind, SubjectKind
from phananh.analytics.models import Scorecard
from phananh.analytics.scorecards import PRECISION, composite, percentile, wilson
from phananh.analytics.services import period_bounds, scorecards_refresh
from phananh.conftest import jpeg_bytes
from phananh.core import clock
from phananh.reports.actions.agency import report_agency_accept, report_return
from phananh.reports.actions.outcome import (
    report_rate,
    report_reopen,
    report_request_reopen,
    report_resolve,
)
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import RatingLevel

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=HCM)


def test_wilson_matches_the_hand_computed_bounds():
    low, high = wilson(1, 2)  # p = .5, n = 2, z = 1.96
    assert low == pytest.approx(0.09453, abs=1e-4)
    assert high == pytest.approx(0.90547, abs=1e-4)
    assert wilson(1, 3)[1] == pytest.approx(0.79235, abs=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)
    assert wilson(10, 10)[0] == pytest.approx(0.72247, abs=1e-4)


def test_a_single_perfect_report_cannot_beat_a_large_good_agency():
    tiny = composite(
        on_time_low=wilson(1, 1)[0],
        satisfied_low=wilson(1, 1)[0],
        reopen_high=wilson(0, 1)[1],
        return_high=wilson(0, 1)[1],
    )
    large = composite(
        on_time_low=wilson(180, 200)[0],
        satisfied_low=wilson(150, 180)[0],
        reopen_high=wilson(6, 200)[1],
        return_high=wilson(4, 204)[1],
    )
    assert large > tiny


def test_percentiles_interpolate_linearly():
    assert percentile([10, 242], 50) == 126
    assert percentile([10, 242], 90) == pytest.approx(218.8)
    assert percentile([], 50) is None
    assert percentile([5], 90) == 5


@pytest.mark.parametrize(
    ("kind", "day", "start", "end"),
    [
        (PeriodKind.MONTH, date(2026, 2, 14), date(2026, 2, 1), date(2026, 3, 1)),
        (PeriodKind.QUARTER, date(2026, 11, 20), date(2026, 10, 1), date(2027, 1, 1)),
        (PeriodKind.YEAR, date(2026, 11, 20), date(2026, 1, 1), date(2027, 1, 1)),
        (PeriodKind.ROLLING_30, date(2026, 11, 20), date(2026, 10, 22), date(2026, 11, 21)),
    ],
)
def test_period_bounds(kind, day, start, end):
    assert period_bounds(kind, day) == (start, end)


@pytest.fixture
def month(submit, people, ward_agency):
    """Three referrals to the Phú Xuân committee in November 2026 (see the comments)."""
    operator, officer = people[Role.OPERATOR], people[Role.OFFICER]
    reports = []
    for _ in range(3):
        with clock.at(at(2026, 11, 2, 8, 0)):  # Monday
            reports.append(report_assign(report=submit(), actor=operator))
    r1, r2, r3 = reports
    # R1: resolved after 10 hours, due Wed 11 Nov 17:00 → on time; rated satisfied.
    with clock.at(at(2026, 11, 2, 9, 0)):
        r1 = report_agency_accept(report=r1, actor=officer)
    with clock.at(at(2026, 11, 2, 18, 0)):
        r1 = report_resolve(report=r1, actor=officer, result="Đã xử lý")
    with clock.at(at(2026, 11, 3, 8, 0)):
        report_rate(report=r1, actor=people["reporter"], level=RatingLevel.SATISFIED)
    # R2: resolved Thu 12 Nov 10:00 (242 hours) → late; rated unsatisfied; reopened.
    with clock.at(at(2026, 11, 2, 9, 0)):
        r2 = report_agency_accept(report=r2, actor=officer)
    with clock.at(at(2026, 11, 12, 10, 0)):
        r2 = report_resolve(report=r2, actor=officer, result="Đã xử lý")
    with clock.at(at(2026, 11, 13, 8, 0)):
        r2 = report_rate(report=r2, actor=people["reporter"], level=RatingLevel.UNSATISFIED)
        r2 = report_request_reopen(
            report=r2, actor=people["reporter"], reason="Chưa xong", uploads=[jpeg_bytes()]
        )
    with clock.at(at(2026, 11, 13, 9, 0)):
        report_reopen(report=r2, actor=people[Role.SUPERVISOR], note="Làm lại")
    # R3: returned as not theirs (wrong routing).
    with clock.at(at(2026, 11, 3, 8, 0)):
        report_return(report=r3, actor=officer, reason="Không thuộc thẩm quyền")
    return ward_agency


@pytest.mark.django_db
def test_scorecard_numbers_match_the_formula_by_hand(month, settings):
    settings.SCORECARD_MIN_VOLUME = 2
    with clock.at(at(2026, 11, 20, 12, 0)):
        scorecards_refresh(kind=PeriodKind.ROLLING_30, day=date(2026, 11, 20))
    card = Scorecard.objects.get(
        period_kind=PeriodKind.ROLLING_30, subject_kind=SubjectKind.AGENCY, subject_id=month.pk
    )
    assert (card.period_start, card.period_end) == (date(2026, 10, 22), date(2026, 11, 21))
    assert (card.received, card.resolved, card.on_time) == (3, 2, 1)
    assert (card.rated, card.satisfied, card.reopened, card.returned) == (2, 1, 1, 1)
    # From the durations' histogram: within its published precision of the exact 126 and 218.8.
    assert card.median_hours == pytest.approx(126, rel=PRECISION)
    assert card.p90_hours == pytest.approx(218.8, rel=PRECISION)
    # 100 × (0.40 × 0.0945 + 0.30 × 0.0945 + 0.15 × (1 − 0.9055) + 0.15 × (1 − 0.7924)) = 11.1
    assert card.score == 11.1
    assert card.rank == 1
    city = Scorecard.objects.get(period_kind=PeriodKind.ROLLING_30, subject_kind=SubjectKind.CITY)
    assert city.received == 3
    # Refreshing again replaces, never duplicates.
    with clock.at(at(2026, 11, 20, 12, 10)):
        scorecards_refresh(kind=PeriodKind.ROLLING_30, day=date(2026, 11, 20))
    assert Scorecard.objects.filter(subject_kind=SubjectKind.AGENCY).count() == 1


@pytest.mark.django_db
def test_small_agencies_are_listed_but_not_ranked(month, settings):
    settings.SCORECARD_MIN_VOLUME = 10
    with clock.at(at(2026, 11, 20, 12, 0)):
        scorecards_refresh(kind=PeriodKind.ROLLING_30, day=date(2026, 11, 20))
    card = Scorecard.objects.get(subject_kind=SubjectKind.AGENCY, subject_id=month.pk)
    assert card.rank is None and card.score == 11.1


@pytest.mark.django_db
def test_daily_counts_backfill_every_day_once(submit):
    from datetime import timedelta

    from django.utils import timezone

    from phananh.analytics.models import DailyCount
    from phananh.analytics.services import daily_counts_refresh_due

    today = timezone.localdate()
    for back in (40, 20, 3, 0):
        moment = timezone.make_aware(
            datetime.combine(today - timedelta(days=back), datetime.min.time())
        )
        with clock.at(moment + timedelta(hours=9)):
            submit()
    daily_counts_refresh_due()
    channel_days = set(DailyCount.objects.filter(dimension="channel").values_list("day", flat=True))
    assert channel_days == {today - timedelta(days=back) for back in (40, 20, 3, 0)}
    rows = DailyCount.objects.count()
    daily_counts_refresh_due()
    assert DailyCount.objects.count() == rows


@pytest.mark.parametrize(("language", "shown"), [("vi", "64,4"), ("en", "64.4")])
def test_chart_numbers_read_naturally(language, shown):
    from django.utils import translation

    from phananh.analytics.charts import bars

    with translation.override(language):
        assert shown in bars([("UBND phường Phú Xuân", 64.4), ("<script>", 3)])
        assert "<script>" not in bars([("<script>", 3)])
