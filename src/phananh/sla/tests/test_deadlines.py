"""Deadline records follow the lifecycle; the monitor reminds, escalates and auto-closes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.cli import main
from phananh.core import clock
from phananh.core.errors import Conflict, InvalidInput
from phananh.notifications.models import Notification
from phananh.reports.actions.agency import report_agency_accept, report_return
from phananh.reports.actions.deadlines import report_decide_extension, report_request_extension
from phananh.reports.actions.outcome import report_rate, report_resolve
from phananh.reports.actions.triage import report_answer_info, report_assign, report_request_info
from phananh.reports.choices import Action, RatingLevel, Status, Track
from phananh.reports.models import Report
from phananh.sla.choices import DayKind, DeadlineState, Outcome, Step, Unit
from phananh.sla.models import CalendarDay, Deadline, SlaPolicy
from phananh.sla.monitor import sla_sweep
from phananh.sla.selectors import calendar_forget

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=HCM)


def deadline(report: Report, step: str) -> Deadline:
    return report.deadlines.filter(step=step).order_by("-id").first()


def test_default_policies_are_data():
    normal = SlaPolicy.objects.get(category__isnull=True, track=Track.NORMAL)
    assert (normal.triage_amount, normal.triage_unit) == (4, Unit.WORKING_HOURS)
    assert (normal.acceptance_amount, normal.acceptance_unit) == (8, Unit.WORKING_HOURS)
    assert (normal.resolution_amount, normal.resolution_unit) == (7, Unit.WORKING_DAYS)
    urgent = SlaPolicy.objects.get(category__isnull=True, track=Track.URGENT)
    assert (urgent.triage_amount, urgent.triage_unit) == (0.5, Unit.HOURS)
    assert (urgent.resolution_amount, urgent.resolution_unit) == (24, Unit.HOURS)
    assert normal.evaluation_days == 7


def test_each_step_gets_a_deadline_computed_when_it_starts(submit, people):
    # Friday 4 Dec 2026, 16:00: triage 4 working hours → Monday 7 Dec 10:30.
    with clock.at(at(2026, 12, 4, 16, 0)):
        report = submit()
    triage = deadline(report, Step.TRIAGE)
    assert triage.due_at == at(2026, 12, 7, 10, 30)
    assert report.due_at == triage.due_at
    # Assigned Monday 7 Dec 09:00: acceptance 8 working hours (6 on Monday) → Tue 8 Dec 09:30;
    # resolution 7 working days → close of office on Wed 16 Dec.
    with clock.at(at(2026, 12, 7, 9, 0)):
        report = report_assign(report=report, actor=people[Role.OPERATOR])
    triage.refresh_from_db()
    assert (triage.state, triage.outcome) == (DeadlineState.DONE, Outcome.ON_TIME)
    assert deadline(report, Step.ACCEPTANCE).due_at == at(2026, 12, 8, 9, 30)
    resolution = deadline(report, Step.RESOLUTION)
    assert resolution.due_at == at(2026, 12, 16, 17, 0)
    assert resolution.agency == report.agency
    assert report.due_at == at(2026, 12, 8, 9, 30)
    with clock.at(at(2026, 12, 8, 10, 0)):  # half an hour late
        report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    assert deadline(report, Step.ACCEPTANCE).outcome == Outcome.LATE
    with clock.at(at(2026, 12, 15, 9, 0)):
        report = report_resolve(report=report, actor=people[Role.OFFICER], result="Xong")
    assert deadline(report, Step.RESOLUTION).outcome == Outcome.ON_TIME
    evaluation = deadline(report, Step.EVALUATION)
    assert evaluation.due_at == at(2026, 12, 22, 9, 0)
    assert report.due_at is None


def test_night_submission_starts_at_opening(submit):
    with clock.at(at(2026, 12, 8, 2, 15)):  # Tuesday, 02:15
        report = submit()
    assert deadline(report, Step.TRIAGE).due_at == at(2026, 12, 8, 11, 30)


def test_urgent_reports_run_on_calendar_time_and_alert_the_ioc(
    submit, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), clock.at(at(2026, 12, 5, 23, 0)):
        report = submit(track=Track.URGENT)  # Saturday night
    assert deadline(report, Step.TRIAGE).due_at == at(2026, 12, 5, 23, 30)
    ioc = User.objects.filter(
        pk__in=[people[Role.OPERATOR].user_id, people[Role.SUPERVISOR].user_id]
    ).values_list("email", flat=True)
    # Besides the reporter's "received" message, one alert per operator and supervisor.
    alerts = [m for m in mail.outbox if m.to != [report.reporter.email]]
    assert sorted(message.to[0] for message in alerts) == sorted(ioc)
    assert all(report.code in message.subject for message in alerts)


def test_category_policy_overrides_the_default(submit, noise):
    SlaPolicy.objects.create(
        category=noise,
        track=Track.NORMAL,
        triage_amount=1,
        triage_unit=Unit.WORKING_HOURS,
        acceptance_amount=2,
        acceptance_unit=Unit.WORKING_HOURS,
        resolution_amount=3,
        resolution_unit=Unit.WORKING_DAYS,
    )
    with clock.at(at(2026, 12, 7, 8, 0)):
        report = submit()
    triage = deadline(report, Step.TRIAGE)
    assert triage.due_at == at(2026, 12, 7, 9, 0)
    assert (triage.amount, triage.unit) == (1, Unit.WORKING_HOURS)


def test_clock_pauses_while_waiting_for_information(submit, people):
    with clock.at(at(2026, 12, 7, 8, 0)):  # Monday: due 13:30 (3.5 h before lunch + 0.5 h)
        report = submit()
    assert deadline(report, Step.TRIAGE).due_at == at(2026, 12, 7, 14, 0)
    with clock.at(at(2026, 12, 7, 9, 45)):  # 1 h 45 min used, 2 h 15 min left
        report = report_request_info(report=report, actor=people[Role.OPERATOR], question="?")
    paused = deadline(report, Step.TRIAGE)
    assert paused.state == DeadlineState.PAUSED
    assert paused.remaining_seconds == 2 * 3600 + 15 * 60
    with clock.at(at(2026, 12, 10, 16, 30)):  # Thursday 16:30: 30 min, then Fri 07:30 + 1 h 45
        report = report_answer_info(report=report, actor=people["reporter"], answer="Số 12")
    resumed = deadline(report, Step.TRIAGE)
    assert resumed.state == DeadlineState.OPEN
    assert resumed.due_at == at(2026, 12, 11, 9, 15)
    assert resumed.original_due_at == at(2026, 12, 7, 14, 0)


def test_extra_day_off_and_make_up_day_change_deadlines(submit):
    CalendarDay.objects.create(day=at(2026, 12, 7, 0, 0).date(), kind=DayKind.DAY_OFF, name="Bão")
    CalendarDay.objects.create(
        day=at(2026, 12, 5, 0, 0).date(), kind=DayKind.WORKING_DAY, name="Làm bù"
    )
    calendar_forget()
    with clock.at(at(2026, 12, 4, 16, 0)):  # Fri 16:00 → Sat (make-up day) 10:30
        report = submit()
    assert deadline(report, Step.TRIAGE).due_at == at(2026, 12, 5, 10, 30)
    with clock.at(at(2026, 12, 5, 16, 0)):  # Sat 16:00 → Mon is off → Tue 10:30
        other = submit()
    assert deadline(other, Step.TRIAGE).due_at == at(2026, 12, 8, 10, 30)


def test_returned_report_counts_as_wrong_routing_and_triage_restarts(submit, people):
    report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    report = report_return(report=report, actor=people[Role.OFFICER], reason="Không phải")
    outcomes = set(
        report.deadlines.filter(step__in=[Step.ACCEPTANCE, Step.RESOLUTION]).values_list(
            "outcome", flat=True
        )
    )
    assert outcomes == {Outcome.RETURNED}
    assert report.deadlines.filter(step=Step.TRIAGE, state=DeadlineState.OPEN).count() == 1


def test_monitor_reminds_escalates_and_shows_overdue_in_public(
    submit, people, client, django_capture_on_commit_callbacks
):
    with clock.at(at(2026, 12, 7, 8, 0)):
        report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    # Acceptance: 8 working hours from Mon 08:00 → Tue 08:30; the reminder after 75 % of the
    # working time (6 h) → Mon 16:00.
    acceptance = deadline(report, Step.ACCEPTANCE)
    assert acceptance.due_at == at(2026, 12, 8, 8, 30)
    assert acceptance.reminder_at == at(2026, 12, 7, 16, 0)
    with clock.at(at(2026, 12, 7, 14, 0)):
        assert sla_sweep().reminded == 0
    with clock.at(at(2026, 12, 7, 22, 0)):
        result = sla_sweep()
    assert result.reminded == 1 and result.escalated == 0
    with clock.at(at(2026, 12, 7, 22, 0)):  # the real clock passed the acceptance deadline
        assert sla_sweep().reminded == 0  # idempotent
    with clock.at(at(2026, 12, 8, 8, 29)):
        assert sla_sweep().escalated == 0
    with clock.at(at(2026, 12, 8, 8, 31)), django_capture_on_commit_callbacks(execute=True):
        result = sla_sweep()  # the escalation's alerts go out once it commits
    assert result.escalated == 1
    with clock.at(at(2026, 12, 8, 8, 32)):
        assert sla_sweep().escalated == 0  # never twice
    report.refresh_from_db()
    acceptance.refresh_from_db()
    assert report.is_overdue
    assert acceptance.overdue_at == at(2026, 12, 8, 8, 31)
    escalation = report.events.get(action=Action.ESCALATE)
    assert escalation.visibility == "public"
    assert escalation.payload["step"] == Step.ACCEPTANCE
    page = client.get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Overdue" in page and "Deadline passed" in page
    kinds = sorted(Notification.objects.values_list("kind", flat=True))
    assert kinds.count("deadline_overdue") >= 2  # supervisor and agency head
    assert "deadline_reminder" in kinds
    overdue_mail = Notification.objects.filter(kind="deadline_overdue").first()
    assert report.code in overdue_mail.subject
    assert report.get_absolute_url() in overdue_mail.body
    # Accepting late clears the running step; the record keeps "late".
    with clock.at(at(2026, 12, 8, 9, 0)):
        report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    assert not report.is_overdue
    assert deadline(report, Step.ACCEPTANCE).outcome == Outcome.LATE


def test_monitor_auto_closes_after_the_evaluation_window(submit, people):
    # Every step at its own moment: on the real clock, the acceptance recorded after
    # 2026-12-08 10:00 sorted after the closing it precedes.
    with clock.at(at(2026, 12, 1, 8, 0)):
        report = report_assign(report=submit(), actor=people[Role.OPERATOR])
        report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    with clock.at(at(2026, 12, 1, 10, 0)):
        report = report_resolve(report=report, actor=people[Role.OFFICER], result="Xong")
    with clock.at(at(2026, 12, 8, 9, 59)):
        assert sla_sweep().closed == 0
    with clock.at(at(2026, 12, 8, 10, 0)):
        assert sla_sweep().closed == 1
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    assert report.events.last().action == Action.AUTO_CLOSE
    with clock.at(at(2026, 12, 8, 10, 5)):
        assert sla_sweep().closed == 0


def test_accepting_rating_finishes_the_evaluation(submit, people):
    report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    report = report_resolve(report=report, actor=people[Role.OFFICER], result="Xong")
    report = report_rate(report=report, actor=people["reporter"], level=RatingLevel.SATISFIED)
    assert deadline(report, Step.EVALUATION).state == DeadlineState.DONE


def test_extension_moves_the_deadline_only_when_approved(submit, people):
    with clock.at(at(2026, 12, 7, 8, 0)):
        report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    resolution = deadline(report, Step.RESOLUTION)
    assert resolution.due_at == at(2026, 12, 16, 17, 0)
    with pytest.raises(InvalidInput):
        report_request_extension(
            report=report, actor=people[Role.OFFICER], reason="x", new_due=at(2026, 12, 10, 17, 0)
        )
    report = report_request_extension(
        report=report,
        actor=people[Role.OFFICER],
        reason="Chờ vật tư",
        new_due=at(2026, 12, 23, 17, 0),
    )
    resolution.refresh_from_db()
    assert resolution.due_at == at(2026, 12, 16, 17, 0)  # not yet
    with pytest.raises(InvalidInput):
        report_decide_extension(report=report, actor=people[Role.SUPERVISOR], approve=False)
    report = report_decide_extension(
        report=report, actor=people[Role.SUPERVISOR], approve=True, note="Đồng ý"
    )
    resolution.refresh_from_db()
    assert resolution.due_at == at(2026, 12, 23, 17, 0)
    assert resolution.original_due_at == at(2026, 12, 16, 17, 0)
    assert resolution.extensions == 1
    request = resolution.extension_requests.get()
    assert request.decided_by_id == people[Role.SUPERVISOR].user_id
    assert request.reason == "Chờ vật tư"
    event = report.events.get(action=Action.DECIDE_EXTENSION)
    assert event.visibility == "public" and event.payload["approved"] is True
    with pytest.raises(Conflict):  # the default policy allows one extension
        report_request_extension(
            report=report, actor=people[Role.OFFICER], reason="x", new_due=at(2027, 1, 8, 17, 0)
        )


def test_sla_due_command(capsys):
    assert main(["sla", "due", "2026-12-04T16:00:00+07:00", "4", "working_hours"]) == 0
    assert capsys.readouterr().out.strip() == "2026-12-07T10:30:00+07:00"
    assert main(["sla", "due", "2020-12-08T09:00:00+07:00", "7", "working_days"]) == 0
    assert capsys.readouterr().out.strip() == "2020-12-17T17:00:00+07:00"
    assert main(["sla", "due", "2026-12-04T16:00:00Z", "24", "hours"]) == 0
    assert capsys.readouterr().out.strip() == "2026-12-05T23:00:00+07:00"
    assert main(["sla", "due", "2026-12-04T16:00:00", "4", "working_hours"]) == 2
    assert main(["sla", "due", "yesterday", "4", "working_hours"]) == 2
    assert main(["sla", "due", "2026-12-04T16:00:00+07:00", "1.5", "working_days"]) == 2
    assert main(["sla", "due", "2026-12-04T16:00:00+07:00", "4", "fortnights"]) == 2
    assert mail.outbox == []
