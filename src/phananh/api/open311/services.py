"""Writes for Open311: a new request goes through the one intake; an agency's update becomes
the matching lifecycle actions. Nothing here decides who may do what: reports/lifecycle.py does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.models import ApiKey
from phananh.api.open311.formats import Open311Error
from phananh.reports.actions.agency import report_agency_accept, report_progress, report_return
from phananh.reports.actions.intake import report_intake
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.participation import comment_add
from phananh.reports.actions.triage import report_answer_info
from phananh.reports.choices import Action, Status
from phananh.reports.drafts import ReportDraft
from phananh.reports.models import Comment, Event, Report
from phananh.reports.privacy import mask


def open311_request_create(*, actor: Actor, draft: ReportDraft) -> Report:
    """File the request through the one intake, confirmed: it goes straight to triage.

    The integrator vouches for its users (there is no emailed link to follow), so the report
    is confirmed; the reporter's contact details are kept private like any channel's. A request
    without a description is described by its service and address.
    """
    if not draft.text and draft.category is not None:
        text = " · ".join(part for part in (draft.category.name, draft.address) if part)
        draft = replace(draft, text=text)
    return report_intake(actor=actor, draft=draft)


# servicerequestupdates `status` values: open/closed (the extension), and FixMyStreet's
# extended statuses, each to what the agency means by it.
PROGRESS_STATUSES = frozenset({"OPEN", "IN_PROGRESS", "ACTION_SCHEDULED", "INVESTIGATING"})
RESOLVE_STATUSES = frozenset({"CLOSED", "FIXED"})
RETURN_STATUSES = frozenset({"NOT_COUNCILS_RESPONSIBILITY", "INTERNAL_REFERRAL"})
UPDATE_STATUSES = PROGRESS_STATUSES | RESOLVE_STATUSES | RETURN_STATUSES


def _latest_event(report: Report) -> Event | None:
    return Event.objects.filter(report=report).order_by("-created_at", "-id").first()


def _event_just_left(report: Report) -> Event:
    """The event the action just taken left (every action leaves one)."""
    event = _latest_event(report)
    assert event is not None, "an action on the report left no event"
    return event


def _repeat_of(report: Report, actor: Actor, status: str, description: str) -> Event | None:
    """The same update posted again (a client retrying): answered with the first one's id."""
    latest = _latest_event(report)
    # Public notes are stored masked (reports/privacy.py): compare with the masked description.
    if latest is None or latest.actor_label != actor.label:
        return None
    if latest.public_note not in (description, mask(description)):
        return None
    done = {
        "progress": PROGRESS_STATUSES,
        "agency_accept": PROGRESS_STATUSES,
        "resolve": RESOLVE_STATUSES,
    }
    return latest if status in done.get(latest.action, frozenset()) else None


@transaction.atomic
def open311_update_post(
    *,
    actor: Actor,
    report: Report,
    status: str,
    description: str,
    uploads: Sequence[IO[bytes]] = (),
) -> Event:
    """An agency's own system reports progress or a result; returns the event it became.

    open (and in-progress statuses): the agency takes the report on if it was just referred,
    otherwise posts the description as a public progress note. closed (or FIXED): the result,
    after taking the report on if needed. NOT_COUNCILS_RESPONSIBILITY / INTERNAL_REFERRAL: the
    report goes back to the operations centre. The lifecycle refuses anything else.
    """
    status = status.upper()
    if status not in UPDATE_STATUSES:
        raise Open311Error(
            400,
            _("status must be open or closed (or one of %(others)s).")
            % {"others": ", ".join(sorted(UPDATE_STATUSES - {"OPEN", "CLOSED"}))},
        )
    repeated = _repeat_of(report, actor, status, description)
    if repeated is not None:
        return repeated
    if status in RETURN_STATUSES:
        if not description:
            raise Open311Error(400, _("description is required: say why it is not yours."))
        report_return(report=report, actor=actor, reason=description)
    elif status in PROGRESS_STATUSES:
        if report.status in (Status.ASSIGNED, Status.REOPENED):
            report_agency_accept(report=report, actor=actor, note=description)
        else:
            if not description:
                raise Open311Error(400, _("description is required for a progress update."))
            report_progress(report=report, actor=actor, note=description, uploads=uploads)
    else:
        if not description:
            raise Open311Error(400, _("description is required: say what was done."))
        if report.status == Status.ASSIGNED:
            report = report_agency_accept(report=report, actor=actor)
        report_resolve(report=report, actor=actor, result=description, uploads=uploads)
    return _event_just_left(report)


def _filed_by(report: Report, key: ApiKey) -> bool:
    return Event.objects.filter(
        report=report, action=Action.SUBMIT, payload__api_key=key.pk
    ).exists()


def _integrator_name(key: ApiKey) -> str:
    """How the page names a comment an integrator relays: its platform, never the person."""
    return _("A resident, via %(platform)s") % {"platform": key.name[:100]}


@transaction.atomic
def open311_comment_post(
    *, key: ApiKey, report: Report, description: str, uploads: Sequence[IO[bytes]] = ()
) -> str:
    """An integrator relays what its user wrote about a report; returns the update_id.

    From the key that filed the report, while the operations centre waits for an answer, it is
    that answer (the report goes back to triage, with the photos). Otherwise it is a public
    comment on the published report, under the platform's name (the person's name, address and
    phone stay with the integrator). The same text posted again returns the first update_id.
    """
    if not description:
        raise Open311Error(400, _("description is required: it is the comment."))
    if report.status == Status.INFO_REQUESTED and _filed_by(report, key):
        reporter = Actor(label=f"{key.name} (API)"[:150], reporter_of=report.pk, api_key_id=key.pk)
        report_answer_info(report=report, actor=reporter, answer=description, uploads=uploads)
        return str(_event_just_left(report).pk)
    if report.is_hidden or not report.is_published:
        raise Open311Error(404, _("No request with id “%(id)s”.") % {"id": report.code})
    author = _integrator_name(key)
    earlier = Comment.objects.filter(
        report=report,
        author__isnull=True,
        author_name=author,
        text=mask(description[:2000]),
    ).first()
    if earlier is not None:
        return f"c{earlier.pk}"
    actor = Actor(label=f"{key.name} (API)"[:150], api_key_id=key.pk)
    comment = comment_add(report=report, actor=actor, text=description[:2000], author_name=author)
    return f"c{comment.pk}"
