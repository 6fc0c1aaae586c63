"""Deadlines as they touch a report: a passed deadline in public, more time asked and decided.

The deadline records themselves are the `sla` app's (its services move them); the sweep of
`sla/monitor.py` reaches `report_escalate` and `report_auto_close` through the handlers that
`reports/apps.py` registers.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.core import clock
from phananh.core.errors import InvalidInput
from phananh.reports import lifecycle
from phananh.reports.actions._base import checked_text, lock, report_action, transition
from phananh.reports.choices import Action, Visibility
from phananh.reports.models import Report
from phananh.sla.choices import Step
from phananh.sla.models import Deadline
from phananh.sla.selectors import deadline_open, extension_pending
from phananh.sla.services import (
    deadline_extension_decide,
    deadline_extension_request,
    deadline_mark_overdue,
    report_deadline_fields,
)


@report_action
def report_escalate(*, report: Report, deadline: Deadline, actor: Actor | None = None) -> Report:
    """Record in public that a step's deadline has passed (the monitor calls this once)."""
    actor = actor or Actor.system("deadline monitor")
    locked = lock(report)
    lifecycle.authorize(Action.ESCALATE, locked, actor)
    if not deadline_mark_overdue(deadline=deadline, at=clock.now()):
        return locked  # another worker recorded it already
    report, _event = transition(
        locked,
        actor,
        Action.ESCALATE,
        changes={"is_overdue": True},
        agency=deadline.agency,
        payload={
            "step": deadline.step,
            "due_at": deadline.due_at.isoformat(),
            "deadline": deadline.pk,
        },
    )
    return report


def _resolution_deadline(report: Report) -> Deadline:
    deadline = deadline_open(report.pk, Step.RESOLUTION)
    if deadline is None:
        raise InvalidInput(_("This report has no running deadline."), code="no_deadline")
    return deadline


@report_action
def report_request_extension(
    *, report: Report, actor: Actor, reason: str, new_due: datetime
) -> Report:
    """The agency asks the IOC supervisor for more time, with a reason and a new date."""
    reason = checked_text(reason, field="reason")
    locked = lock(report)
    lifecycle.authorize(Action.REQUEST_EXTENSION, locked, actor)
    deadline = _resolution_deadline(locked)
    due_before = deadline.due_at
    deadline_extension_request(
        deadline=deadline,
        requested_by_id=actor.user_id,
        reason=reason,
        new_due=new_due,
        at=clock.now(),
    )
    report, _event = transition(
        locked,
        actor,
        Action.REQUEST_EXTENSION,
        agency=locked.agency,
        internal_note=reason,
        payload={"proposed_due_at": new_due.isoformat(), "due_at": due_before.isoformat()},
    )
    return report


@report_action
def report_decide_extension(
    *, report: Report, actor: Actor, approve: bool, note: str = ""
) -> Report:
    """A supervisor approves (the deadline moves, in public) or refuses an extension request."""
    locked = lock(report)
    lifecycle.authorize(Action.DECIDE_EXTENSION, locked, actor)
    deadline = _resolution_deadline(locked)
    if extension_pending(deadline) is None:
        raise InvalidInput(_("There is no extension request to decide."), code="no_request")
    note = checked_text(note, field="note", required=not approve)
    request = deadline_extension_decide(
        deadline=deadline, decided_by_id=actor.user_id, approve=approve, note=note, at=clock.now()
    )
    report, _event = transition(
        locked,
        actor,
        Action.DECIDE_EXTENSION,
        changes=report_deadline_fields(locked.pk),
        agency=locked.agency,
        public_note=note if approve else "",
        internal_note="" if approve else note,
        visibility=Visibility.PUBLIC if approve else Visibility.INTERNAL,
        payload={
            "approved": approve,
            "due_at": deadline.due_at.isoformat(),
            "previous_due_at": request.previous_due_at.isoformat(),
        },
    )
    return report
