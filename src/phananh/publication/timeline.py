"""A report's public timeline as its page reads it: who took each step, as a role
(`reports.privacy.public_credit`), what was decided, and since when the report was overdue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from phananh.reports.choices import Action
from phananh.reports.models import Event
from phananh.reports.privacy import public_credit


@dataclass(frozen=True)
class Entry:
    event: Event
    by: str  # the role's name: "Reporter", "Operations centre", the agency's name, or ""
    detail: str  # what was decided: the agency referred to, an extension and its new date


def _moment(value: object) -> datetime | None:
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _detail(event: Event) -> str:
    if event.action == Action.RATE:
        return event.rating_label
    if event.action == Action.ASSIGN and event.agency_id and event.agency:
        return event.agency.name
    if event.action == Action.DECIDE_EXTENSION:
        due = _moment(event.payload.get("due_at"))
        if not event.payload.get("approved"):
            return _("refused")
        if due is None:
            return _("granted")
        return _("granted: the new due date is %(due)s") % {"due": _when(due)}
    return ""


def public_timeline(events: Sequence[Event]) -> list[Entry]:
    """The public events, each with the role that took it and what it decided."""
    return [Entry(event=e, by=public_credit(e), detail=_detail(e)) for e in events]


def overdue_since(events: Sequence[Event]) -> datetime | None:
    """When the report first went overdue (its earliest passed deadline), from the public
    `escalate` steps: it stays said after an extension moves the deadline."""
    moments = [
        moment
        for e in events
        if e.action == Action.ESCALATE
        for moment in [_moment(e.payload.get("due_at")) or e.created_at]
    ]
    return min(moments) if moments else None
