"""Reads for the console, with visibility decided here and a fixed number of queries per list."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from phananh.accounts.actors import Actor
from phananh.core import clock
from phananh.ops.access import AGENCY_ROLES, sees_everything
from phananh.reports.choices import MediaState, Status, Visibility
from phananh.reports.models import Event, Media, ReopenRequest, Report, RoutingDecision
from phananh.reports.selectors import LIST_DEFERRED
from phananh.sla.choices import DeadlineState, ExtensionState
from phananh.sla.models import Deadline, DeadlineExtension

TRIAGE_STATUSES = (Status.NEW, Status.RETURNED)
AGENCY_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED)
QUEUE_LIMIT = 200  # reports one bulk referral takes
# Rows of the triage queue per page, as the agency queue: 200 rows cost the page 90 ms (p99
# 300 ms) at 10 million reports, most of it the template (half a millisecond a row).
TRIAGE_PAGE_SIZE = 50
AGENCY_PAGE_SIZE = 50


def _with_cards(reports: QuerySet[Report]) -> QuerySet[Report]:
    """What a queue row shows: category, ward, suggestion, the latest routing proposal, thumbs."""
    return (
        reports.select_related(
            "category", "area", "agency", "officer", "classification__top_category"
        )
        .defer(*LIST_DEFERRED)
        .prefetch_related(
            Prefetch(
                "media",
                queryset=Media.objects.filter(state=MediaState.READY).order_by("id"),
                to_attr="ready_media",
            ),
            Prefetch(
                "routing_decisions",
                queryset=RoutingDecision.objects.filter(applied=False)
                .select_related("agency", "category", "area")
                .defer("area__geometry", "category__attributes", "category__keywords")
                .order_by("-id"),
                to_attr="proposals",
            ),
        )
    )


def triage_queue(reports: QuerySet[Report] | None = None) -> QuerySet[Report]:
    """New and returned reports (answers to questions come back as new): urgent, then oldest."""
    reports = Report.objects.all() if reports is None else reports
    # The statuses written as literals, not parameters: SQLite can then prove the query matches
    # the partial index report_triage_idx and walk it in order instead of sorting the backlog.
    statuses = ", ".join(f"'{status}'" for status in TRIAGE_STATUSES)
    where = f'"reports_report"."status" IN ({statuses})'
    ordered = reports.extra(where=[where]).order_by(  # noqa: S610 (constants, not input)
        # "urgent" sorts after "normal": descending puts it first.
        "-track",
        "submitted_at",
        "id",
    )
    return _with_cards(ordered)


def triage_waiting_count() -> int:
    """Reports waiting for their reporter's answer (not actionable; shown as a count)."""
    return Report.objects.filter(status=Status.INFO_REQUESTED).count()


def agency_queue(actor: Actor) -> QuerySet[Report]:
    """The reports an agency must act on, earliest deadline first."""
    agencies = actor.agency_ids(*AGENCY_ROLES)
    return _with_cards(
        Report.objects.filter(agency_id__in=agencies, status__in=AGENCY_STATUSES).order_by(
            "due_at", "submitted_at", "id"
        )
    )


def report_for_staff(code: str) -> Report | None:
    """One report with everything the workspace shows (visibility is checked by the caller)."""
    return (
        Report.objects.filter(code=code.upper())
        .select_related(
            "category__group",
            "area",
            "agency",
            "officer",
            "reporter",
            "duplicate_of",
            "classification__top_category",
        )
        .defer("area__geometry")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=Event.objects.select_related("agency").order_by("created_at", "id"),
                to_attr="all_events",
            ),
            Prefetch("media", queryset=Media.objects.order_by("id"), to_attr="all_media"),
            Prefetch(
                "routing_decisions",
                queryset=RoutingDecision.objects.select_related("agency", "category", "area")
                .defer("area__geometry")
                .order_by("-id"),
                to_attr="decisions",
            ),
            Prefetch(
                "deadlines",
                queryset=Deadline.objects.order_by("started_at", "id"),
                to_attr="all_deadlines",
            ),
            Prefetch(
                "reopen_requests",
                queryset=ReopenRequest.objects.order_by("-created_at"),
                to_attr="all_reopen_requests",
            ),
        )
        .first()
    )


def events_for(actor: Actor, report: Report) -> list[Event]:
    """Internal events for the IOC, observers and the handling agency; the rest see public ones."""
    # report_for_staff prefetched the whole timeline (`Prefetch(to_attr=...)`).
    events: list[Event] = report.all_events  # type: ignore[attr-defined]
    if sees_everything(actor) or report.agency_id in actor.agency_ids(*AGENCY_ROLES):
        return events
    return [e for e in events if e.visibility == Visibility.PUBLIC]


def supervision_lists(limit: int = 50) -> dict[str, list[Any]]:
    """What supervisors watch: extension requests, reopen requests, returned, overdue, due today."""
    now = clock.now()
    today_end = timezone.localtime(now).replace(hour=23, minute=59, second=59)
    extensions = list(
        DeadlineExtension.objects.filter(state=ExtensionState.PENDING)
        .select_related("deadline__report__agency", "deadline__report__category")
        .order_by("requested_at")[:limit]
    )
    reopen = list(
        ReopenRequest.objects.filter(state="pending")
        .select_related("report__agency", "report__category")
        .order_by("created_at")[:limit]
    )
    returned = list(
        Report.objects.filter(status=Status.RETURNED)
        .select_related("category", "area")
        .defer(*LIST_DEFERRED)
        .order_by("submitted_at")[:limit]
    )
    overdue = list(
        Report.objects.filter(is_overdue=True)
        .exclude(status__in=(Status.CLOSED, Status.REJECTED, Status.MERGED, Status.RESOLVED))
        .select_related("category", "agency")
        .order_by("due_at")[:limit]
    )
    due_today = list(
        Deadline.objects.filter(state=DeadlineState.OPEN, overdue_at__isnull=True)
        .filter(due_at__gte=now, due_at__lte=today_end)
        .select_related("report__agency", "report__category")
        .order_by("due_at")[:limit]
    )
    return {
        "extensions": extensions,
        "reopen": reopen,
        "returned": returned,
        "overdue": overdue,
        "due_today": due_today,
    }
