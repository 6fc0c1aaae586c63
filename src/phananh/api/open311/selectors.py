"""Reads for Open311, visibility decided by the reports app's own rules.

Lists (`requests`, `servicerequestupdates`) show only what `report_list_public` lists: the
published reports of reports/visibility.py (confirmed ones by default), not hidden. A report
asked for by its tracking code (one request, `service_request_id`, a token) is shown like its
public page `/reports/<code>/`: any report that is not hidden, because whoever holds the code
may follow it (the code is random and unguessable, and the reporter's identity is never part of
the answer).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.fields.json import KT

from phananh.catalog.models import Category
from phananh.catalog.selectors import category_list_public
from phananh.reports.actions.intake import MEDIA_URL_ATTRIBUTE
from phananh.reports.choices import (
    Action,
    MediaPurpose,
    MediaState,
    Status,
    Visibility,
)
from phananh.reports.filters import ReportFilter
from phananh.reports.models import Event, Media, Report
from phananh.reports.selectors import report_list_public
from phananh.reports.visibility import published_q

# Open311 has two statuses. "closed": the city has answered — handled (the reporter may still
# dispute it), closed, not accepted, or merged into another report; everything else is "open".
CLOSED_STATUSES = (Status.RESOLVED, Status.CLOSED, Status.REJECTED, Status.MERGED)
OPEN_STATUSES = tuple(s for s in Status.values if s not in CLOSED_STATUSES)
LIST_MAX = 1000
# Timeline steps that are not updates of a request: its own submission and confirmation.
NOT_UPDATES = (Action.SUBMIT, Action.CONFIRM)


def open311_status(status: str) -> str:
    return "closed" if status in CLOSED_STATUSES else "open"


# servicerequestupdates speak FixMyStreet's lower-case statuses (its Open311.pm map_state
# reads them: fixed, not_councils_responsibility, closed, open, and its own state names).
UPDATE_STATUS: dict[str, str] = {
    Status.UNCONFIRMED: "open",
    Status.NEW: "open",
    Status.INFO_REQUESTED: "open",
    Status.ASSIGNED: "investigating",
    Status.RETURNED: "investigating",
    Status.IN_PROGRESS: "in_progress",
    Status.REOPENED: "open",
    Status.RESOLVED: "fixed",
    Status.CLOSED: "closed",
    Status.REJECTED: "not_councils_responsibility",
    Status.MERGED: "duplicate",
}


def update_status(status: str) -> str:
    """An update's status, as FixMyStreet reads it."""
    return UPDATE_STATUS.get(status, "open")


def service_list() -> QuerySet[Category]:
    """The services: the categories a citizen may choose."""
    return category_list_public()


def service_get(code: str) -> Category | None:
    return service_list().filter(code=code).first() if code else None


def _latest_public_note() -> Subquery:
    return Subquery(
        Event.objects.filter(report=OuterRef("pk"), visibility=Visibility.PUBLIC)
        .exclude(public_note="")
        .order_by("-created_at", "-id")
        .values("public_note")[:1]
    )


def _with_request_fields(reports: QuerySet[Report]) -> QuerySet[Report]:
    """What a request shows: the latest public note and the first photo (ready, or still
    being made), in 3 queries."""
    return reports.annotate(
        status_notes=_latest_public_note(),
        # The link a client gave for its photo: one value read, not the whole attributes column.
        client_media_url=KT(f"attributes__{MEDIA_URL_ATTRIBUTE}"),
    ).prefetch_related(
        Prefetch(
            "media",
            queryset=Media.objects.filter(
                state=MediaState.READY, purpose=MediaPurpose.REPORT
            ).order_by("created_at", "id"),
            to_attr="ready_media",
        ),
        Prefetch(
            "media",
            queryset=Media.objects.filter(
                state=MediaState.PENDING, purpose=MediaPurpose.REPORT
            ).order_by("created_at", "id"),
            to_attr="pending_media",
        ),
    )


def request_list(
    *,
    service_codes: Sequence[str] = (),
    statuses: Sequence[str] = (),
    start: datetime,
    end: datetime,
) -> list[Report]:
    """Public requests submitted in [start, end), newest first, at most 1000."""
    wanted: list[str] = []
    for status in statuses:
        wanted.extend(CLOSED_STATUSES if status == "closed" else OPEN_STATUSES)
    reports = ReportFilter(statuses=wanted).apply(report_list_public())
    reports = reports.filter(submitted_at__gte=start, submitted_at__lt=end)
    if service_codes:
        reports = reports.filter(category__code__in=service_codes)
    return list(_with_request_fields(reports)[:LIST_MAX])


def request_by_codes(codes: Sequence[str]) -> list[Report]:
    """Requests by tracking code (any case), in the order asked; unknown or hidden ones left out."""
    wanted = [code.upper() for code in codes]
    reports = (
        Report.objects.filter(code__in=wanted, is_hidden=False)
        .select_related("category", "area", "agency")
        .defer("text", "search_text", "reporter_name", "reporter_email", "reporter_phone")
    )
    found = {report.code: report for report in _with_request_fields(reports)}
    return [found[code] for code in dict.fromkeys(wanted) if code in found]


def request_get(code: str) -> Report | None:
    found = request_by_codes([code]) if code else []
    return found[0] if found else None


def request_for_update(code: str) -> Report | None:
    """The report an agency's system posts an update to (the lifecycle decides the rest)."""
    return Report.objects.filter(code=code.upper()).first()


def update_list(*, start: datetime, end: datetime) -> list[Event]:
    """Public timeline steps of public reports in [start, end), oldest first, at most 1000."""
    events = (
        Event.objects.filter(
            Q(created_at__gte=start) & Q(created_at__lt=end),
            published_q("report__"),
            visibility=Visibility.PUBLIC,
        )
        .exclude(action__in=NOT_UPDATES)
        .select_related("report")
        .only(
            "id",
            "created_at",
            "action",
            "to_status",
            "public_note",
            "report__id",
            "report__code",
            "report__status",
        )
        .prefetch_related(
            Prefetch(
                "media",
                queryset=Media.objects.filter(state=MediaState.READY).order_by("created_at", "id"),
                to_attr="ready_media",
            )
        )
        .order_by("created_at", "id")
    )
    return list(events[:LIST_MAX])
