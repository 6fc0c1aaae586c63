"""Writes for deadline policies: a city's data sets the time each step may take."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from phananh.core.upsert import Outcome, row_upsert
from phananh.sla.models import SlaPolicy

if TYPE_CHECKING:
    from phananh.catalog.models import Category


@transaction.atomic
def policy_upsert(
    *,
    category: Category | None,
    track: str,
    triage: tuple[Decimal, str],
    acceptance: tuple[Decimal, str],
    resolution: tuple[Decimal, str],
    evaluation_days: int = 7,
    reminder_percent: int = 75,
    max_extensions: int = 1,
) -> tuple[SlaPolicy, Outcome]:
    """Create the policy of a category (None: every category) and track, or bring it to these
    values; each step is (amount, unit). Running deadlines keep the amount they started with."""
    return row_upsert(
        SlaPolicy,
        lookup={"category": category, "track": track},
        values={
            "triage_amount": triage[0],
            "triage_unit": triage[1],
            "acceptance_amount": acceptance[0],
            "acceptance_unit": acceptance[1],
            "resolution_amount": resolution[0],
            "resolution_unit": resolution[1],
            "evaluation_days": evaluation_days,
            "reminder_percent": reminder_percent,
            "max_extensions": max_extensions,
        },
    )
