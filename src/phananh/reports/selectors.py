"""Reads for reports, with visibility decided here: public, for an agency, for the IOC."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch, QuerySet

from phananh.core import clock
from phananh.reports.choices import MediaState, Visibility
from phananh.reports.models import Comment, Event, Follower, Media, Report
from phananh.reports.visibility import published_q
from phananh.sla.models import Deadline

_LIST_RELATED = ("category", "area", "agency")
# What no list shows of its rows' relations: a ward's polygon (megabytes of GeoJSON), a
# category's JSON columns. Every list that selects these relations defers them.
LIST_DEFERRED = ("area__geometry", "category__attributes", "category__keywords")


def report_list_public() -> QuerySet[Report]:
    """Reports the public may see (reports/visibility.py), newest first."""
    return (
        Report.objects.filter(published_q())
        .select_related(*_LIST_RELATED)
        # What only the operations centre may read is not even loaded (reports/privacy.py).
        .defer(
            "text",
            "address",
            "attributes",
            "search_text",
            "reporter_name",
            "reporter_email",
            "reporter_phone",
            "reporter_channel_id",
            # A ward's polygon and a category's JSON columns: megabytes per page, never shown.
            *LIST_DEFERRED,
        )
        .order_by("-submitted_at", "-id")
    )


def report_list_most_supported(*, days: int = 90) -> QuerySet[Report]:
    """Public reports of the last `days` with the most "me too" supports (one at least)."""
    since = clock.now() - timedelta(days=days)
    # "At least one" as a literal, not a parameter, so SQLite too can walk the partial index
    # report_supported_idx (only supported reports) instead of reading every recent report.
    supported = '"reports_report"."supports_count" >= 1'
    return (
        report_list_public()
        .filter(submitted_at__gte=since)
        .extra(where=[supported])  # noqa: S610 (a constant, not input)
        .order_by("-supports_count", "-submitted_at", "-id")
    )


def report_get_public(code: str) -> Report | None:
    """One report by tracking code, with what its public page shows prefetched."""
    return (
        Report.objects.filter(code=code.upper())
        .select_related("category", "area", "agency", "duplicate_of")
        .defer(*LIST_DEFERRED, "duplicate_of__search_text", "duplicate_of__attributes")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=Event.objects.filter(visibility=Visibility.PUBLIC)
                .select_related("agency")
                .prefetch_related(
                    Prefetch(
                        "media",
                        queryset=Media.objects.filter(state=MediaState.READY),
                        to_attr="public_media",
                    )
                ),
                to_attr="public_events",
            ),
            Prefetch(
                "media",
                queryset=Media.objects.filter(state=MediaState.READY, purpose="report"),
                to_attr="public_media",
            ),
            Prefetch(
                "comments",
                queryset=Comment.objects.filter(is_hidden=False).order_by("created_at", "id"),
                to_attr="public_comments",
            ),
            Prefetch(
                "deadlines",
                queryset=Deadline.objects.filter(state__in=("open", "paused"))
                .exclude(step="evaluation")
                .order_by("due_at"),
                to_attr="running_deadlines",
            ),
        )
        .first()
    )


def comment_list_hidden(report: Report) -> QuerySet[Comment]:
    """A report's hidden comments, for moderators (with why they were hidden)."""
    return report.comments.filter(is_hidden=True).order_by("created_at", "id")


def report_timeline(report: Report, *, internal: bool = False) -> QuerySet[Event]:
    """A report's events in order; only public ones unless `internal`."""
    events = report.events.select_related("agency", "actor").order_by("created_at", "id")
    return events if internal else events.filter(visibility=Visibility.PUBLIC)


def report_result_public(report: Report) -> Event | None:
    """The agency's latest published result (its text and ready photos: `public_media`)."""
    return (
        report.events.filter(action="resolve", visibility=Visibility.PUBLIC)
        .select_related("agency")
        .prefetch_related(
            Prefetch(
                "media",
                queryset=Media.objects.filter(state=MediaState.READY),
                to_attr="public_media",
            )
        )
        .order_by("-created_at", "-id")
        .first()
    )


def report_question_open(report: Report) -> Event | None:
    """The operations centre's question the report waits on (its latest `request_info`), or
    None when the report is not waiting for information."""
    if report.status != "info_requested":
        return None
    return report.events.filter(action="request_info").order_by("-created_at", "-id").first()


def report_list_staff() -> QuerySet[Report]:
    """Every report, for the IOC and observers (exports, dashboards), newest first."""
    return (
        Report.objects.select_related(*_LIST_RELATED)
        .defer(*LIST_DEFERRED)
        .order_by("-submitted_at", "-id")
    )


def report_card_photos(reports: list[Report]) -> list[Report]:
    """Give each listed report `card_photos`: its ready public photos (one query for all)."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        reports,
        Prefetch(
            "media",
            queryset=Media.objects.filter(
                state=MediaState.READY, purpose="report", kind="photo"
            ).order_by("id"),
            to_attr="card_photos",
        ),
    )
    return reports


def follower_is_confirmed(report: Report, email: str) -> bool:
    """Whether this address already gets the report's emails (to show "Following")."""
    return Follower.objects.filter(
        report=report, email=email.strip().lower(), confirmed_at__isnull=False
    ).exists()
