"""What the public may see of a report: one rule, used by every public edge.

Portal pages and lists, the map, feeds, the REST API, Open311, webhooks, comments, "me too" and
following all ask this module. A report is **published** when it is not hidden and its status
is public under `settings.PUBLISH_ON`:

* `confirm` (the default): every confirmed report — from the moment the emailed link is followed,
  or at once when an account, an integrator's key, a chat or an operator's call vouches for it —
  with the status "received", then every later step; a rejected report stays public and says
  why it was not accepted.
* `triage`: only once the operations centre referred it to an agency (and after).

A **hidden** report (spam, abuse, personal data: `reports.actions.moderation.report_hide`) is
gone from every edge; its page answers 410 with the short reason (`hidden_reason_label`).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q

from phananh.reports.choices import ACCEPTED_STATUSES, CONFIRMED_STATUSES, HiddenReason


def published_statuses() -> tuple[str, ...]:
    """The statuses in which a report that is not hidden is public."""
    return ACCEPTED_STATUSES if settings.PUBLISH_ON == "triage" else CONFIRMED_STATUSES


def published_q(prefix: str = "") -> Q:
    """The rule as a filter; `prefix` for a relation (`"report__"`)."""
    return Q(**{f"{prefix}status__in": published_statuses(), f"{prefix}is_hidden": False})


def is_published(status: str, is_hidden: bool) -> bool:
    """The rule for one report's values (the model's `is_published` calls it)."""
    return not is_hidden and status in published_statuses()


def hidden_reason_label(reason: str | None) -> str:
    """The short public reason a hidden report gives (in the active language)."""
    if reason in HiddenReason.values:
        return str(HiddenReason(reason).label)
    return str(HiddenReason.OTHER.label)
