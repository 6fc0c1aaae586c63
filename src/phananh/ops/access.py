"""Who may use the console and what they see: the IOC everything, an agency its own reports,
observers everything but read-only; reporters' identities only for the IOC, which relays.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.selectors import actor_for_user
from phananh.reports import privacy
from phananh.reports.models import Report

IOC_ROLES = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)
AGENCY_ROLES = (Role.OFFICER, Role.HEAD)
STAFF_ROLES = (*IOC_ROLES, *AGENCY_ROLES, Role.OBSERVER)


def staff_actor(request: HttpRequest) -> Actor:
    """The signed-in staff member (login is enforced by the view), or 403."""
    actor = actor_for_user(request.user if request.user.is_authenticated else None)
    if not any(actor.has_role(role) for role in STAFF_ROLES):
        raise PermissionDenied(_("The console is for the operations centre and agencies."))
    return actor


def is_ioc(actor: Actor) -> bool:
    return any(actor.has_role(role) for role in IOC_ROLES)


def is_supervisor(actor: Actor) -> bool:
    return actor.has_role(Role.SUPERVISOR) or actor.has_role(Role.ADMIN)


def sees_everything(actor: Actor) -> bool:
    return is_ioc(actor) or actor.has_role(Role.OBSERVER)


def sees_reporter(actor: Actor) -> bool:
    """Only the IOC sees who reported: agencies and observers never do (reports/privacy.py)."""
    return privacy.sees_reporter(actor)


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied(_("You are not allowed to do this on this report."))


def report_visible(actor: Actor, report: Report) -> None:
    """404 (not 403: no hint that it exists) for a report outside the actor's agencies."""
    if sees_everything(actor):
        return
    if report.agency_id is None or report.agency_id not in actor.agency_ids(*AGENCY_ROLES):
        raise Http404("No report with this code.")
