"""Published reports: list and search, one report, its public timeline; my reports."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query
from ninja.decorators import decorate_view

from phananh.accounts.choices import ApiKeyScope
from phananh.api.v1 import selectors
from phananh.api.v1.auth import API_KEY, principal_of, require_person, require_scope
from phananh.api.v1.errors import validation_error
from phananh.api.v1.pagination import DEFAULT_LIMIT, MAX_LIMIT, keyset_page
from phananh.api.v1.reports.common import (
    READ_ERRORS,
    REPORTER_TOKEN_PARAM,
    report_for_caller,
    report_or_404,
    router,
    visible_to,
)
from phananh.api.v1.schemas import (
    ErrorOut,
    ReportOut,
    ReportPage,
    TimelineOut,
    event_out,
    report_out,
)
from phananh.core.conditional import conditional
from phananh.core.dates import EARLIEST, LATEST
from phananh.reports.filters import ReportFilter
from phananh.reports.lifecycle import allowed_actions

DATE_RANGE = f"YYYY-MM-DD, {EARLIEST.isoformat()} to {LATEST.isoformat()}"


@router.get(
    "/reports",
    response={200: ReportPage, READ_ERRORS: ErrorOut},
    summary="List and search published reports",
)
@decorate_view(conditional())
def report_list(
    request: HttpRequest,
    cursor: str = Query("", description="The `next` value of the previous page."),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    q: str = Query("", description="Words to find (diacritics ignored), or a tracking code."),
    state: str = Query("", description="received, in_progress, handled or closed."),
    status: list[str] = Query([], description="Detailed statuses (repeatable)."),  # noqa: B008
    category: str = Query("", description="A category code."),
    area: str = Query("", description="A ward's code."),
    agency: str = Query("", description="An agency's code."),
    channel: str = Query("", description="web, app, api, open311, email, facebook, zalo, phone."),
    track: str = Query("", description="normal or urgent."),
    date_from: date = Query(  # noqa: B008
        None, alias="from", description=f"Sent on or after this day ({DATE_RANGE})."
    ),
    date_to: date = Query(  # noqa: B008
        None, alias="to", description=f"Sent on or before this day ({DATE_RANGE})."
    ),
    overdue: str = Query("", description="true or false."),
) -> dict[str, Any]:
    """Published reports, newest first, with the portal's filters (`ReportFilter`).

    Pages are keyset-based: follow `next` until it is null. Deep pages cost what the first does.
    """
    principal = principal_of(request)
    if principal.kind == API_KEY:
        require_scope(principal, ApiKeyScope.REPORTS_READ)
    filters = ReportFilter.from_query(request.GET)
    if filters.errors:
        raise validation_error(dict(filters.errors))
    reports = filters.apply(selectors.report_list_public())
    page, next_cursor = keyset_page(reports, cursor, limit, field="submitted_at")
    return {"results": [report_out(request, r) for r in page], "next": next_cursor}


@router.get(
    "/me/reports",
    response={200: ReportPage, READ_ERRORS: ErrorOut},
    summary="My reports",
    tags=["me"],
)
def my_reports(
    request: HttpRequest,
    cursor: str = Query("", description="The `next` value of the previous page."),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    """The reports the signed-in person sent, in every status, with what they may do next."""
    principal = principal_of(request)
    user = require_person(principal)
    reports = selectors.report_list_for_reporter(user.pk)
    page, next_cursor = keyset_page(reports, cursor, limit, field="submitted_at")
    return {
        "results": [
            report_out(request, r, own=True, actions=allowed_actions(r, principal.actor))
            for r in page
        ],
        "next": next_cursor,
    }


@router.get(
    "/reports/{code}",
    response={200: ReportOut, READ_ERRORS: ErrorOut},
    openapi_extra={"parameters": [REPORTER_TOKEN_PARAM]},
    summary="One report",
)
def report_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    """A published report; its reporter also sees it before publication, with its status."""
    report = report_or_404(code)
    reporter = visible_to(request, principal_of(request), report)
    return report_for_caller(request, report, reporter)


@router.get(
    "/reports/{code}/timeline",
    response={200: TimelineOut, READ_ERRORS: ErrorOut},
    openapi_extra={"parameters": [REPORTER_TOKEN_PARAM]},
    summary="A report's public timeline",
)
def report_timeline(request: HttpRequest, code: str) -> dict[str, Any]:
    """Every public step, oldest first: who acted is a role (never a name), with public notes."""
    report = report_or_404(code)
    visible_to(request, principal_of(request), report)
    events = selectors.timeline_public(report)
    return {"results": [event_out(request, e) for e in events]}
