"""Deadline bookkeeping: start, pause, resume, finish and extend the records of each step.

`deadlines_follow` applies one `Effect` (sla/effects.py) inside the caller's transaction; which
effect each action has is a column of the lifecycle table (`reports/lifecycle.py`). This app
knows nothing of reports beyond the `Deadline.report` key.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from django.db.models import Min
from django.utils.translation import gettext as _

from phananh.accounts.models import Agency
from phananh.core.errors import Conflict, InvalidInput
from phananh.sla.calendar import WorkCalendar
from phananh.sla.choices import DeadlineState, ExtensionState, Outcome, Step, Track, Unit
from phananh.sla.effects import AGENCY_STEPS, Effect
from phananh.sla.models import Deadline, DeadlineExtension, SlaPolicy
from phananh.sla.selectors import (
    calendar_current,
    deadline_open,
    extension_pending,
    policy_for,
)

# Built-in policy when the database has none (design §3, Huế's defaults).
DEFAULTS: dict[str, dict[str, tuple[Decimal, str]]] = {
    Track.NORMAL: {
        Step.TRIAGE: (Decimal(4), Unit.WORKING_HOURS),
        Step.ACCEPTANCE: (Decimal(8), Unit.WORKING_HOURS),
        Step.RESOLUTION: (Decimal(7), Unit.WORKING_DAYS),
        Step.EVALUATION: (Decimal(7 * 24), Unit.HOURS),
    },
    Track.URGENT: {
        Step.TRIAGE: (Decimal("0.5"), Unit.HOURS),
        Step.ACCEPTANCE: (Decimal(1), Unit.HOURS),
        Step.RESOLUTION: (Decimal(24), Unit.HOURS),
        Step.EVALUATION: (Decimal(7 * 24), Unit.HOURS),
    },
}
DEFAULT_REMINDER_PERCENT = 75


class DeadlineReport(Protocol):
    """What deadlines read of a report: a `reports.Report`, which this app may not import."""

    pk: Any
    category_id: int | None
    track: str
    agency: Agency | None


def _plan(report: DeadlineReport, step: str) -> tuple[SlaPolicy | None, Decimal, str, int]:
    policy = policy_for(report.category_id, report.track)
    if policy is None:
        amount, unit = DEFAULTS[report.track][step]
        return None, amount, unit, DEFAULT_REMINDER_PERCENT
    raw_amount, unit = policy.amount_for(step)
    return policy, Decimal(str(raw_amount)), unit, policy.reminder_percent


def _start_moment(
    calendar: WorkCalendar, report: DeadlineReport, at: datetime, unit: str
) -> datetime:
    # Night rule: a normal report that arrives before the office opens starts its clock then;
    # for working hours the calendar already does so, for days the start day stays the same.
    if report.track == Track.NORMAL and unit == Unit.WORKING_HOURS:
        return calendar.next_opening(at)
    return at


def _reminder(
    calendar: WorkCalendar, start: datetime, due: datetime, percent: int, unit: str
) -> datetime | None:
    """When `percent` of the step's time has passed, counted in the step's own kind of time."""
    if not 0 < percent < 100:
        return None
    if unit == Unit.HOURS:
        return start + (due - start) * percent / 100
    used = calendar.working_time_between(start, due) * percent / 100
    return calendar.add_working_time(start, used)


def deadline_plan(
    *, report: Any, step: str, at: datetime, agency: Agency | None, cause: str = ""
) -> Deadline:
    """Compute a step's deadline as the step starts, unsaved (`deadline_start` stores it).

    `report` is the `reports.Report` that `Deadline.report` names (a `DeadlineReport`), which
    this app may not import.
    """
    calendar = calendar_current()
    policy, amount, unit, reminder_percent = _plan(report, step)
    start = _start_moment(calendar, report, at, unit)
    due = calendar.due(start, float(amount) if unit != Unit.WORKING_DAYS else int(amount), unit)
    return Deadline(
        report=report,
        step=step,
        agency=agency,
        policy=policy,
        cause=cause,
        amount=amount,
        unit=unit,
        started_at=at,
        due_at=due,
        original_due_at=due,
        reminder_at=(
            _reminder(calendar, start, due, reminder_percent, unit)
            if step != Step.EVALUATION
            else None
        ),
    )


def deadline_start(
    *, report: Any, step: str, at: datetime, agency: Agency | None, cause: str = ""
) -> Deadline:
    """Compute and store a step's deadline as the step starts."""
    deadline = deadline_plan(report=report, step=step, at=at, agency=agency, cause=cause)
    deadline.save(force_insert=True)
    return deadline


def _working(deadline: Deadline) -> bool:
    return deadline.unit != Unit.HOURS


def deadline_pause(*, deadline: Deadline, at: datetime) -> Deadline:
    """Stop the clock, keeping the working time that remains."""
    calendar = calendar_current()
    remaining = calendar.remaining_at(deadline.due_at, at, working=_working(deadline))
    deadline.state = DeadlineState.PAUSED
    deadline.paused_at = at
    deadline.remaining_seconds = int(remaining.total_seconds())
    deadline.save(update_fields=["state", "paused_at", "remaining_seconds"])
    return deadline


def deadline_resume(*, deadline: Deadline, at: datetime) -> Deadline:
    """Restart the clock: the due moment is now plus the working time that remained."""
    calendar = calendar_current()
    remaining = timedelta(seconds=deadline.remaining_seconds or 0)
    new_due = calendar.resume(at, remaining, working=_working(deadline))
    assert deadline.paused_at is not None, "a paused deadline knows when it paused"
    deadline.paused_seconds += int((at - deadline.paused_at).total_seconds())
    if deadline.reminder_at is not None and deadline.reminded_at is None:
        deadline.reminder_at += new_due - deadline.due_at
    deadline.due_at = new_due
    deadline.state = DeadlineState.OPEN
    deadline.paused_at = None
    deadline.remaining_seconds = None
    deadline.save(
        update_fields=[
            "due_at",
            "state",
            "paused_at",
            "remaining_seconds",
            "paused_seconds",
            "reminder_at",
        ]
    )
    return deadline


def _close(deadline: Deadline, at: datetime, *, state: str, outcome: str) -> None:
    deadline.state = state
    deadline.outcome = outcome
    deadline.completed_at = at
    deadline.save(update_fields=["state", "outcome", "completed_at"])


def deadlines_first(
    *, report: DeadlineReport, effect: Effect, at: datetime, cause: str
) -> tuple[list[Deadline], dict[str, Any]]:
    """The deadlines a report's first step starts, computed before the report is written: its
    row is inserted with its `due_at` (an update after would write every index of the report
    table twice). The caller saves them once the report has its key."""
    planned = [
        deadline_plan(
            report=report,
            step=step,
            at=at,
            agency=report.agency if step in AGENCY_STEPS else None,
            cause=cause,
        )
        for step in effect.start
    ]
    running = [d.due_at for d in planned if d.step != Step.EVALUATION]
    return planned, {"due_at": min(running, default=None), "is_overdue": False}


def deadlines_follow(
    *, report: DeadlineReport, effect: Effect, at: datetime, cause: str
) -> dict[str, Any]:
    """Apply one step's effect on the report's deadlines; returns the report fields to update.

    `cause` (the action) is recorded on each deadline it starts. Whether an effect applies at
    all is the lifecycle's decision (`reports/lifecycle.py`), never this module's. A report's
    first deadlines are `deadlines_first`'s.
    """
    for step in effect.finish:
        deadline = deadline_open(report.pk, step)
        if deadline is not None:
            late = at > deadline.due_at and deadline.state == DeadlineState.OPEN
            _close(
                deadline,
                at,
                state=DeadlineState.DONE,
                outcome=Outcome.LATE if late else Outcome.ON_TIME,
            )
    for step in effect.returned:
        deadline = deadline_open(report.pk, step)
        if deadline is not None:
            _close(deadline, at, state=DeadlineState.CANCELLED, outcome=Outcome.RETURNED)
    for step in effect.cancel:
        deadline = deadline_open(report.pk, step)
        if deadline is not None:
            _close(deadline, at, state=DeadlineState.CANCELLED, outcome=Outcome.CANCELLED)
    for step in effect.pause:
        deadline = deadline_open(report.pk, step)
        if deadline is not None and deadline.state == DeadlineState.OPEN:
            deadline_pause(deadline=deadline, at=at)
    for step in effect.resume:
        deadline = deadline_open(report.pk, step)
        if deadline is not None and deadline.state == DeadlineState.PAUSED:
            deadline_resume(deadline=deadline, at=at)
    for step in effect.start:
        if deadline_open(report.pk, step) is None:
            agency = report.agency if step in AGENCY_STEPS else None
            deadline_start(report=report, step=step, at=at, agency=agency, cause=cause)
    return report_deadline_fields(report.pk)


def report_deadline_fields(report_id: int) -> dict[str, object]:
    """The report's denormalised `due_at` (earliest running step) and `is_overdue`."""
    running = Deadline.objects.filter(report_id=report_id, state=DeadlineState.OPEN).exclude(
        step=Step.EVALUATION
    )
    due = running.aggregate(first=Min("due_at"))["first"]
    return {"due_at": due, "is_overdue": running.filter(overdue_at__isnull=False).exists()}


def deadline_mark_overdue(*, deadline: Deadline, at: datetime) -> bool:
    """Record that a running deadline has passed; False if another worker already did."""
    updated = Deadline.objects.filter(
        pk=deadline.pk, state=DeadlineState.OPEN, overdue_at__isnull=True
    ).update(overdue_at=at)
    return bool(updated)


def deadline_mark_reminded(*, deadline: Deadline, at: datetime) -> bool:
    """Record that the reminder went out; False if another worker already sent it."""
    updated = Deadline.objects.filter(
        pk=deadline.pk, state=DeadlineState.OPEN, reminded_at__isnull=True
    ).update(reminded_at=at)
    return bool(updated)


def deadline_extend(*, deadline: Deadline, new_due: datetime, at: datetime) -> Deadline:
    """Replace the due moment outright (an approved extension); no longer overdue if in future."""
    deadline.due_at = new_due
    deadline.extensions += 1
    if new_due > at:
        deadline.overdue_at = None
        deadline.reminded_at = None
        deadline.reminder_at = None
    deadline.save(
        update_fields=["due_at", "extensions", "overdue_at", "reminded_at", "reminder_at"]
    )
    return deadline


def deadline_extension_request(
    *, deadline: Deadline, requested_by_id: int | None, reason: str, new_due: datetime, at: datetime
) -> DeadlineExtension:
    """Record an agency's request for more time, once the deadline's rules allow it."""
    if new_due <= deadline.due_at:
        raise InvalidInput(
            _("The new deadline must be later than the current one."),
            code="bad_due",
            fields={"new_due": "too_early"},
        )
    limit = deadline.policy.max_extensions if deadline.policy else 1
    if deadline.extensions >= limit:
        raise Conflict(_("This deadline cannot be extended again."), code="extension_limit")
    if extension_pending(deadline) is not None:
        raise Conflict(_("An extension request is already waiting for a decision."), code="pending")
    return DeadlineExtension.objects.create(
        deadline=deadline,
        requested_by_id=requested_by_id,
        requested_at=at,
        reason=reason,
        proposed_due_at=new_due,
        previous_due_at=deadline.due_at,
    )


def deadline_extension_decide(
    *, deadline: Deadline, decided_by_id: int | None, approve: bool, note: str, at: datetime
) -> DeadlineExtension:
    """A supervisor's decision on the pending request; an approval moves the deadline."""
    request = extension_pending(deadline)
    if request is None:
        raise InvalidInput(_("There is no extension request to decide."), code="no_request")
    request.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
    request.decided_by_id = decided_by_id
    request.decided_at = at
    request.decision_note = note
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    if approve:
        deadline_extend(deadline=deadline, new_due=request.proposed_due_at, at=at)
    return request
