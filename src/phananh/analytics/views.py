"""The IOC and leaders' dashboard, and streamed exports of any filtered report list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from phananh.accounts.choices import Role
from phananh.accounts.selectors import actor_for_user, agency_choices_active
from phananh.analytics import charts
from phananh.analytics.choices import Dimension
from phananh.analytics.exports import content_disposition, stream_csv, stream_xlsx
from phananh.analytics.selectors import (
    backlog_by_status,
    daily_breakdown,
    daily_series,
    deadlines_due_today,
    deadlines_overdue,
    heat_cells,
    reports_most_disputed,
)
from phananh.catalog.selectors import category_choices_active
from phananh.core import clock
from phananh.geo.selectors import area_choices_leaf, area_outline_rings
from phananh.intelligence.selectors import hot_issue_list_open
from phananh.reports.choices import Channel, RatingLevel, Status, Track
from phananh.reports.filters import ReportFilter
from phananh.reports.models import Report
from phananh.reports.selectors import report_list_staff

DASHBOARD_ROLES = (Role.OPERATOR, Role.SUPERVISOR, Role.OBSERVER, Role.ADMIN)
PERIODS = {"30": 30, "90": 90, "365": 365}
LIST_SIZE = 15  # the oldest first; the full lists are the console's


def _require_dashboard(request: HttpRequest) -> None:
    actor = actor_for_user(request.user if request.user.is_authenticated else None)
    if not any(actor.has_role(role) for role in DASHBOARD_ROLES):
        raise PermissionDenied(_("The dashboard is for the operations centre and observers."))


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require_dashboard(request)
    days = PERIODS.get(request.GET.get("days", ""), 30)
    today = timezone.localdate(clock.now())
    start, end = today - timedelta(days=days - 1), today + timedelta(days=1)
    series = daily_series(start=start, end=end)
    backlog, overdue_count, counted_at = backlog_by_status()
    return render(
        request,
        "analytics/dashboard.html",
        {
            "days": days,
            "periods": PERIODS,
            "received_total": sum(n for _day, n in series),
            "received_chart": charts.line(
                [(date_format(day, "SHORT_DATE_FORMAT"), n) for day, n in series],
                label=_("Reports received per day"),
            ),
            "backlog_chart": charts.bars(backlog),
            "counted_at": counted_at,
            "category_chart": charts.bars(
                daily_breakdown(dimension=Dimension.CATEGORY, start=start, end=end)
            ),
            "area_chart": charts.bars(
                daily_breakdown(dimension=Dimension.AREA, start=start, end=end, limit=15)
            ),
            "channel_chart": charts.bars(
                daily_breakdown(dimension=Dimension.CHANNEL, start=start, end=end)
            ),
            "agency_chart": charts.bars(
                daily_breakdown(dimension=Dimension.AGENCY, start=start, end=end, limit=15)
            ),
            "heat": charts.heat(
                heat_cells(start=start, end=end),
                outlines=area_outline_rings(),
                label=_("Where reports come from, over the ward outlines"),
            ),
            "due_today": list(deadlines_due_today()[:LIST_SIZE]),
            "overdue": list(deadlines_overdue()[:LIST_SIZE]),
            "overdue_count": overdue_count,
            "disputed": reports_most_disputed(since=start),
            "hot_issues": list(hot_issue_list_open()),
            "hot_min": settings.HOT_ISSUE_MIN_REPORTS,
            "hot_hours": settings.HOT_ISSUE_WINDOW_HOURS,
            "statuses": Status.choices,
            "channels": Channel.choices,
            "categories": category_choices_active(),
            "areas": area_choices_leaf(),
            "agencies": agency_choices_active(),
        },
    )


# Columns whose codes an export writes as labels in its language (?codes=1 keeps the codes).
_LABELLED = {2: Status, 7: Channel, 8: Track, 13: RatingLevel}
_BOOLEAN = (10,)


def _rows(reports: QuerySet[Report], english: bool, codes: bool = False) -> Iterator[list[Any]]:
    name = "name_en" if english else "name_vi"
    columns = (
        "code",
        "submitted_at",
        "status",
        f"category__{name}",
        f"area__{name}",
        # The masked copies only: exports leave the building (docs/privacy.md).
        "public_address",
        f"agency__{name}",
        "channel",
        "track",
        "due_at",
        "is_overdue",
        "resolved_at",
        "closed_at",
        "rating",
        "supports_count",
        "public_text",
    )
    labels = {i: {k: str(v) for k, v in kind.choices} for i, kind in _LABELLED.items()}
    yes_no = {True: _("yes"), False: _("no")}
    for row in reports.values_list(*columns).iterator(chunk_size=2000):
        row = list(row)
        if not codes:
            for i, names in labels.items():
                row[i] = names.get(row[i], row[i])
            for i in _BOOLEAN:
                row[i] = yes_no.get(row[i], row[i])
        yield row


EXPORT_HEADER = (
    N_("Code"),
    N_("Submitted"),
    N_("Status"),
    N_("Category"),
    N_("Ward or commune"),
    N_("Address"),
    N_("Handling agency"),
    N_("Channel"),
    N_("Track"),
    N_("Due"),
    N_("Overdue"),
    N_("Resolved"),
    N_("Closed"),
    N_("Rating"),
    N_("Supports"),
    N_("Description"),
)


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    _require_dashboard(request)
    filters = ReportFilter.from_query(request.GET)
    if filters.errors:
        return JsonResponse(
            {
                "code": "invalid",
                "message": _("Some filters are not valid."),
                "fields": filters.errors,
            },
            status=400,
        )
    reports = filters.apply(report_list_staff())
    english = (translation.get_language() or "vi").startswith("en")
    # Labels in the export's language, or (?codes=1) the stable codes, for a program to read.
    codes = request.GET.get("codes") == "1"
    header = [_(label) for label in EXPORT_HEADER]
    stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        response = StreamingHttpResponse(
            stream_csv(header, _rows(reports, english, codes)),
            content_type="text/csv; charset=utf-8",
        )
    else:
        response = StreamingHttpResponse(
            stream_xlsx(header, _rows(reports, english, codes), sheet_name=_("Reports")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = content_disposition(f"phananh-reports-{stamp}.{fmt}")
    return response
