"""Deadline bookkeeping: start, pause, resume, finish and extend the records of each step.

`deadlines_follow` is called by every lifecycle service in reports/services.py, inside its
transaction: the action decides which steps start and stop (see `_EFFECTS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Min

from phananh.accounts.models import Agency
from phananh.reports.choices import Action, Status, Track
from phananh.sla.calendar import WorkCalendar
from phananh.sla.choices import DeadlineState, Outcome, Step, Unit
from phananh.sla.models import Deadline
from phananh.sla.selectors import calendar_current, deadline_open, policy_for

# Built-in policy when the database has none (design §3, Huế's defaults).
DEFAULTS = {
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


@dataclass(frozen=True)
class Effect:
    """What an action does to the deadlines: steps it finishes, starts, pauses, resumes, cancels."""

    finish: tuple[str, ...] = ()
    start: tuple[str, ...] = ()
    pause: tuple[str, ...] = ()
    resume: tuple[str, ...] = ()
    returned: tuple[str, ...] = ()
    cancel: tuple[str, ...] = ()


_AGENCY_STEPS = (Step.ACCEPTANCE, Step.RESOLUTION)
_EFFECTS: dict[str, Effect] = {
    Action.SUBMIT: Effect(start=(Step.TRIAGE,)),  # only when the report enters as `new`
    Action.CONFIRM: Effect(start=(Step.TRIAGE,)),
    Action.REQUEST_INFO: Effect(pause=(Step.TRIAGE,)),
    Action.ANSWER_INFO: Effect(resume=(Step.TRIAGE,)),
    Action.ASSIGN: Effect(finish=(Step.TRIAGE,), start=_AGENCY_STEPS),
    Action.REJECT: Effect(finish=(Step.TRIAGE,)),
    Action.MERGE: Effect(finish=(Step.TRIAGE,)),
    Action.AGENCY_ACCEPT: Effect(finish=(Step.ACCEPTANCE,)),
    Action.RETURN: Effect(returned=_AGENCY_STEPS, start=(Step.TRIAGE,)),
    Action.RESOLVE: Effect(finish=_AGENCY_STEPS, start=(Step.EVALUATION,)),
    Action.RATE: Effect(),  # an accepting rating closes: handled below
    Action.REQUEST_REOPEN: Effect(finish=(Step.EVALUATION,)),
    Action.REOPEN: Effect(cancel=(Step.EVALUATION,), start=_AGENCY_STEPS),
    Action.REFUSE_REOPEN: Effect(start=(Step.EVALUATION,)),
    Action.CLOSE: Effect(finish=(Step.EVALUATION,)),
    Action.AUTO_CLOSE: Effect(finish=(Step.EVALUATION,)),
    # Marked urgent (or normal) while awaiting triage: triage restarts on the new track's clock.
    Action.SET_TRACK: Effect(cancel=(Step.TRIAGE,), start=(Step.TRIAGE,)),
}


def _plan(report, step: str) -> tuple[object, Decimal, str, int]:
    policy = policy_for(report.category_id, report.track)
    if policy is None:
        amount, unit = DEFAULTS[report.track][step]
        return None, amount, unit, DEFAULT_REMINDER_PERCENT
    raw_amount, unit = policy.amount_for(step)
    return policy, Decimal(str(raw_amount)), unit, policy.reminder_percent


def _start_moment(calendar: WorkCalendar, report, at: datetime, unit: str) -> datetime:
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


def deadline_start(
    *, report, step: str, at: datetime, agency: Agency | None, cause: str = ""
) -> Deadline:
    """Compute and store a step's deadline as the step starts."""
    calendar = calendar_current()
    policy, amount, unit, reminder_percent = _plan(report, step)
    start = _start_moment(calendar, report, at, unit)
    due = calendar.due(start, float(amount) if unit != Unit.WORKING_DAYS else int(amount), unit)
    return Deadline.objects.create(
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


def deadlines_follow(*, report, action: str, at: datetime) -> dict[str, object]:
    """Apply an action's effect on the report's deadlines; returns the report fields to update."""
    effect = _EFFECTS.get(action)
    if effect is None:
        return {}
    if action == Action.SUBMIT and report.status != Status.NEW:
        return {}
    if action == Action.SET_TRACK and report.status not in (Status.NEW, Status.RETURNED):
        return {}  # agencies keep the deadlines they were given; only triage restarts
    finish = effect.finish
    if action == Action.RATE and report.status == Status.CLOSED:
        finish = (Step.EVALUATION,)
    for step in finish:
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
            agency = report.agency if step in _AGENCY_STEPS else None
            deadline = deadline_start(report=report, step=step, at=at, agency=agency, cause=action)
            if step == Step.TRIAGE and report.track == Track.URGENT:
                urgent_alert(report=report, deadline=deadline)
    return report_deadline_fields(report.pk)


def urgent_alert(*, report, deadline: Deadline) -> None:
    """An urgent report waits for nobody: alert the operations centre's staff at once, 24/7."""
    from django.conf import settings
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    from phananh.accounts.choices import Role
    from phananh.accounts.selectors import staff_emails
    from phananh.notifications.services import notification_queue

    with override(settings.LANGUAGE_CODE):
        subject = _("URGENT report %(code)s") % {"code": report.code}
        body = _("An urgent report needs triage by %(when)s:\n\n%(text)s\n\n%(url)s") % {
            "when": date_format(timezone.localtime(deadline.due_at), "SHORT_DATETIME_FORMAT"),
            "text": report.public_text,
            "url": f"{settings.SITE_URL}{report.get_absolute_url()}",
        }
    for email in staff_emails(agency_id=None, roles=(Role.OPERATOR, Role.SUPERVISOR)):
        notification_queue(
            to=email,
            subject=subject,
            body=body,
            kind="urgent_report",
            dedupe_key=f"urgent:{deadline.pk}:{email}",
            report_id=report.pk,
        )


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
