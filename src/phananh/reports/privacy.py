"""Who may know who reported, and what everyone else reads instead: the one rule every page,
export, email and API answer goes through (docs/privacy.md).

- Only the operations centre (operators, supervisors, administrators) sees the reporter — the
  account, name, email, phone, chat profile — and the reporter's own words as typed: it relays
  between the reporter and the agency, and must be able to call back.
- Everyone else (the agency handling the report, observers, the public, integrators) reads
  "the reporter" wherever the reporter acted, and the masked copies of what they wrote: the
  public description, the public address, masked notes and attribute values.
- `mask` is the masking every stored public copy is made with (at write time, so lists never
  run a regex per row).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.core.text import redact_personal_data
from phananh.reports.choices import Action
from phananh.reports.lifecycle import REPORTER, SYSTEM
from phananh.reports.models import Event, Report

IOC_ROLES = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)
# Steps only the reporter takes (whoever typed them in: a switchboard operator, a channel).
REPORTER_ACTIONS = frozenset(
    {
        Action.SUBMIT,
        Action.CONFIRM,
        Action.ANSWER_INFO,
        Action.RATE,
        Action.REQUEST_REOPEN,
        Action.CLAIM,
    }
)


# Who acted, as the public and the agency may know it: a role, never a person's name.
PUBLIC_ROLES = ("reporter", "operations_centre", "agency", "system")
_PUBLIC_ROLE = {
    REPORTER: "reporter",
    Role.OFFICER: "agency",
    Role.HEAD: "agency",
    Role.OPERATOR: "operations_centre",
    Role.SUPERVISOR: "operations_centre",
    Role.ADMIN: "operations_centre",
    SYSTEM: "system",
}


def public_role(event: Event) -> str:
    """The role that took this step, from the role the lifecycle table granted it (recorded in
    `actor_role`): the reporter's own steps are the reporter's whoever typed them in (a
    switchboard operator, a channel); every page, feed and API answer credits through this."""
    if event.actor_role == REPORTER or event.action in REPORTER_ACTIONS:
        return "reporter"
    return _PUBLIC_ROLE.get(event.actor_role, "system")


def public_credit(event: Event) -> str:
    """The role's name as a reader sees it: "Reporter", "Operations centre", the agency's name;
    "" for the system's own steps (a passed deadline, closing after the rating window)."""
    role = public_role(event)
    if role == "reporter":
        return _("Reporter")
    if role == "operations_centre":
        return _("Operations centre")
    if role == "agency":
        return event.agency.name if event.agency_id and event.agency else _("Handling agency")
    return ""


def mask(text: str) -> str:
    """The copy of a person's text that anyone but the operations centre may read."""
    return redact_personal_data(text or "", plates=settings.MASK_PLATES)


def sees_reporter(actor: Actor) -> bool:
    """True only for the operations centre: agencies, observers and the public never do."""
    return any(actor.has_role(role) for role in IOC_ROLES)


def by_reporter(event: Event, report: Report) -> bool:
    """Whether this step was the reporter's (their account, their link, or their channel)."""
    if event.actor_role == REPORTER or event.action in REPORTER_ACTIONS:
        return True
    return event.actor_id is not None and event.actor_id == report.reporter_id


# The labels events store for actors without a name (accounts/actors.py): codes, not words.
_NAMELESS = {
    "anonymous": gettext_noop("A resident"),
    "reporter": gettext_noop("the reporter"),
    "system": gettext_noop("the system"),
    "deadline monitor": gettext_noop("the deadline monitor"),
}


def actor_label(event: Event, report: Report, *, sees: bool) -> str:
    """Who acted, as this reader may know it: "the reporter" instead of the reporter's name."""
    if not sees and by_reporter(event, report):
        return _("the reporter")
    nameless = _NAMELESS.get(event.actor_label)
    return _(nameless) if nameless else event.actor_label


def event_for(event: Event, report: Report, *, sees: bool) -> Event:
    """The event with what this reader may see of it: `shown_actor`, `shown_public_note`,
    `shown_internal_note` (masked unless the reader is the operations centre)."""
    event.shown_actor = actor_label(event, report, sees=sees)
    event.shown_public_note = event.public_note if sees else mask(event.public_note)
    event.shown_internal_note = event.internal_note if sees else mask(event.internal_note)
    return event


def report_for(report: Report, *, sees: bool, with_attributes: bool = True) -> Report:
    """The report with `shown_text`, `shown_address` and `shown_attributes` (code, value
    pairs) for this reader."""
    report.shown_text = report.text if sees else report.public_text
    report.shown_address = report.address if sees else public_address(report)
    if not with_attributes:  # lists: no regex per row
        report.shown_attributes = []
        return report
    attributes = report.attributes if sees else attributes_masked(report.attributes)
    report.shown_attributes = (
        [
            (str(code), ", ".join(map(str, value)) if isinstance(value, list) else str(value))
            for code, value in (attributes or {}).items()
        ]
        if isinstance(attributes, dict)
        else []
    )
    return report


def public_address(report: Report) -> str:
    """The masked address kept beside the typed one (rows from before the column: masked now)."""
    if report.public_address is not None:
        return report.public_address
    return mask(report.address)


def attributes_masked(attributes: Any) -> Any:
    """Attribute values with personal data masked (free-text values may hold a phone)."""
    if isinstance(attributes, str):
        return mask(attributes)
    if isinstance(attributes, list):
        return [attributes_masked(value) for value in attributes]
    if isinstance(attributes, dict):
        return {key: attributes_masked(value) for key, value in attributes.items()}
    return attributes


def comment_name(user_id: int | None) -> str:
    """The name a person chose to sign comments with ("" reads "a resident"), masked."""
    from django.contrib.auth import get_user_model

    if user_id is None:
        return ""
    name = get_user_model().objects.filter(pk=user_id).values_list("comment_name", flat=True)
    return mask((name.first() or "")[:150])


def text_for(text: str, *, sees: bool) -> str:
    """A person's free text (a reopening reason, a note) as this reader may read it."""
    return text if sees else mask(text)
