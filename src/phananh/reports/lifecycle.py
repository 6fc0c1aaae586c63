"""The report lifecycle: one explicit table of (action, from statuses, to status, roles).

This is where a report's life is decided. Every service in services.py asks `authorize()` before
it changes anything; whatever the table does not list raises a domain error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.core.errors import ActionNotAllowed, InvalidTransition
from phananh.reports.choices import Action, Status

if TYPE_CHECKING:
    from phananh.reports.models import Report

# Pseudo-roles decided per report rather than by membership.
REPORTER = "reporter"  # the report's own reporter (account, or a signed link)
SYSTEM = "system"  # channels, the worker, the deadline monitor
ANYONE = "anyone"  # anybody, signed in or not (submitting a report)

IOC = frozenset({Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN})
SUPERVISION = frozenset({Role.SUPERVISOR, Role.ADMIN})
AGENCY = frozenset({Role.OFFICER, Role.HEAD})
# Roles that act only on reports of their own agency.
AGENCY_SCOPED = AGENCY


@dataclass(frozen=True)
class Transition:
    """An allowed move: `action` from any of `sources` to `target` (None: status unchanged).

    `may_keep`: the service may also leave the status unchanged (a rating that does not close).
    """

    action: str
    sources: frozenset[str]
    target: str | None
    roles: frozenset[str]
    may_keep: bool = False

    def target_from(self, current: str, *, keep: bool = False) -> str:
        if keep and not self.may_keep:
            raise ValueError(f"{self.action} always moves to {self.target}")
        return current if keep or self.target is None else self.target


def _t(
    action: str, sources: tuple[str, ...], target: str | None, roles, *, may_keep: bool = False
) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles), may_keep)


S = Status
TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.CONFIRM, (S.UNCONFIRMED,), S.NEW, {REPORTER, SYSTEM}),
    # The system assigns only when a category's auto-assign threshold is configured and passed.
    _t(Action.ASSIGN, (S.NEW, S.RETURNED), S.ASSIGNED, {*IOC, SYSTEM}),
    # Moderation (a comment, the public text, a photo): status untouched, the event is internal.
    _t(Action.MODERATE, tuple(S.values), None, IOC),
    # Triage corrections by the IOC while the report is still its to route.
    _t(Action.RELOCATE, (S.NEW, S.RETURNED, S.INFO_REQUESTED), None, IOC),
    _t(
        Action.SET_TRACK,
        (S.NEW, S.RETURNED, S.INFO_REQUESTED, S.ASSIGNED, S.IN_PROGRESS),
        None,
        IOC,
    ),
    # Internal notes by the IOC on any report (agencies post internal progress instead).
    _t(Action.NOTE, tuple(S.values), None, IOC),
    _t(Action.ASSIGN_OFFICER, (S.ASSIGNED, S.IN_PROGRESS, S.REOPENED), None, {Role.HEAD}),
    _t(
        Action.CATEGORIZE,
        (S.NEW, S.RETURNED, S.INFO_REQUESTED, S.ASSIGNED),
        None,
        {*IOC, SYSTEM},
    ),
    _t(Action.REJECT, (S.NEW, S.RETURNED, S.INFO_REQUESTED), S.REJECTED, IOC),
    _t(Action.MERGE, (S.NEW, S.RETURNED, S.INFO_REQUESTED), S.MERGED, IOC),
    _t(Action.REQUEST_INFO, (S.NEW, S.RETURNED), S.INFO_REQUESTED, IOC),
    _t(Action.ANSWER_INFO, (S.INFO_REQUESTED,), S.NEW, {REPORTER, SYSTEM, *IOC}),
    _t(Action.AGENCY_ACCEPT, (S.ASSIGNED, S.REOPENED), S.IN_PROGRESS, AGENCY),
    _t(Action.RETURN, (S.ASSIGNED, S.IN_PROGRESS), S.RETURNED, AGENCY),
    _t(Action.PROGRESS, (S.IN_PROGRESS,), None, AGENCY),
    _t(Action.RESOLVE, (S.IN_PROGRESS, S.REOPENED), S.RESOLVED, AGENCY),
    # A rating that accepts the result closes the report; "unsatisfied" leaves it resolved.
    _t(Action.RATE, (S.RESOLVED,), S.CLOSED, {REPORTER}, may_keep=True),
    _t(Action.REQUEST_REOPEN, (S.RESOLVED,), None, {REPORTER}),
    _t(Action.REOPEN, (S.RESOLVED,), S.REOPENED, SUPERVISION),
    _t(Action.REFUSE_REOPEN, (S.RESOLVED,), None, SUPERVISION),
    _t(Action.CLOSE, (S.RESOLVED,), S.CLOSED, IOC),
    _t(Action.AUTO_CLOSE, (S.RESOLVED,), S.CLOSED, {SYSTEM}),
    # Deadlines (sla): the monitor records a passed deadline; agencies ask for more time.
    _t(
        Action.ESCALATE,
        (S.NEW, S.RETURNED, S.ASSIGNED, S.IN_PROGRESS, S.REOPENED),
        None,
        {SYSTEM},
    ),
    _t(Action.REQUEST_EXTENSION, (S.ASSIGNED, S.IN_PROGRESS, S.REOPENED), None, AGENCY),
    _t(Action.DECIDE_EXTENSION, (S.ASSIGNED, S.IN_PROGRESS, S.REOPENED), None, SUPERVISION),
)
TABLE: dict[str, Transition] = {t.action: t for t in TRANSITIONS}


def roles_of(actor: Actor, report: Report) -> frozenset[str]:
    """The roles this actor holds *for this report* (agency roles only for its own agency)."""
    roles: set[str] = {ANYONE}
    if actor.is_system:
        roles.add(SYSTEM)
    if actor.reporter_of is not None and actor.reporter_of == report.pk:
        roles.add(REPORTER)
    if actor.user_id is not None and actor.user_id == report.reporter_id:
        roles.add(REPORTER)
    for role in actor.roles:
        if role in AGENCY_SCOPED:
            if report.agency_id is not None and actor.has_role(role, report.agency_id):
                roles.add(role)
        else:
            roles.add(role)
    return frozenset(roles)


def authorize(action: str, report: Report, actor: Actor) -> tuple[Transition, str]:
    """Check the table; return the transition and the role it was allowed under."""
    transition = TABLE[action]
    if report.status not in transition.sources:
        raise InvalidTransition(
            _("This action is not possible while the report is “%(status)s”.")
            % {"status": Status(report.status).label},
            code="invalid_transition",
        )
    granted = transition.roles & roles_of(actor, report)
    if not granted:
        raise ActionNotAllowed(
            _("You are not allowed to do this on this report."), code="forbidden"
        )
    return transition, _role_label(granted)


def _role_label(granted: frozenset[str]) -> str:
    order = [REPORTER, Role.OFFICER, Role.HEAD, Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN, SYSTEM]
    return next(role for role in order if role in granted)


def allowed_actions(report: Report, actor: Actor) -> list[str]:
    """The actions this actor may take on this report now (for buttons and the API)."""
    roles = roles_of(actor, report)
    return [t.action for t in TRANSITIONS if report.status in t.sources and t.roles & roles]
