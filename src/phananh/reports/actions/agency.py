"""The agency's steps: take the report on, put an officer in charge, return it, post progress."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.core.errors import InvalidInput
from phananh.reports.actions._base import (
    attach,
    checked_text,
    lock,
    report_action,
    transition,
)
from phananh.reports.choices import Action, MediaPurpose, Visibility
from phananh.reports.models import Report


@report_action
def report_agency_accept(*, report: Report, actor: Actor, note: str = "") -> Report:
    """The agency takes the report on."""
    report, _event = transition(
        report,
        actor,
        Action.AGENCY_ACCEPT,
        changes={"officer_id": actor.user_id} if actor.user_id else {},
        agency=report.agency,
        public_note=checked_text(note, field="note", required=False),
    )
    return report


@report_action
def report_assign_officer(*, report: Report, actor: Actor, officer_id: int) -> Report:
    """An agency head puts one of the agency's officers in charge."""
    locked = lock(report)
    # Every membership has an agency: a report with none has no officer to choose.
    user = (
        get_user_model()
        .objects.filter(
            pk=officer_id,
            is_active=True,
            memberships__agency_id=locked.agency_id,
            memberships__role__in=(Role.OFFICER, Role.HEAD),
        )
        .first()
        if locked.agency_id is not None
        else None
    )
    if user is None:
        raise InvalidInput(
            _("Choose an officer of the agency handling this report."), code="bad_officer"
        )
    report, _event = transition(
        locked,
        actor,
        Action.ASSIGN_OFFICER,
        changes={"officer": user},
        payload={"officer": user.pk},
    )
    return report


@report_action
def report_return(*, report: Report, actor: Actor, reason: str) -> Report:
    """The agency says the report is not theirs; it goes back to the IOC to be reassigned."""
    agency = report.agency
    report, _event = transition(
        report,
        actor,
        Action.RETURN,
        changes={"agency": None, "officer": None},
        agency=agency,
        internal_note=checked_text(reason, field="reason"),
        payload={"agency": agency.code if agency else None},
    )
    return report


@report_action
def report_progress(
    *,
    report: Report,
    actor: Actor,
    note: str,
    public: bool = True,
    uploads: Sequence[IO[bytes]] = (),
) -> Report:
    """The agency posts progress, in public or for the IOC only."""
    note = checked_text(note, field="note")
    report, event = transition(
        report,
        actor,
        Action.PROGRESS,
        agency=report.agency,
        public_note=note if public else "",
        internal_note="" if public else note,
        visibility=Visibility.PUBLIC if public else Visibility.INTERNAL,
    )
    attach(report, event, uploads, MediaPurpose.PROGRESS, actor)
    return report
