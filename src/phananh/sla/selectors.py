"""Reads for deadlines: the configured calendar, the policy for a report, what is due."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from phananh.sla.calendar import WorkCalendar
from phananh.sla.choices import DayKind, DeadlineState, ExtensionState, Step
from phananh.sla.models import CalendarDay, Deadline, DeadlineExtension, SlaPolicy

_CALENDAR_KEY = "sla:calendar-days"


def _intervals() -> tuple[tuple[time, time], ...]:
    pairs = []
    for part in settings.OFFICE_HOURS.split(","):
        start, end = part.strip().split("-")
        pairs.append((time.fromisoformat(start), time.fromisoformat(end)))
    return tuple(pairs)


def calendar_current() -> WorkCalendar:
    """The working-time calendar: office hours from settings, exceptions from the database."""
    days = cache.get(_CALENDAR_KEY)
    if days is None:
        days = list(CalendarDay.objects.values_list("day", "kind"))
        cache.set(_CALENDAR_KEY, days, 300)
    return WorkCalendar(
        intervals=_intervals(),
        extra_days_off=frozenset(d for d, kind in days if kind == DayKind.DAY_OFF),
        extra_working_days=frozenset(d for d, kind in days if kind == DayKind.WORKING_DAY),
    )


def calendar_forget() -> None:
    """Drop the cached exceptions after an admin edits them."""
    cache.delete(_CALENDAR_KEY)


def policy_for(category_id: int | None, track: str) -> SlaPolicy | None:
    """The category's own policy for the track, else the default one."""
    policies = SlaPolicy.objects.filter(track=track)
    if category_id is not None:
        own = policies.filter(category_id=category_id).first()
        if own is not None:
            return own
    return policies.filter(category__isnull=True).first()


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
