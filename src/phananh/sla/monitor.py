"""The deadline monitor: reminders, overdue escalation, auto-close. Run every minute by the worker.

Idempotent and safe with several workers: each pass claims rows with SKIP LOCKED (PostgreSQL)
and marks them with a conditional UPDATE, so a row is handled once whatever runs concurrently.
Reads only rows that are due, through partial indexes on open deadlines.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from phananh.accounts.choices import Role
from phananh.accounts.selectors import staff_emails
from phananh.core import clock
from phananh.core.errors import DomainError
from phananh.notifications.services import notification_queue
from phananh.reports.services import report_auto_close, report_escalate
from phananh.sla.choices import DeadlineState, Step
from phananh.sla.models import Deadline
from phananh.sla.services import deadline_mark_reminded

logger = logging.getLogger(__name__)


@dataclass
class SweepResult:
    reminded: int = 0
    escalated: int = 0
    closed: int = 0


def _claim(queryset, batch: int):
    """Lock a batch of rows for this worker; others skip them (PostgreSQL) instead of waiting."""
    if connection.features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True, of=("self",))
    return list(queryset.select_related("report", "agency")[:batch])


def _when(deadline: Deadline) -> str:
    from django.utils import timezone
    from django.utils.formats import date_format

    return date_format(timezone.localtime(deadline.due_at), "SHORT_DATETIME_FORMAT")


def _notify(deadline: Deadline, kind: str, recipients: list[str], subject: str, body: str) -> None:
    """Queue one message per recipient; `subject` and `body` are templates over the deadline."""
    values = {
        "step": deadline.get_step_display(),
        "code": deadline.report.code,
        "when": _when(deadline),
        "url": f"{settings.SITE_URL}{deadline.report.get_absolute_url()}",
    }
    subject, body = subject % values, body % values
    for email in recipients:
        notification_queue(
            to=email,
            subject=subject,
            body=body,
            kind=kind,
            dedupe_key=f"{kind}:{deadline.pk}:{deadline.due_at.isoformat()}:{email}",
            report_id=deadline.report_id,
        )


def _responsible(deadline: Deadline, roles: tuple[str, ...]) -> list[str]:
    if deadline.step == Step.TRIAGE or deadline.agency_id is None:
        return staff_emails(agency_id=None, roles=(Role.OPERATOR, Role.SUPERVISOR))
    return staff_emails(agency_id=deadline.agency_id, roles=roles)


def sweep_reminders(now, batch: int) -> int:
    due = Deadline.objects.filter(
        state=DeadlineState.OPEN, reminded_at__isnull=True, reminder_at__lte=now
    ).order_by("reminder_at")
    count = 0
    with transaction.atomic():
        for deadline in _claim(due, batch):
            if not deadline_mark_reminded(deadline=deadline, at=now):
                continue
            _notify(
                deadline,
                "deadline_reminder",
                _responsible(deadline, (Role.OFFICER, Role.HEAD)),
                _("Report %(code)s is due %(when)s"),
                _("The %(step)s deadline of report %(code)s is %(when)s.\n%(url)s"),
            )
            count += 1
    return count


def sweep_overdue(now, batch: int) -> int:
    due = (
        Deadline.objects.filter(state=DeadlineState.OPEN, overdue_at__isnull=True, due_at__lte=now)
        .exclude(step=Step.EVALUATION)
        .order_by("due_at")
    )
    count = 0
    for deadline in _claim_each(due, batch):
        try:
            report_escalate(report=deadline.report, deadline=deadline)
        except DomainError:
            logger.exception("could not escalate deadline %s", deadline.pk)
            continue
        recipients = staff_emails(agency_id=None, roles=(Role.SUPERVISOR,))
        if deadline.agency_id:
            recipients += staff_emails(agency_id=deadline.agency_id, roles=(Role.HEAD,))
        _notify(
            deadline,
            "deadline_overdue",
            sorted(set(recipients)),
            _("Overdue: report %(code)s"),
            _("The %(step)s deadline of report %(code)s passed at %(when)s.\n%(url)s"),
        )
        count += 1
    return count


def sweep_auto_close(now, batch: int) -> int:
    # Evaluations are never marked overdue: saying so lets the due-time partial index serve this.
    due = Deadline.objects.filter(
        state=DeadlineState.OPEN, overdue_at__isnull=True, step=Step.EVALUATION, due_at__lte=now
    ).order_by("due_at")
    count = 0
    for deadline in _claim_each(due, batch):
        try:
            report_auto_close(report=deadline.report)
        except DomainError:
            logger.exception("could not auto-close report %s", deadline.report_id)
            continue
        count += 1
    return count


def _claim_each(queryset, batch: int):
    """Yield due deadlines one at a time, each inside its own transaction holding its lock."""
    ids = list(queryset.values_list("pk", flat=True)[:batch])
    for pk in ids:
        with transaction.atomic():
            rows = Deadline.objects.filter(pk=pk, state=DeadlineState.OPEN)
            claimed = _claim(rows, 1)
            if claimed:
                yield claimed[0]


def sla_sweep(*, batch: int | None = None) -> SweepResult:
    """One pass of the monitor over everything due now."""
    batch = batch or settings.SLA_SWEEP_BATCH
    now = clock.now()
    with translation.override(settings.LANGUAGE_CODE):
        result = SweepResult(
            reminded=sweep_reminders(now, batch),
            escalated=sweep_overdue(now, batch),
            closed=sweep_auto_close(now, batch),
        )
    if result.reminded or result.escalated or result.closed:
        logger.info("sla sweep: %s", result)
    return result
