"""The outcome: the result, the rating, reopening, closing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from phananh.accounts.choices import Role
from phananh.conftest import jpeg_bytes
from phananh.core import clock
from phananh.core.errors import Conflict, InvalidInput
from phananh.reports.actions.outcome import (
    report_auto_close,
    report_rate,
    report_refuse_reopen,
    report_reopen,
    report_request_reopen,
    report_resolve,
)
from phananh.reports.choices import Action, MediaPurpose, RatingLevel, Status

pytestmark = pytest.mark.django_db


def test_the_result_comes_with_its_photos_and_a_new_round(in_progress, people):
    report = report_resolve(
        report=in_progress(), actor=people[Role.OFFICER], result="Đã sửa", uploads=[jpeg_bytes()]
    )
    assert (report.status, report.resolution_round) == (Status.RESOLVED, 1)
    assert report.media.get().purpose == MediaPurpose.RESULT


def test_a_result_is_rated_once(resolved, people):
    report = report_rate(report=resolved(), actor=people["reporter"], level=RatingLevel.SATISFIED)
    assert report.status == Status.CLOSED
    with pytest.raises(Exception):  # noqa: B017 - closed: the lifecycle refuses a second rating
        report_rate(report=report, actor=people["reporter"], level=RatingLevel.SATISFIED)


def test_an_unsatisfied_rating_waits_for_evidence_before_a_second_one(resolved, people):
    report = report_rate(report=resolved(), actor=people["reporter"], level="unsatisfied")
    with pytest.raises(Conflict):
        report_rate(report=report, actor=people["reporter"], level=RatingLevel.SATISFIED)
    with pytest.raises(InvalidInput):
        report_rate(report=report, actor=people["reporter"], level="delighted")


def test_a_refused_reopening_starts_the_evaluation_again(resolved, people):
    report = report_request_reopen(
        report=resolved(), actor=people["reporter"], reason="Vẫn tối", uploads=[jpeg_bytes()]
    )
    with pytest.raises(Conflict):
        report_request_reopen(
            report=report, actor=people["reporter"], reason="Vẫn tối", uploads=[jpeg_bytes()]
        )
    report = report_refuse_reopen(report=report, actor=people[Role.SUPERVISOR], note="Đã sáng")
    assert report.reopen_requests.get().state == "refused"
    assert report.events.filter(action=Action.REFUSE_REOPEN).get().public_note == "Đã sáng"
    with pytest.raises(InvalidInput):  # nothing left to refuse
        report_refuse_reopen(report=report, actor=people[Role.SUPERVISOR], note="Đã sáng")


def test_unsatisfied_rating_keeps_report_resolved_then_reopen_with_evidence(resolved, people):
    report = resolved()
    report = report_rate(report=report, actor=people["reporter"], level=RatingLevel.UNSATISFIED)
    assert report.status == Status.RESOLVED
    with pytest.raises(InvalidInput):
        report_request_reopen(report=report, actor=people["reporter"], reason="x", uploads=[])
    report = report_request_reopen(
        report=report, actor=people["reporter"], reason="Vẫn tối", uploads=[jpeg_bytes()]
    )
    report = report_reopen(report=report, actor=people[Role.SUPERVISOR], note="Làm lại")
    assert report.status == Status.REOPENED
    assert report.reopen_requests.get().state == "accepted"
    report = report_resolve(report=report, actor=people[Role.OFFICER], result="Đã thay đèn")
    assert report.resolution_round == 2
    report = report_rate(report=report, actor=people["reporter"], level=RatingLevel.SATISFIED)
    assert report.status == Status.CLOSED
    assert report.ratings.count() == 2


def test_auto_close_waits_for_the_evaluation_window(resolved, people):
    report = resolved()
    with pytest.raises(InvalidInput):
        report_auto_close(report=report)
    with clock.at(timezone.now() + timedelta(days=8)):
        assert report_auto_close(report=report).status == Status.CLOSED
