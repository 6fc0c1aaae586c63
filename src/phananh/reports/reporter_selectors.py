"""Reads for a person's own account pages: the reports they sent and the ones they support.

Kept apart from selectors.py, whose visibility is the public's or the staff's: here the reporter
sees their own reports in every status, and only their own.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from phananh.core.db import keyset_after
from phananh.reports.models import Report, Support
from phananh.reports.selectors import LIST_DEFERRED
from phananh.reports.visibility import published_q


def report_list_for_reporter(
    user_id: int, *, after: tuple[datetime, int] | None = None
) -> QuerySet[Report]:
    """The reports whose account is `user_id`, newest first, from a keyset cursor if given."""
    reports = (
        Report.objects.filter(reporter_id=user_id)
        .select_related("category", "area")
        .defer("search_text", "attributes", *LIST_DEFERRED)
        .order_by("-submitted_at", "-id")
    )
    if after is not None:
        moment, pk = after
        reports = keyset_after(reports, "submitted_at", moment, pk)
    return reports


def report_list_supported_by(user_id: int) -> QuerySet[Report]:
    """Published reports this person said "me too" to, most recently supported first."""
    return (
        Report.objects.filter(
            published_q(), pk__in=Support.objects.filter(user_id=user_id).values("report_id")
        )
        .select_related("category", "area")
        .defer(
            "text",
            "search_text",
            "reporter_name",
            "reporter_email",
            "reporter_phone",
            *LIST_DEFERRED,
        )
        .order_by("-submitted_at", "-id")
    )
