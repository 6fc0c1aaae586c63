"""The reporter's account and their reports: linking reports sent from an address to the account
that proved it, and removing a person from everything they reported when their account goes.

Each report touched gets one internal event (`claim`, `anonymise`); its status does not change.
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import Q
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.core.errors import ActionNotAllowed
from phananh.reports.actions._base import report_action, transition
from phananh.reports.choices import Action
from phananh.reports.models import Comment, Event, Report

# What the timeline keeps of a person whose account is gone: a role, never a name.
DELETED_ACCOUNT_LABEL = "deleted account"


@report_action
def report_claim_by_email(*, actor: Actor, email: str) -> list[Report]:
    """Attach reports sent without an account from this address to the actor's account.

    Call it only once the actor has proved the address is theirs (a verification or sign-in
    link): that proof makes them the reporter of each report sent from it.
    """
    if actor.user_id is None:
        raise ActionNotAllowed(_("Sign in first."), code="login_required")
    email = email.strip().lower()
    if not email:
        return []
    claimed = []
    pending = Report.objects.filter(reporter__isnull=True, reporter_email=email)
    for report in pending.order_by("submitted_at", "id"):
        report, _event = transition(
            report,
            replace(actor, reporter_of=report.pk),
            Action.CLAIM,
            changes={"reporter_id": actor.user_id},
        )
        claimed.append(report)
    return claimed


_FORGOTTEN = {
    "reporter": None,
    "reporter_name": "",
    "reporter_email": "",
    "reporter_phone": "",
    "reporter_channel_id": "",
    "is_anonymous": True,
}


@report_action
def reports_anonymise_reporter(*, actor: Actor, user_id: int, email: str = "") -> int:
    """Remove a person from everything they reported or wrote, before their account is deleted.

    Their reports stay (the city's work on them is public record) but lose the account link,
    name, email and phone, and become anonymous; reports sent without an account from `email`
    too. Their comments stay under a neutral name. Supports stay counted. The labels of their
    past timeline events are replaced by a neutral one: the only rewrite of events, allowed
    because it removes personal data and leaves what happened, when and in which status.
    Returns how many reports were anonymised.
    """
    themselves = actor.user_id == user_id
    if not (actor.is_system or themselves or actor.has_role(Role.ADMIN)):
        raise ActionNotAllowed(_("You may only delete your own account."), code="forbidden")
    email = email.strip().lower()
    theirs = Q(reporter_id=user_id)
    if email:
        theirs |= Q(reporter__isnull=True, reporter_email=email)
    neutral = Actor(label=DELETED_ACCOUNT_LABEL, is_system=actor.is_system)
    count = 0
    for report in Report.objects.filter(theirs).order_by("id"):
        transition(
            report,
            # Their own account, or the address they proved, makes them each report's reporter.
            replace(actor, reporter_of=report.pk) if themselves else actor,
            Action.ANONYMISE,
            changes=_FORGOTTEN,
            recorded_as=neutral,
        )
        count += 1
    Comment.objects.filter(author_id=user_id).update(author=None, author_name="")
    # Event.objects refuses updates (append-only); the base manager is the deliberate exception.
    Event._base_manager.filter(actor_id=user_id).update(
        actor=None, actor_label=DELETED_ACCOUNT_LABEL
    )
    return count
