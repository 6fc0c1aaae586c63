"""Statistics refreshes that coincide (two workers, a manual run) all succeed, and leave the
rollups as one refresh alone would."""

from __future__ import annotations

import pytest
from django.utils import timezone

from phananh.accounts.choices import Role
from phananh.analytics.choices import PeriodKind
from phananh.analytics.models import DailyCount, DayTally, Scorecard
from phananh.analytics.services import daily_counts_refresh, scorecards_refresh
from phananh.analytics.tallies import day_tallies_refresh
from phananh.conftest import at_once
from phananh.reports.actions.triage import report_assign


@pytest.mark.django_db(transaction=True)
def test_refreshes_at_once_neither_fail_nor_double(submit, people):
    for _ in range(4):
        report_assign(report=submit(), actor=people[Role.OPERATOR])
    today = timezone.localdate()

    def refresh() -> None:
        for _ in range(5):
            scorecards_refresh(kind=PeriodKind.MONTH, day=today)
            daily_counts_refresh(day=today)

    assert at_once(refresh, times=3) == []
    cards = Scorecard.objects.filter(period_kind=PeriodKind.MONTH)
    keys = list(cards.values_list("subject_kind", "subject_id"))
    assert len(keys) == len(set(keys)) > 1
    city = cards.get(subject_kind="city")
    assert city.received == 4
    counts = DailyCount.objects.filter(day=today, dimension="channel")
    assert list(counts.values_list("key", "count")) == [("web", 4)]


@pytest.mark.django_db
def test_a_subject_that_drops_out_of_a_period_loses_its_row(submit, people, ward_agency):
    report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    today = timezone.localdate()
    scorecards_refresh(kind=PeriodKind.MONTH, day=today)
    assert Scorecard.objects.filter(subject_kind="agency", subject_id=ward_agency.pk).exists()
    report.delete()
    # A period sums its days' tallies: the day is tallied again, then the period rebuilt.
    day_tallies_refresh(day=today)
    assert not DayTally.objects.filter(subject_kind="agency", subject_id=ward_agency.pk).exists()
    scorecards_refresh(kind=PeriodKind.MONTH, day=today)
    assert not Scorecard.objects.filter(subject_kind="agency", subject_id=ward_agency.pk).exists()
