"""The city's staff are alerted when the lifecycle table says so and the alert's condition holds.

`URGENT_REPORT`: an urgent report enters triage (submitted, confirmed, returned by an agency,
or marked urgent while awaiting triage) — the operations centre, at once, 24/7.
`DEADLINE_OVERDUE`: a step's deadline passed — the IOC's supervisors and the agency's head.
"""

from __future__ import annotations

from django.conf import settings

from phananh.accounts.choices import Role
from phananh.notifications.services import IOC_DESK, staff_alert
from phananh.notifications.templates import StaffAlert
from phananh.reports import lifecycle
from phananh.reports.models import Event
from phananh.sla.choices import Step, Track
from phananh.sla.models import Deadline
from phananh.sla.selectors import deadline_open


def staff_wants(event: Event, row: lifecycle.Transition) -> bool:
    """The fan-out's condition: the table names a staff alert for this step."""
    if row.tells.staff == StaffAlert.URGENT_REPORT:
        return Step.TRIAGE in row.deadlines.start and row.deadlines_apply_to(event.to_status)
    return bool(row.tells.staff)


def staff_notice(event: Event) -> int:
    """Queue the step's staff alert when its condition holds; returns how many were queued."""
    alert = lifecycle.TABLE[event.action].tells.staff
    report = event.report
    url = f"{settings.SITE_URL}{report.get_absolute_url()}"
    if alert == StaffAlert.URGENT_REPORT:
        deadline = deadline_open(report.pk, Step.TRIAGE)
        if report.track != Track.URGENT or deadline is None:
            return 0
        return staff_alert(
            alert,
            to=[(None, IOC_DESK)],
            values={
                "code": report.code,
                "when": deadline.due_at,
                "text": report.public_text,
                "url": url,
            },
            dedupe_key=f"urgent:{deadline.pk}",
            report_id=report.pk,
        )
    if alert == StaffAlert.DEADLINE_OVERDUE:
        deadline = Deadline.objects.filter(pk=event.payload.get("deadline")).first()
        if deadline is None:
            return 0
        to: list[tuple[int | None, tuple[str, ...]]] = [(None, (Role.SUPERVISOR,))]
        if deadline.agency_id:
            to.append((deadline.agency_id, (Role.HEAD,)))
        return staff_alert(
            alert,
            to=to,
            values={
                "step": Step(deadline.step).label,
                "code": report.code,
                "when": deadline.due_at,
                "url": url,
            },
            dedupe_key=f"deadline_overdue:{deadline.pk}:{deadline.due_at.isoformat()}",
            report_id=report.pk,
        )
    raise ValueError(f"no staff alert {alert!r} for {event.action}")
