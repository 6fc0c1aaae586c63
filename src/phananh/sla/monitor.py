"""The deadline monitor: reminders, overdue escalation, auto-close. Run every minute by the worker.

Idempotent and safe with several workers: each pass claims rows with SKIP LOCKED (PostgreSQL)
and marks them with a conditional UPDATE, so a row is handled once whatever runs concurrently.
Reads only rows that are due, through partial indexes on open deadlines.

This app knows deadlines, not reports: what a passed deadline means for a report (a public
escalation, closing it after the evaluation window) is decided by the handlers the reports app
registers (`sweep_handlers_register`, called from `reports/apps.py`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet

from phananh.accounts.choices import Role
from phananh.core import clock
from phananh.core.errors import DomainError
from phananh.notifications.services import IOC_DESK, staff_alert
from phananh.notifications.templates import StaffAlert
from phananh.sla.choices import DeadlineState, Step
from phananh.sla.models import Deadline
from phananh.sla.services import deadline_mark_reminded

logger = logging.getLogger(__name__)

# Given a due deadline (locked by the caller), act on its report; both run in their own
# transaction and may raise a DomainError when the report has moved on meanwhile.
DeadlineHandler = Callable[[Deadline], object]


@dataclass
class SweepHandlers:
    """What to do with a report whose step is overdue, or whose evaluation window ended."""

    overdue: DeadlineHandler | None = None
    evaluation_ended: DeadlineHandler | None = None


_handlers = SweepHandlers()


def sweep_handlers_register(*, overdue: DeadlineHandler, evaluation_ended: DeadlineHandler) -> None:
    """Called once by the app that owns reports, when Django starts."""
    _handlers.overdue = overdue
    _handlers.evaluation_ended = evaluation_ended


@dataclass
class SweepResult:
    reminded: int = 0
    escalated: int = 0
    closed: int = 0


def _claim(queryset: QuerySet[Deadline], batch: int) -> list[Deadline]:
    """Lock a batch of rows for this worker; others skip them (PostgreSQL) instead of waiting."""
    if connection.features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True, of=("self",))
    return list(queryset.select_related("report", "agency")[:batch])


def _claim_each(queryset: QuerySet[Deadline], batch: int) -> Iterator[Deadline]:
    """Yield due deadlines one at a time, each inside its own transaction holding its lock."""
    ids = list(queryset.values_list("pk", flat=True)[:batch])
    for pk in ids:
        with transaction.atomic():
            claimed = _claim(Deadline.objects.filter(pk=pk, state=DeadlineState.OPEN), 1)
            if claimed:
                yield claimed[0]


def _responsible(deadline: Deadline) -> list[tuple[int | None, tuple[str, ...]]]:
    """Who is reminded: the IOC for triage, else the agency's officers and head."""
    if deadline.step == Step.TRIAGE or deadline.agency_id is None:
        return [(None, IOC_DESK)]
    return [(deadline.agency_id, (Role.OFFICER, Role.HEAD))]


def sweep_reminders(now: datetime, batch: int) -> int:
    due = Deadline.objects.filter(
        state=DeadlineState.OPEN, reminded_at__isnull=True, reminder_at__lte=now
    ).order_by("reminder_at")
    count = 0
    with transaction.atomic():
        for deadline in _claim(due, batch):
            if not deadline_mark_reminded(deadline=deadline, at=now):
                continue
            staff_alert(
                StaffAlert.DEADLINE_REMINDER,
                to=_responsible(deadline),
                values={
                    "step": Step(deadline.step).label,
                    "code": deadline.report.code,
                    "when": deadline.due_at,
                    "url": f"{settings.SITE_URL}{deadline.report.get_absolute_url()}",
                },
                dedupe_key=f"deadline_reminder:{deadline.pk}:{deadline.due_at.isoformat()}",
                report_id=deadline.report_id,
            )
            count += 1
    return count


def _sweep(queryset: QuerySet[Deadline], handler: DeadlineHandler | None, batch: int) -> int:
    if handler is None:
        raise RuntimeError("the reports app registers the sweep's handlers when Django starts")
    count = 0
    for deadline in _claim_each(queryset, batch):
        try:
            handler(deadline)
        except DomainError:
            logger.exception("deadline %s: its report has moved on", deadline.pk)
            continue
        count += 1
    return count


def sweep_overdue(now: datetime, batch: int) -> int:
    due = (
        Deadline.objects.filter(state=DeadlineState.OPEN, overdue_at__isnull=True, due_at__lte=now)
        .exclude(step=Step.EVALUATION)
        .order_by("due_at")
    )
    return _sweep(due, _handlers.overdue, batch)


def sweep_auto_close(now: datetime, batch: int) -> int:
    # Evaluations are never marked overdue: saying so lets the due-time partial index serve this.
    due = Deadline.objects.filter(
        state=DeadlineState.OPEN, overdue_at__isnull=True, step=Step.EVALUATION, due_at__lte=now
    ).order_by("due_at")
    return _sweep(due, _handlers.evaluation_ended, batch)


def sla_sweep(*, batch: int | None = None) -> SweepResult:
    """One pass of the monitor over everything due now."""
    batch = batch or settings.SLA_SWEEP_BATCH
    now = clock.now()
    result = SweepResult(
        reminded=sweep_reminders(now, batch),
        escalated=sweep_overdue(now, batch),
        closed=sweep_auto_close(now, batch),
    )
    if result.reminded or result.escalated or result.closed:
        logger.info("sla sweep: %s", result)
    return result
