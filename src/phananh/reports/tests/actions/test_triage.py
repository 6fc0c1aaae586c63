"""Triage by the operations centre: refer, categorise, reject, merge, ask, correct."""

from __future__ import annotations

import pytest

from phananh.accounts.choices import Role
from phananh.accounts.selectors import actor_for_user
from phananh.catalog.models import Category
from phananh.conftest import make_user
from phananh.core.errors import InvalidInput
from phananh.reports.actions.agency import report_return
from phananh.reports.actions.participation import report_follow, report_support
from phananh.reports.actions.triage import (
    report_answer_info,
    report_assign,
    report_categorize,
    report_merge,
    report_reject,
    report_relocate,
    report_request_info,
    report_set_track,
)
from phananh.reports.choices import Action, Status, Track, Visibility
from phananh.reports.models import RoutingDecision
from phananh.sla.choices import DeadlineState, Step

pytestmark = pytest.mark.django_db


def test_assign_takes_the_suggested_agency_and_records_the_rule(submit, people, ward_agency):
    report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    assert report.agency == ward_agency and report.status == Status.ASSIGNED
    decision = RoutingDecision.objects.filter(report=report, applied=True).get()
    assert (decision.agency, decision.rule) == (ward_agency, "area")


def test_assign_to_another_agency_is_recorded_as_the_centres_choice(submit, people, other_agency):
    report = report_assign(report=submit(), actor=people[Role.OPERATOR], agency=other_agency)
    decision = RoutingDecision.objects.filter(report=report, applied=True).get()
    assert (decision.agency, decision.rule) == (other_agency, "manual")


def test_assign_refuses_an_inactive_agency_and_a_place_without_one(submit, people, other_agency):
    other_agency.is_active = False
    other_agency.save(update_fields=["is_active"])
    with pytest.raises(InvalidInput) as error:
        report_assign(report=submit(), actor=people[Role.OPERATOR], agency=other_agency)
    assert error.value.code == "agency_inactive"
    nowhere = submit(lat=None, lon=None, address="Chợ Đông Ba")
    with pytest.raises(InvalidInput) as error:
        report_assign(report=nowhere, actor=people[Role.OPERATOR])
    assert error.value.code == "agency_required"
    assert nowhere.events.count() == 1


def test_categorize_reruns_routing_and_refuses_the_same_category(submit, people, noise):
    report = submit()
    with pytest.raises(InvalidInput):
        report_categorize(report=report, actor=people[Role.OPERATOR], category=noise)
    rubbish = Category.objects.create(code="sanitation", name_vi="Rác", group=noise.group)
    before = RoutingDecision.objects.filter(report=report).count()
    report = report_categorize(report=report, actor=people[Role.OPERATOR], category=rubbish)
    assert report.category == rubbish
    assert RoutingDecision.objects.filter(report=report).count() == before + 1
    event = report.events.get(action=Action.CATEGORIZE)
    assert event.payload["from"] == "noise" and event.payload["to"] == "sanitation"


def test_reject_says_why_in_public_and_stops_the_triage_clock(submit, people):
    report = report_reject(report=submit(), actor=people[Role.OPERATOR], reason="Trùng lặp")
    assert report.status == Status.REJECTED and report.closed_at is not None
    assert report.events.get(action=Action.REJECT).public_note == "Trùng lặp"
    assert not report.deadlines.filter(state=DeadlineState.OPEN).exists()


def test_merge_moves_supporters_and_followers_to_the_primary(submit, people):
    primary = report_assign(report=submit(), actor=people[Role.OPERATOR])
    # A duplicate the agency returned is public (people could support and follow it) and back
    # in triage, where it may be merged.
    duplicate = report_assign(report=submit(), actor=people[Role.OPERATOR])
    duplicate = report_return(report=duplicate, actor=people[Role.OFFICER], reason="Trùng")
    neighbour = actor_for_user(make_user())
    report_support(report=duplicate, actor=neighbour)
    report_follow(report=duplicate, actor=people["citizen"])
    with pytest.raises(InvalidInput):
        report_merge(report=duplicate, actor=people[Role.OPERATOR], into=duplicate)
    merged = report_merge(report=duplicate, actor=people[Role.OPERATOR], into=primary)
    assert merged.status == Status.MERGED and merged.duplicate_of == primary
    primary.refresh_from_db()
    # The duplicate's reporter and its supporter now stand behind the primary.
    assert primary.supports_count == 2
    assert primary.followers.filter(confirmed_at__isnull=False).count() == 2
    rejected = report_reject(report=submit(), actor=people[Role.OPERATOR], reason="Không rõ")
    with pytest.raises(InvalidInput) as error:
        report_merge(report=submit(), actor=people[Role.OPERATOR], into=rejected)
    assert error.value.code == "merge_target"


def test_the_question_pauses_triage_and_the_answer_resumes_it(submit, people):
    report = report_request_info(
        report=submit(), actor=people[Role.OPERATOR], question="Số nhà bao nhiêu?"
    )
    triage = report.deadlines.get(step=Step.TRIAGE)
    assert triage.state == DeadlineState.PAUSED
    report = report_answer_info(
        report=report, actor=people["reporter"], answer="Số 12, gọi 0905 123 456"
    )
    assert report.status == Status.NEW
    triage.refresh_from_db()
    assert triage.state == DeadlineState.OPEN
    answer = report.events.get(action=Action.ANSWER_INFO)
    assert "0905 123 456" not in answer.public_note  # the public reads it masked
    assert "0905 123 456" in answer.internal_note


def test_relocate_finds_the_ward_again(submit, people, vy_da, other_agency):
    report = report_relocate(
        report=submit(), actor=people[Role.OPERATOR], lat=16.4751, lon=107.6106
    )
    assert report.area == vy_da
    event = report.events.get(action=Action.RELOCATE)
    assert event.visibility == Visibility.INTERNAL
    suggestion = RoutingDecision.objects.filter(report=report, applied=False).last()
    assert suggestion.agency == other_agency


def test_marked_urgent_the_triage_clock_restarts_on_calendar_time(submit, people):
    report = submit()
    with pytest.raises(InvalidInput):
        report_set_track(report=report, actor=people[Role.OPERATOR], track=Track.NORMAL)
    report = report_set_track(report=report, actor=people[Role.OPERATOR], track=Track.URGENT)
    steps = list(report.deadlines.filter(step=Step.TRIAGE).values_list("state", "unit"))
    assert (DeadlineState.CANCELLED, "working_hours") in steps
    assert (DeadlineState.OPEN, "hours") in steps
