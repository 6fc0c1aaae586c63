"""An agency's answer, wherever it comes from (its system's updates, the signed email link, a
reply), becomes the agency's lifecycle step through the same services as the console's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.models import Agency
from phananh.reports.actions.agency import report_agency_accept, report_progress, report_return
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.choices import Status
from phananh.reports.models import Report

# FixMyStreet's statuses (lower case, _ or space) and Open311's, to what the agency means.
PROGRESS = {"open", "investigating", "in_progress", "action_scheduled", "planned", "reopen"}
RESOLVED = {"fixed", "closed"}
NOT_OURS = {
    "not_councils_responsibility",
    "internal_referral",
    "duplicate",
    "no_further_action",
    "unable_to_fix",
    "cancelled",
}
STEPS = ("accept", "progress", "resolve", "return")


def agency_actor(agency: Agency, via: str) -> Actor:
    """The agency itself, acting as its officer (no account): `via` says how it answered."""
    return Actor(
        label=f"{agency.name_vi} ({via})"[:150], memberships=frozenset({(Role.OFFICER, agency.pk)})
    )


def step_for_status(status: str) -> str:
    normalised = status.strip().lower().replace(" ", "_")
    if normalised in RESOLVED:
        return "resolve"
    if normalised in NOT_OURS:
        return "return"
    if normalised in PROGRESS:
        return "progress"
    return ""


def agency_step(
    *,
    report: Report,
    actor: Actor,
    step: str,
    text: str,
    uploads: Sequence[IO[bytes]] = (),
) -> Report:
    """Take the step: accept (when just referred), progress, resolve (accepting first if
    needed), or return. The lifecycle table refuses whatever the report's status does not allow.
    """
    report.refresh_from_db()
    if step == "return":
        return report_return(report=report, actor=actor, reason=text or _("Not ours to handle."))
    if report.status in (Status.ASSIGNED, Status.REOPENED):
        report = report_agency_accept(
            report=report, actor=actor, note=text if step in ("accept", "progress") else ""
        )
        if step in ("accept", "progress"):
            return report
    if step == "resolve":
        return report_resolve(
            report=report, actor=actor, result=text or _("Handled."), uploads=uploads
        )
    if step == "progress" and text:
        return report_progress(report=report, actor=actor, note=text, uploads=uploads)
    return report
