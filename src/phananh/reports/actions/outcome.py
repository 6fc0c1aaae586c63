"""The outcome: the agency's result, the reporter's rating, reopening, and closing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.core import clock
from phananh.core.errors import Conflict, InvalidInput
from phananh.reports import lifecycle, privacy
from phananh.reports.actions._base import (
    attach,
    checked_text,
    lock,
    report_action,
    transition,
)
from phananh.reports.choices import (
    ACCEPTING_RATINGS,
    Action,
    MediaPurpose,
    RatingLevel,
    ReopenState,
)
from phananh.reports.models import Rating, ReopenRequest, Report
from phananh.sla.selectors import evaluation_window_ended


@report_action
def report_resolve(
    *, report: Report, actor: Actor, result: str, uploads: Sequence[IO[bytes]] = ()
) -> Report:
    """The agency publishes what it did; the reporter is then asked to rate it."""
    result = checked_text(result, field="result")
    locked = lock(report)
    report, event = transition(
        locked,
        actor,
        Action.RESOLVE,
        changes={
            "resolved_at": clock.now(),
            "resolution_round": locked.resolution_round + 1,
            "rating": "",
        },
        agency=locked.agency,
        public_note=result,
    )
    attach(report, event, uploads, MediaPurpose.RESULT, actor)
    return report


@report_action
def report_rate(*, report: Report, actor: Actor, level: str, comment: str = "") -> Report:
    """The reporter rates the result; an accepting rating closes the report."""
    if level not in RatingLevel.values:
        raise InvalidInput(_("Choose one of the four ratings."), code="bad_rating")
    comment = checked_text(comment, field="comment", required=False)
    locked = lock(report)
    lifecycle.authorize(Action.RATE, locked, actor)
    if Rating.objects.filter(report=locked, resolution_round=locked.resolution_round).exists():
        raise Conflict(_("This result has already been rated."), code="already_rated")
    closes = level in ACCEPTING_RATINGS
    now = clock.now()
    changes: dict[str, Any] = {"rating": level}
    if closes:
        changes["closed_at"] = now
    report, _event = transition(
        locked,
        actor,
        Action.RATE,
        changes=changes,
        target="" if closes else None,
        agency=locked.agency,
        public_note=privacy.mask(comment),
        payload={"level": level, "round": locked.resolution_round},
    )
    Rating.objects.create(
        report=report,
        resolution_round=report.resolution_round,
        level=level,
        comment=comment,
        agency=report.agency,
        created_at=now,
    )
    return report


def _reopen_pending(report: Report) -> bool:
    return report.reopen_requests.filter(
        resolution_round=report.resolution_round, state=ReopenState.PENDING
    ).exists()


@report_action
def report_request_reopen(
    *, report: Report, actor: Actor, reason: str, uploads: Sequence[IO[bytes]]
) -> Report:
    """The reporter says the problem is not fixed, with a reason and photo evidence."""
    reason = checked_text(reason, field="reason")
    if not uploads:
        raise InvalidInput(
            _("Add at least one photo showing that the problem is still there."),
            code="evidence_required",
            fields={"uploads": "required"},
        )
    locked = lock(report)
    lifecycle.authorize(Action.REQUEST_REOPEN, locked, actor)
    if _reopen_pending(locked):
        raise Conflict(_("A reopening request is already waiting for a decision."), code="pending")
    report, event = transition(
        locked,
        actor,
        Action.REQUEST_REOPEN,
        agency=locked.agency,
        public_note=privacy.mask(reason),
        internal_note=reason,
    )
    ReopenRequest.objects.create(
        report=report,
        resolution_round=report.resolution_round,
        reason=reason,
        created_at=clock.now(),
    )
    attach(report, event, uploads, MediaPurpose.REOPEN, actor)
    return report


def _reopen_request_decide(report: Report, actor: Actor, state: str, note: str) -> bool:
    updated = report.reopen_requests.filter(
        resolution_round=report.resolution_round, state=ReopenState.PENDING
    ).update(state=state, decided_at=clock.now(), decided_by_id=actor.user_id, decision_note=note)
    return bool(updated)


@report_action
def report_reopen(*, report: Report, actor: Actor, note: str) -> Report:
    """A supervisor sends the report back to its agency: the result was not good enough."""
    note = checked_text(note, field="note")
    locked = lock(report)
    pending = _reopen_pending(locked)
    report, _event = transition(
        locked,
        actor,
        Action.REOPEN,
        changes={"rating": ""},
        agency=locked.agency,
        public_note=note,
        payload={"request_accepted": pending},
    )
    _reopen_request_decide(report, actor, ReopenState.ACCEPTED, note)
    return report


@report_action
def report_refuse_reopen(*, report: Report, actor: Actor, note: str) -> Report:
    """A supervisor refuses the reporter's reopening request, with the reason in public."""
    note = checked_text(note, field="note")
    locked = lock(report)
    lifecycle.authorize(Action.REFUSE_REOPEN, locked, actor)
    if not _reopen_pending(locked):
        raise InvalidInput(_("There is no reopening request to refuse."), code="no_request")
    report, _event = transition(
        locked, actor, Action.REFUSE_REOPEN, agency=locked.agency, public_note=note
    )
    _reopen_request_decide(report, actor, ReopenState.REFUSED, note)
    return report


@report_action
def report_close(*, report: Report, actor: Actor, note: str = "") -> Report:
    """The IOC closes a handled report without waiting for the reporter's rating."""
    report, _event = transition(
        report,
        actor,
        Action.CLOSE,
        changes={"closed_at": clock.now()},
        public_note=checked_text(note, field="note", required=False),
    )
    return report


@report_action
def report_auto_close(*, report: Report, actor: Actor | None = None) -> Report:
    """Close a handled report whose evaluation window has passed without a rating."""
    actor = actor or Actor.system("deadline monitor")
    locked = lock(report)
    lifecycle.authorize(Action.AUTO_CLOSE, locked, actor)
    if not evaluation_window_ended(locked.pk, clock.now()):
        raise InvalidInput(_("The evaluation window is still open."), code="window_open")
    report, _event = transition(
        locked, actor, Action.AUTO_CLOSE, changes={"closed_at": clock.now()}
    )
    return report
