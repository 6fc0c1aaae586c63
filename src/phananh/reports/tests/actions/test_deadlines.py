"""Deadlines as they touch a report: escalation once, extensions asked and decided."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from phananh.accounts.choices import Role
from phananh.core.errors import Conflict, InvalidInput
from phananh.reports.actions.deadlines import (
    report_decide_extension,
    report_escalate,
    report_request_extension,
)
from phananh.reports.choices import Action, Visibility
from phananh.sla.choices import ExtensionState, Step

pytestmark = pytest.mark.django_db


def test_a_passed_deadline_is_recorded_in_public_once(assigned, people):
    report = assigned()
    acceptance = report.deadlines.get(step=Step.ACCEPTANCE)
    report = report_escalate(report=report, deadline=acceptance)
    report = report_escalate(report=report, deadline=acceptance)  # another worker, later
    (event,) = report.events.filter(action=Action.ESCALATE)
    assert event.visibility == Visibility.PUBLIC and event.payload["deadline"] == acceptance.pk
    assert report.is_overdue


def test_more_time_must_be_later_and_asked_once_at_a_time(in_progress, people):
    report = in_progress()
    officer = people[Role.OFFICER]
    due = report.deadlines.get(step=Step.RESOLUTION).due_at
    with pytest.raises(InvalidInput) as error:
        report_request_extension(report=report, actor=officer, reason="Vật tư", new_due=due)
    assert error.value.code == "bad_due"
    later = due + timedelta(days=5)
    report = report_request_extension(report=report, actor=officer, reason="Vật tư", new_due=later)
    with pytest.raises(Conflict):
        report_request_extension(report=report, actor=officer, reason="Vật tư", new_due=later)
    event = report.events.get(action=Action.REQUEST_EXTENSION)
    assert event.visibility == Visibility.INTERNAL and event.internal_note == "Vật tư"


def test_an_approval_moves_the_deadline_in_public_a_refusal_needs_a_reason(in_progress, people):
    report = in_progress()
    supervisor, officer = people[Role.SUPERVISOR], people[Role.OFFICER]
    with pytest.raises(InvalidInput) as error:
        report_decide_extension(report=report, actor=supervisor, approve=True)
    assert error.value.code == "no_request"
    new_due = timezone.now() + timedelta(days=30)
    report_request_extension(report=report, actor=officer, reason="Vật tư", new_due=new_due)
    with pytest.raises(InvalidInput):
        report_decide_extension(report=report, actor=supervisor, approve=False)
    report = report_decide_extension(report=report, actor=supervisor, approve=True, note="Đồng ý")
    resolution = report.deadlines.get(step=Step.RESOLUTION)
    assert resolution.due_at == new_due and resolution.extensions == 1
    assert resolution.extension_requests.get().state == ExtensionState.APPROVED
    decision = report.events.get(action=Action.DECIDE_EXTENSION)
    assert (decision.visibility, decision.public_note) == (Visibility.PUBLIC, "Đồng ý")
    # The default policy allows one extension.
    with pytest.raises(Conflict):
        report_request_extension(
            report=report, actor=officer, reason="Lần nữa", new_due=new_due + timedelta(days=1)
        )
