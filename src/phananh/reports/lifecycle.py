"""The report lifecycle: one table with every consequence of every action.

This is where a report's life is decided. Each row of `TRANSITIONS` says, for one action:
from which statuses it may be taken and to which status it leads, who may take it, what it does
to the deadlines (`sla.effects.Effect`), whether its timeline event is public, and who is told
(the reporter, with which message; the report's followers; the city's staff). The services in
`reports/actions/` ask `authorize()` before they change anything and `reports/actions/_base.py`
applies the rest of the row; whatever the table does not list raises a domain error.
`reports/tests/test_lifecycle_table.py` walks the table and fails on an incomplete row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.core.errors import ActionNotAllowed, InvalidTransition
from phananh.notifications.templates import ReporterEvent, StaffAlert
from phananh.reports.choices import Action, Status, Visibility
from phananh.sla.choices import Step
from phananh.sla.effects import AGENCY_STEPS, NO_EFFECT, Effect

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

# The "status" of a report that does not exist yet: the source of `submit`.
NOWHERE = ""
# The service decides the event's visibility from its arguments (progress in public or not,
# an extension approved in public or refused internally).
EITHER = "either"


@dataclass(frozen=True)
class Tells:
    """Who hears about an action's (public) event, through `reports/fanout.py`.

    `reporter`: the message the reporter gets (`notifications.templates.ReporterEvent`);
    `followers`: the report's followers get the step; `staff`: the alert the city's staff get
    (`notifications.templates.StaffAlert`), when its condition holds (see `reports/notices/`).
    """

    reporter: str = ""
    followers: bool = False
    staff: str = ""

    def __bool__(self) -> bool:
        return bool(self.reporter or self.followers or self.staff)


NOBODY = Tells()


@dataclass(frozen=True)
class Transition:
    """An allowed move: `action` from any of `sources` to one of `targets`, by one of `roles`.

    `targets[0]` is where the action leads; a service may choose another listed target (a rating
    that does not close keeps the status: None). `deadlines` is applied only when the report
    ends in one of `deadlines_when` (every status when empty). `visibility` is the event's:
    public, internal, or EITHER (the service decides). `tells`: who hears about the event.
    """

    action: str
    sources: frozenset[str]
    targets: tuple[str | None, ...]
    roles: frozenset[str]
    deadlines: Effect = NO_EFFECT
    deadlines_when: frozenset[str] = frozenset()
    visibility: str = Visibility.PUBLIC
    tells: Tells = NOBODY

    def target_from(self, current: str, *, target: str | None = "") -> str:
        """The status after the action: `target` when given (it must be listed), else the
        first listed; None keeps `current`."""
        chosen = self.targets[0] if target == "" else target
        if chosen not in self.targets:
            raise ValueError(f"{self.action} cannot lead to {chosen}")
        return current if chosen is None else chosen

    def deadlines_apply_to(self, status: str) -> bool:
        """Whether the deadline effect applies to a report that ends in `status`."""
        return bool(self.deadlines) and (not self.deadlines_when or status in self.deadlines_when)


def _t(
    action: str,
    sources: Iterable[str],
    target: str | tuple[str | None, ...] | None,
    roles: Iterable[str],
    *,
    deadlines: Effect = NO_EFFECT,
    deadlines_when: Iterable[str] = (),
    visibility: str = Visibility.PUBLIC,
    tells: Tells = NOBODY,
) -> Transition:
    targets = target if isinstance(target, tuple) else (target,)
    return Transition(
        action=action,
        sources=frozenset(sources),
        targets=targets,
        roles=frozenset(roles),
        deadlines=deadlines,
        deadlines_when=frozenset(deadlines_when),
        visibility=visibility,
        tells=tells,
    )


S = Status
TRIAGE, EVALUATION = (Step.TRIAGE,), (Step.EVALUATION,)
PUBLIC, INTERNAL = Visibility.PUBLIC, Visibility.INTERNAL
# Before the IOC has routed it: where triage corrections are still the IOC's.
IN_TRIAGE = (S.NEW, S.RETURNED, S.INFO_REQUESTED)
WITH_AGENCY = (S.ASSIGNED, S.IN_PROGRESS, S.REOPENED)
# An urgent report entering triage alerts the operations centre at once, 24/7.
URGENT_TRIAGE = Tells(staff=StaffAlert.URGENT_REPORT)

TRANSITIONS: tuple[Transition, ...] = (
    # ── Intake ──────────────────────────────────────────────────────────────────────────
    # From any channel; held as unconfirmed until the reporter follows the emailed link.
    _t(
        Action.SUBMIT,
        (NOWHERE,),
        (S.NEW, S.UNCONFIRMED),
        {ANYONE},
        deadlines=Effect(start=TRIAGE),
        deadlines_when=(S.NEW,),
        tells=Tells(reporter=ReporterEvent.RECEIVED, staff=StaffAlert.URGENT_REPORT),
    ),
    _t(
        Action.CONFIRM,
        (S.UNCONFIRMED,),
        S.NEW,
        {REPORTER, SYSTEM},
        deadlines=Effect(start=TRIAGE),
        tells=Tells(reporter=ReporterEvent.RECEIVED, staff=StaffAlert.URGENT_REPORT),
    ),
    # ── Triage by the operations centre ─────────────────────────────────────────────────
    # The system assigns only when a category's auto-assign threshold is configured and passed.
    _t(
        Action.ASSIGN,
        (S.NEW, S.RETURNED),
        S.ASSIGNED,
        {*IOC, SYSTEM},
        deadlines=Effect(finish=TRIAGE, start=AGENCY_STEPS),
        tells=Tells(reporter=ReporterEvent.ASSIGNED, followers=True),
    ),
    _t(Action.CATEGORIZE, (*IN_TRIAGE, S.ASSIGNED), None, {*IOC, SYSTEM}),
    _t(
        Action.REJECT,
        IN_TRIAGE,
        S.REJECTED,
        IOC,
        deadlines=Effect(finish=TRIAGE),
        tells=Tells(reporter=ReporterEvent.REJECTED, followers=True),
    ),
    _t(
        Action.MERGE,
        IN_TRIAGE,
        S.MERGED,
        IOC,
        deadlines=Effect(finish=TRIAGE),
        tells=Tells(reporter=ReporterEvent.MERGED, followers=True),
    ),
    _t(
        Action.REQUEST_INFO,
        (S.NEW, S.RETURNED),
        S.INFO_REQUESTED,
        IOC,
        deadlines=Effect(pause=TRIAGE),
        tells=Tells(reporter=ReporterEvent.INFO_REQUESTED),
    ),
    _t(
        Action.ANSWER_INFO,
        (S.INFO_REQUESTED,),
        S.NEW,
        {REPORTER, SYSTEM, *IOC},
        deadlines=Effect(resume=TRIAGE),
    ),
    # Triage corrections while the report is still the IOC's to route.
    _t(Action.RELOCATE, IN_TRIAGE, None, IOC, visibility=INTERNAL),
    # Marked urgent (or normal) while awaiting triage: triage restarts on the new track's clock;
    # agencies keep the deadlines they were given.
    _t(
        Action.SET_TRACK,
        (*IN_TRIAGE, S.ASSIGNED, S.IN_PROGRESS),
        None,
        IOC,
        deadlines=Effect(cancel=TRIAGE, start=TRIAGE),
        deadlines_when=(S.NEW, S.RETURNED),
        tells=URGENT_TRIAGE,
    ),
    # Internal notes by the IOC on any report (agencies post internal progress instead).
    _t(Action.NOTE, S.values, None, IOC, visibility=INTERNAL),
    # Moderation (a comment, the public text, a photo): status untouched, the event is internal.
    _t(Action.MODERATE, S.values, None, IOC, visibility=INTERNAL),
    # ── The agency ───────────────────────────────────────────────────────────────────────
    _t(
        Action.AGENCY_ACCEPT,
        (S.ASSIGNED, S.REOPENED),
        S.IN_PROGRESS,
        AGENCY,
        deadlines=Effect(finish=(Step.ACCEPTANCE,)),
        tells=Tells(followers=True),
    ),
    _t(Action.ASSIGN_OFFICER, WITH_AGENCY, None, {Role.HEAD}, visibility=INTERNAL),
    # Not theirs: back to the IOC, whose triage clock starts again.
    _t(
        Action.RETURN,
        (S.ASSIGNED, S.IN_PROGRESS),
        S.RETURNED,
        AGENCY,
        deadlines=Effect(returned=AGENCY_STEPS, start=TRIAGE),
        visibility=INTERNAL,
        tells=URGENT_TRIAGE,
    ),
    _t(
        Action.PROGRESS,
        (S.IN_PROGRESS,),
        None,
        AGENCY,
        visibility=EITHER,
        tells=Tells(followers=True),
    ),
    _t(
        Action.RESOLVE,
        (S.IN_PROGRESS, S.REOPENED),
        S.RESOLVED,
        AGENCY,
        deadlines=Effect(finish=AGENCY_STEPS, start=EVALUATION),
        tells=Tells(reporter=ReporterEvent.RESOLVED, followers=True),
    ),
    # ── The outcome ─────────────────────────────────────────────────────────────────────
    # A rating that accepts the result closes the report; "unsatisfied" leaves it resolved.
    _t(
        Action.RATE,
        (S.RESOLVED,),
        (S.CLOSED, None),
        {REPORTER},
        deadlines=Effect(finish=EVALUATION),
        deadlines_when=(S.CLOSED,),
    ),
    _t(Action.REQUEST_REOPEN, (S.RESOLVED,), None, {REPORTER}, deadlines=Effect(finish=EVALUATION)),
    _t(
        Action.REOPEN,
        (S.RESOLVED,),
        S.REOPENED,
        SUPERVISION,
        deadlines=Effect(cancel=EVALUATION, start=AGENCY_STEPS),
        tells=Tells(reporter=ReporterEvent.REOPENED, followers=True),
    ),
    _t(
        Action.REFUSE_REOPEN,
        (S.RESOLVED,),
        None,
        SUPERVISION,
        deadlines=Effect(start=EVALUATION),
    ),
    _t(
        Action.CLOSE,
        (S.RESOLVED,),
        S.CLOSED,
        IOC,
        deadlines=Effect(finish=EVALUATION),
        tells=Tells(reporter=ReporterEvent.CLOSED, followers=True),
    ),
    _t(
        Action.AUTO_CLOSE,
        (S.RESOLVED,),
        S.CLOSED,
        {SYSTEM},
        deadlines=Effect(finish=EVALUATION),
        tells=Tells(reporter=ReporterEvent.CLOSED, followers=True),
    ),
    # ── Deadlines ───────────────────────────────────────────────────────────────────────
    # The monitor records a passed deadline in public; agencies ask for more time.
    _t(
        Action.ESCALATE,
        (S.NEW, S.RETURNED, *WITH_AGENCY),
        None,
        {SYSTEM},
        tells=Tells(followers=True, staff=StaffAlert.DEADLINE_OVERDUE),
    ),
    _t(Action.REQUEST_EXTENSION, WITH_AGENCY, None, AGENCY, visibility=INTERNAL),
    _t(
        Action.DECIDE_EXTENSION,
        WITH_AGENCY,
        None,
        SUPERVISION,
        visibility=EITHER,
        tells=Tells(reporter=ReporterEvent.DEADLINE_EXTENDED, followers=True),
    ),
    # ── The reporter's account (no change of status; reports/actions/privacy.py) ──────────
    # Reports sent from an address are linked to the account that proved the address is its own.
    _t(Action.CLAIM, S.values, None, {REPORTER}, visibility=INTERNAL),
    # A reporter who deletes their account: the report stays, without them.
    _t(Action.ANONYMISE, S.values, None, {REPORTER, SYSTEM, Role.ADMIN}, visibility=INTERNAL),
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
    order = [
        REPORTER,
        Role.OFFICER,
        Role.HEAD,
        Role.OPERATOR,
        Role.SUPERVISOR,
        Role.ADMIN,
        SYSTEM,
        ANYONE,
    ]
    return next(role for role in order if role in granted)


def allowed_actions(report: Report, actor: Actor) -> list[str]:
    """The actions this actor may take on this report now (for buttons and the API)."""
    roles = roles_of(actor, report)
    return [
        t.action
        for t in TRANSITIONS
        if report.status in t.sources and t.roles & roles and t.action not in _NOT_BUTTONS
    ]


# Steps nobody chooses from a report's page: they happen to it.
_NOT_BUTTONS = frozenset({Action.SUBMIT, Action.CLAIM, Action.ANONYMISE})
