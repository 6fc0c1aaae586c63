"""Reads for Open311, visibility decided by the reports app's own rules.

Lists (`requests`, `servicerequestupdates`) show only what `report_list_public` lists: the
published reports of reports/visibility.py (confirmed ones by default), not hidden. A report
asked for by its tracking code (one request, `service_request_id`, a token) is shown like its
public page `/reports/<code>/`: any report that is not hidden, because whoever holds the code
may follow it (the code is random and unguessable, and the reporter's identity is never part of
the answer).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.fields.json import KT

from phananh.catalog.models import Category
from phananh.catalog.selectors import category_get_public, category_list_public
from phananh.core.db import filter_ids, w3c_moment
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
# Rows of a list read at once while its answer is streamed (api/open311/requests.py).
CHUNK_ROWS = 250
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
    return category_get_public(code)


def _latest_public_note() -> Subquery:
    return Subquery(
        Event.objects.filter(report=OuterRef("pk"), visibility=Visibility.PUBLIC)
        .exclude(public_note="")
        .order_by("-created_at", "-id")
        .values("public_note")[:1]
    )


# What a request shows, read as plain values: never a polygon, a JSON column or a model per row.
_REQUEST_COLUMNS = (
    "id",
    "code",
    "status",
    "public_text",
    "public_address",
    "address",
    "lat",
    "lon",
    "media_count",
    "category__code",
    "category__name_vi",
    "category__name_en",
    "agency__name_vi",
    "agency__name_en",
    "area__name_vi",
)
_MEDIA_COLUMNS = ("id", "report_id", "state", "kind", "public_file", "thumbnail")


def _request_rows_query(reports: QuerySet[Report]) -> QuerySet:
    """A request's columns with the latest public note, the link a client gave (one value
    of the attributes column) and its moments as the answer writes them (`w3c_moment`)."""
    return reports.annotate(
        status_notes=_latest_public_note(),
        client_media_url=KT(f"attributes__{MEDIA_URL_ATTRIBUTE}"),
    ).values(
        *_REQUEST_COLUMNS,
        "status_notes",
        "client_media_url",
        requested=w3c_moment(reports, "submitted_at"),
        updated=w3c_moment(reports, "updated_at"),
        expected=w3c_moment(reports, "due_at"),
    )


def _with_media(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with their photos (ready, or still being made), read for all of them at once,
    each list oldest first; not read at all for rows that never had one (`media_count`, which
    every upload adds to: one request without a photo is one query)."""
    by_id: dict[int, dict[str, Any]] = {}
    for row in rows:
        row["ready_media"], row["pending_media"] = [], []
        if row["media_count"]:
            by_id[row["id"]] = row
    if by_id:
        media = (
            filter_ids(Media.objects.all(), "report", list(by_id))
            .filter(purpose=MediaPurpose.REPORT, state__in=(MediaState.READY, MediaState.PENDING))
            .order_by("created_at", "id")
            .values(*_MEDIA_COLUMNS)
        )
        for item in media:
            key = "ready_media" if item["state"] == MediaState.READY else "pending_media"
            by_id[item["report_id"]][key].append(item)
    return rows


def request_row_chunks(reports: QuerySet[Report]) -> Iterator[list[dict[str, Any]]]:
    """The first 1000 requests of a list query (newest first) as rows, CHUNK_ROWS at a time.

    Read in two queries (the rows, then all their photos) as plain values: at most 1000 small
    rows. The answer is built and written a chunk at a time from them. (Reading the chunks
    through a server-side cursor, or re-querying each one, cost 5–20 ms more per answer at
    10 M reports: bench/README.md.)"""
    rows = _with_media(list(_request_rows_query(reports)[:LIST_MAX]))
    for start in range(0, len(rows), CHUNK_ROWS):
        yield rows[start : start + CHUNK_ROWS]


def request_list_query(
    *,
    service_codes: Sequence[str] = (),
    statuses: Sequence[str] = (),
    start: datetime,
    end: datetime,
) -> QuerySet[Report]:
    """The public requests a list answers (before its limit), for the list and its validator."""
    wanted: list[str] = []
    for status in statuses:
        wanted.extend(CLOSED_STATUSES if status == "closed" else OPEN_STATUSES)
    reports = ReportFilter(statuses=wanted).apply(report_list_public())
    reports = reports.filter(submitted_at__gte=start, submitted_at__lt=end)
    if service_codes:
        reports = reports.filter(category__code__in=service_codes)
    return reports


def request_oldest(reports: QuerySet[Report]) -> int | None:
    """The id of a list query's oldest request: it changes when one leaves a relative window."""
    oldest: int | None = reports.order_by("submitted_at", "id").values_list("pk", flat=True).first()
    return oldest


def request_by_codes(codes: Sequence[str]) -> list[dict[str, Any]]:
    """Requests by tracking code (any case), in the order asked; unknown or hidden ones left out."""
    wanted = [code.upper() for code in codes]
    rows = _with_media(
        list(_request_rows_query(Report.objects.filter(code__in=wanted, is_hidden=False)))
    )
    found = {row["code"]: row for row in rows}
    return [found[code] for code in dict.fromkeys(wanted) if code in found]


def request_media_row(report: Report) -> dict[str, Any] | None:
    """What `request_media_url` reads of a request in hand (a POST's answer): its photos, in
    one query (none without any), and the link its client gave; None for a hidden one."""
    if report.is_hidden:
        return None
    given = (report.attributes or {}).get(MEDIA_URL_ATTRIBUTE)
    row = {
        "id": report.pk,
        "code": report.code,
        "media_count": report.media_count,
        "client_media_url": str(given) if given else None,
    }
    return _with_media([row])[0]


def request_get(code: str) -> dict[str, Any] | None:
    found = request_by_codes([code]) if code else []
    return found[0] if found else None


def request_id(code: str) -> int | None:
    """The id of the request with this tracking code, unless hidden (for its photos' address)."""
    if not code:
        return None
    return (
        Report.objects.filter(code=code.upper(), is_hidden=False)
        .values_list("pk", flat=True)
        .first()
    )


def request_for_update(code: str) -> Report | None:
    """The report an agency's system posts an update to (the lifecycle decides the rest)."""
    return Report.objects.filter(code=code.upper()).first()


def _updates(start: datetime) -> QuerySet[Event]:
    return Event.objects.filter(
        Q(created_at__gte=start), published_q("report__"), visibility=Visibility.PUBLIC
    ).exclude(action__in=NOT_UPDATES)


def update_count(*, start: datetime) -> int:
    """How many updates since `start` (a window relative to now: its validator)."""
    return _updates(start).count()


def update_list(*, start: datetime, end: datetime) -> list[Event]:
    """Public timeline steps of public reports in [start, end), oldest first, at most 1000."""
    events = (
        _updates(start)
        .filter(created_at__lt=end)
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
