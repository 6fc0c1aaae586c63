"""Reads for deadlines: the configured calendar, the policy for a report, what is due."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.db.models import QuerySet

from phananh.core.changes import config_bump
from phananh.core.configcache import config_cached
from phananh.sla.calendar import WorkCalendar
from phananh.sla.choices import DayKind, DeadlineState, ExtensionState, Step
from phananh.sla.models import CalendarDay, Deadline, DeadlineExtension, SlaPolicy


def _intervals() -> tuple[tuple[time, time], ...]:
    pairs = []
    for part in settings.OFFICE_HOURS.split(","):
        start, end = part.strip().split("-")
        pairs.append((time.fromisoformat(start), time.fromisoformat(end)))
    return tuple(pairs)


def calendar_current() -> WorkCalendar:
    """The working-time calendar: office hours from settings, exceptions from the database
    (read once per process until a calendar day is edited anywhere: core/configcache.py)."""
    return config_cached("sla.calendar", _calendar_load)


def _calendar_load() -> WorkCalendar:
    days = list(CalendarDay.objects.values_list("day", "kind"))
    return WorkCalendar(
        intervals=_intervals(),
        extra_days_off=frozenset(d for d, kind in days if kind == DayKind.DAY_OFF),
        extra_working_days=frozenset(d for d, kind in days if kind == DayKind.WORKING_DAY),
    )


def calendar_forget() -> None:
    """Drop the cached exceptions after an admin edits them (saves do it already)."""
    config_bump()


def policy_for(category_id: int | None, track: str) -> SlaPolicy | None:
    """The category's own policy for the track, else the default one."""
    policies = config_cached("sla.policies", _policies)
    own = policies.get((category_id, track)) if category_id is not None else None
    return own if own is not None else policies.get((None, track))


def _policies() -> dict[tuple[int | None, str], SlaPolicy]:
    """The first policy (by id) of each category (None: the default) and track."""
    found: dict[tuple[int | None, str], SlaPolicy] = {}
    for policy in SlaPolicy.objects.order_by("-pk"):
        found[(policy.category_id, policy.track)] = policy
    return found


def deadline_open(report_id: int, step: str) -> Deadline | None:
    """The running (or paused) deadline of a step, if any."""
    return (
        Deadline.objects.filter(
            report_id=report_id,
            step=step,
            state__in=(DeadlineState.OPEN, DeadlineState.PAUSED),
        )
        .order_by("-started_at", "-id")
        .first()
    )


def deadline_list_for_report(report_id: int) -> QuerySet[Deadline]:
    return Deadline.objects.filter(report_id=report_id).order_by("started_at", "id")


def evaluation_window_ended(report_id: int, now: datetime) -> bool:
    """True when the reporter's evaluation deadline has passed."""
    deadline = deadline_open(report_id, Step.EVALUATION)
    return deadline is not None and deadline.due_at <= now


def extension_pending(deadline: Deadline) -> DeadlineExtension | None:
    """The agency's request for more time on this deadline that awaits a decision, if any."""
    return deadline.extension_requests.filter(state=ExtensionState.PENDING).first()
