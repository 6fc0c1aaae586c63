"""The agency's steps: take the report on, an officer in charge, return it, progress."""

from __future__ import annotations

import pytest

from phananh.accounts.choices import Role
from phananh.conftest import make_user
from phananh.core.errors import InvalidInput
from phananh.reports.actions.agency import (
    report_agency_accept,
    report_assign_officer,
    report_progress,
    report_return,
)
from phananh.reports.choices import Action, Status, Visibility
from phananh.sla.choices import DeadlineState, Outcome, Step

pytestmark = pytest.mark.django_db


def test_the_officer_who_accepts_is_in_charge(assigned, people):
    report = report_agency_accept(report=assigned(), actor=people[Role.OFFICER], note="Đã nhận")
    assert report.status == Status.IN_PROGRESS
    assert report.officer_id == people[Role.OFFICER].user_id
    acceptance = report.deadlines.get(step=Step.ACCEPTANCE)
    assert acceptance.state == DeadlineState.DONE


def test_a_head_puts_only_one_of_the_agencys_officers_in_charge(assigned, people, other_agency):
    report = assigned()
    stranger = make_user(Role.OFFICER, other_agency)
    with pytest.raises(InvalidInput) as error:
        report_assign_officer(report=report, actor=people[Role.HEAD], officer_id=stranger.pk)
    assert error.value.code == "bad_officer"
    officer = people[Role.OFFICER].user_id
    report = report_assign_officer(report=report, actor=people[Role.HEAD], officer_id=officer)
    assert report.officer_id == officer
    assert report.events.get(action=Action.ASSIGN_OFFICER).visibility == Visibility.INTERNAL


def test_progress_in_public_or_for_the_centre_only(in_progress, people):
    report = in_progress()
    report_progress(report=report, actor=people[Role.OFFICER], note="Đã khảo sát")
    report_progress(report=report, actor=people[Role.OFFICER], note="Chờ vật tư", public=False)
    public, internal = report.events.filter(action=Action.PROGRESS).order_by("id")
    assert (public.visibility, public.public_note) == (Visibility.PUBLIC, "Đã khảo sát")
    assert (internal.visibility, internal.public_note) == (Visibility.INTERNAL, "")
    assert internal.internal_note == "Chờ vật tư"


def test_a_returned_report_leaves_the_agency_and_counts_as_wrong_routing(in_progress, people):
    report = report_return(report=in_progress(), actor=people[Role.OFFICER], reason="Không phải")
    assert report.status == Status.RETURNED
    assert report.agency is None and report.officer is None
    event = report.events.get(action=Action.RETURN)
    assert event.visibility == Visibility.INTERNAL and event.payload["agency"] == "ubnd-19753"
    returned = report.deadlines.filter(step=Step.RESOLUTION).get()
    assert returned.outcome == Outcome.RETURNED
    assert report.deadlines.filter(step=Step.TRIAGE, state=DeadlineState.OPEN).exists()
