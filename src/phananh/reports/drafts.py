"""What every channel hands the intake: one typed draft of a report.

The web form, the REST API, Open311, email, Messenger and Zalo, and the switchboard each turn
what they received into a `ReportDraft`, and `reports.actions.intake.report_intake` takes it in:
the same validation, routing, deadlines and events wherever a report comes from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO

from phananh.catalog.models import Category
from phananh.sla.choices import Track


@dataclass(frozen=True)
class Contact:
    """How to reach the reporter; private to the operations centre, never published."""

    name: str = ""
    email: str = ""
    phone: str = ""
    # The sender's id on a chat platform (Messenger, Zalo), to answer them there.
    channel_id: str = ""


@dataclass(frozen=True)
class ReportDraft:
    """A report as received, before the intake checks and files it.

    `point` is (latitude, longitude). `attributes` are the sender's answers to the category's
    questions by attribute code (`catalog/attributes.py` checks them); None when the channel
    does not ask them (the web form, email, chat, the switchboard), so none is required.
    `media_url`: a photo's address the sender gave (kept, never fetched). `confirmed=False`
    holds the report until the reporter follows the emailed link. A `submission_key` already
    used by the same sender returns the report filed then instead of a copy. `campaign`: the
    slug of a running campaign the reporter picked (reports/intake_hooks.py).
    """

    text: str
    channel: str
    category: Category | None = None
    point: tuple[float, float] | None = None
    address: str = ""
    uploads: Sequence[IO[bytes]] = ()
    contact: Contact = field(default_factory=Contact)
    anonymous: bool = False
    track: str = Track.NORMAL
    attributes: Mapping[str, Sequence[str]] | None = None
    media_url: str = ""
    submission_key: str = ""
    language: str = "vi"
    confirmed: bool = True
    # The campaign the reporter chose (its slug), checked by the campaigns' intake hook.
    campaign: str = ""
