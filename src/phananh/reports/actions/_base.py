"""What every action shares: one transaction, the row lock, the lifecycle row applied, one event.

`@report_action` wraps each public service of this package: one transaction for the business
action, and at its end — still inside that transaction — each event it recorded is handed to
the fan-out (`reports/fanout.py`), whose dispatcher task then tells the reporter, followers
and staff and runs the integrations, and the events are sealed into the hash chains
(`reports/chain_writer.py`). `transition()` applies one row of the lifecycle table:
authorise, move the status, apply the deadline effect, save the changed fields, record the event.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Any, ParamSpec, TypeVar

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.models import Agency
from phananh.catalog.selectors import Route, route_for
from phananh.core import clock
from phananh.core.changes import changes_bump
from phananh.core.errors import InvalidInput
from phananh.core.text import clean
from phananh.reports import fanout, lifecycle, privacy
from phananh.reports.chain_writer import chain_seal
from phananh.reports.choices import Visibility
from phananh.reports.media import media_attach_all
from phananh.reports.models import Event, Report, RoutingDecision
from phananh.sla.models import Deadline
from phananh.sla.services import deadlines_first, deadlines_follow

TEXT_MAX = 5000
NOTE_MAX = 5000

P = ParamSpec("P")
R = TypeVar("R")

# The events recorded by the action being run in this thread (None outside any action).
_recorded: ContextVar[list[Event] | None] = ContextVar("recorded_events", default=None)


@contextmanager
def _collecting() -> Iterator[list[Event] | None]:
    """Collect events for the outermost action; nested actions add to the same list."""
    if _recorded.get() is not None:
        yield None
        return
    events: list[Event] = []
    token = _recorded.set(events)
    try:
        yield events
    finally:
        _recorded.reset(token)


class StartAgain(Exception):
    """Raised by a service whose insert met a unique key another writer took first (a report's
    code drawn twice, the same submission sent twice at once): its transaction is rolled back
    and the action runs again from the start, and then sees the other writer's row. No
    savepoint is paid on every write for a clash that almost never happens."""


ATTEMPTS = 3


def report_action(func: Callable[P, R]) -> Callable[P, R]:
    """Run a service as one business action: one transaction; its events fanned out at the end."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS + 1):
            outer = _recorded.get()  # an enclosing action's events (then this is a savepoint)
            recorded = len(outer) if outer is not None else 0
            try:
                with transaction.atomic(), _collecting() as events:
                    result = func(*args, **kwargs)
                    for event in events or ():
                        fanout.event_enqueue(event)
                    # Last, so that the chain's lock is held only until the commit.
                    chain_seal(events or ())
                    changes_bump()  # conditional answers move once this commits
                return result
            except StartAgain:
                if outer is not None:
                    del outer[recorded:]  # rolled back with the savepoint
                if attempt == ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    run.report_action = True  # type: ignore[attr-defined]  # checked by the table's meta-test
    return run


def lock(report: Report) -> Report:
    """Re-read the report under a row lock so two people cannot act on a stale copy."""
    return Report.objects.select_for_update().get(pk=report.pk)


def checked_text(
    value: str, *, field: str, required: bool = True, max_length: int = NOTE_MAX
) -> str:
    """Clean text from a person; a clear error when it is missing or too long."""
    value = clean(value or "")
    if required and not value:
        raise InvalidInput(
            _("This field is required."), code="required", fields={field: "required"}
        )
    if len(value) > max_length:
        raise InvalidInput(
            _("Please keep this under %(max)d characters.") % {"max": max_length},
            code="too_long",
            fields={field: "too_long"},
        )
    return value


def checked_point(lat: float | None, lon: float | None) -> tuple[float | None, float | None]:
    """A valid point, or (None, None) when no place was given."""
    if lat is None and lon is None:
        return None, None
    if lat is None or lon is None:
        raise InvalidInput(_("A location needs both latitude and longitude."), code="bad_point")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidInput(_("The location is not a valid point."), code="bad_point")
    return float(lat), float(lon)


def record(
    report: Report,
    actor: Actor,
    action: str,
    *,
    from_status: str,
    role: str = "",
    visibility: str = Visibility.PUBLIC,
    public_note: str = "",
    internal_note: str = "",
    agency: Agency | None = None,
    payload: dict[str, Any] | None = None,
) -> Event:
    """Write one timeline event; the running action fans it out when it ends."""
    events = _recorded.get()
    if events is None:
        raise RuntimeError(f"{action}: events are recorded only inside a @report_action service")
    event = Event(
        report=report,
        created_at=clock.now(),
        action=action,
        actor_id=actor.user_id,
        actor_label=actor.label,
        actor_role=role,
        agency=agency,
        from_status=from_status,
        to_status=report.status,
        # What the agency and the public read is masked as it is written (reports/privacy.py).
        public_note=privacy.mask(public_note),
        internal_note=internal_note,
        visibility=visibility,
        payload=payload or {},
    )
    event.save()
    events.append(event)
    return event


def deadlines_apply(report: Report, row: lifecycle.Transition) -> dict[str, Any]:
    """The row's deadline effect, when it applies to the status the report ends in."""
    if not row.deadlines_apply_to(report.status):
        return {}
    return deadlines_follow(report=report, effect=row.deadlines, at=clock.now(), cause=row.action)


def deadlines_first_apply(report: Report, row: lifecycle.Transition) -> list[Deadline]:
    """A new report's first deadlines, set on the unsaved report (its `due_at`); they are saved
    once the report has its key."""
    if not row.deadlines_apply_to(report.status):
        return []
    planned, fields = deadlines_first(
        report=report, effect=row.deadlines, at=clock.now(), cause=row.action
    )
    for name, value in fields.items():
        setattr(report, name, value)
    return planned


def _visibility(row: lifecycle.Transition, chosen: str | None) -> str:
    if row.visibility == lifecycle.EITHER:
        if chosen not in Visibility.values:
            raise ValueError(f"{row.action}: the service must choose the event's visibility")
        return chosen
    if chosen is not None and chosen != row.visibility:
        raise ValueError(f"{row.action}: the table says its event is {row.visibility}")
    return row.visibility


def transition(
    report: Report,
    actor: Actor,
    action: str,
    *,
    changes: dict[str, Any] | None = None,
    target: str | None = "",
    visibility: str | None = None,
    public_note: str = "",
    internal_note: str = "",
    agency: Agency | None = None,
    payload: dict[str, Any] | None = None,
    recorded_as: Actor | None = None,
) -> tuple[Report, Event]:
    """Apply one row of the lifecycle table to the report, under its row lock.

    `target`: one of the row's other targets (None keeps the status), when the row lists several.
    `recorded_as`: who the event names, when it must not be the actor (a deleted account).
    """
    report = lock(report)
    row, role = lifecycle.authorize(action, report, actor)
    from_status = report.status
    report.status = row.target_from(report.status, target=target)
    fields = {"status"}
    for name, value in (changes or {}).items():
        setattr(report, name, value)
        fields.add(name)
    for name, value in deadlines_apply(report, row).items():
        setattr(report, name, value)
        fields.add(name)
    report.save(update_fields=[*sorted(fields), "updated_at"])
    event = record(
        report,
        recorded_as or actor,
        action,
        from_status=from_status,
        role=role,
        visibility=_visibility(row, visibility),
        public_note=public_note,
        internal_note=internal_note,
        agency=agency,
        payload=payload,
    )
    return report, event


def attach(
    report: Report, event: Event, uploads: Sequence[IO[bytes]], purpose: str, actor: Actor
) -> None:
    """Keep the photos and videos that came with an event (originals private, copies later)."""
    media_attach_all(
        report=report, uploads=uploads, purpose=purpose, event=event, uploaded_by=actor.user_id
    )
    if uploads:
        Report.objects.filter(pk=report.pk).update(media_count=F("media_count") + len(uploads))


def route_suggestion(report: Report) -> Route:
    """The agency the category's rule proposes for this report's place."""
    return route_for(report.category, report.area)


def route_decide(report: Report, actor: Actor, route: Route, *, applied: bool) -> RoutingDecision:
    """Store a routing suggestion or assignment with the rule that made it."""
    return RoutingDecision.objects.create(
        report=report,
        created_at=clock.now(),
        category=report.category,
        area=report.area,
        agency=route.agency,
        rule=route.rule,
        reason=route.reason,
        explanation=route.explanation,  # as it read when decided; pages show `explanation_shown`
        decided_by_id=actor.user_id,
        applied=applied,
    )
