"""Reads of the API app: personal tokens, and the few report reads the API needs beyond reports."""

from __future__ import annotations

import re
from datetime import timedelta

from django.db.models import F, Prefetch, QuerySet

from phananh.api.v1.models import PersonalToken
from phananh.core.credentials import credential_match
from phananh.reports import reporter_selectors
from phananh.reports import selectors as reports_selectors
from phananh.reports.choices import MediaPurpose, MediaState
from phananh.reports.models import Comment, Event, Follower, Media, Report
from phananh.reports.selectors import LIST_DEFERRED

TOKEN_PREFIX = "pat"
# last_used_at is written at most this often per token, so an app costs no write per call.
TOKEN_TOUCH_EVERY = timedelta(minutes=5)
_RAW_TOKEN = re.compile(rf"{TOKEN_PREFIX}_([0-9a-f]{{12}})_([A-Za-z0-9_-]{{20,128}})", re.ASCII)


def token_authenticate(raw: str) -> PersonalToken | None:
    """The active token of an active account matching `pat_<prefix>_<secret>`, or None."""
    active = PersonalToken.objects.filter(
        revoked_at__isnull=True, user__is_active=True
    ).select_related("user")
    token: PersonalToken | None = credential_match(active, _RAW_TOKEN, raw, TOKEN_TOUCH_EVERY)
    return token


def token_list_for_user(user_id: int) -> QuerySet[PersonalToken]:
    """A person's active tokens, newest first."""
    return PersonalToken.objects.filter(user_id=user_id, revoked_at__isnull=True).order_by(
        "-created_at", "-id"
    )


def token_get_for_user(user_id: int, token_id: int) -> PersonalToken | None:
    return PersonalToken.objects.filter(user_id=user_id, pk=token_id).first()


def with_list_media(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports with their ready evidence photos prefetched (one query for a whole page)."""
    return reports.prefetch_related(
        Prefetch(
            "media",
            queryset=Media.objects.filter(state=MediaState.READY, purpose=MediaPurpose.REPORT).only(
                "id", "report_id", "kind", "public_file", "thumbnail", "width", "height"
            ),
            to_attr="public_media",
        )
    )


def follower_of(report: Report, *, user_id: int | None, email: str = "") -> Follower | None:
    """The follower row of this account (or address) on this report, if any."""
    followers = Follower.objects.filter(report=report)
    if user_id is not None:
        return followers.filter(user_id=user_id).first()
    return followers.filter(email=email.strip().lower()).first() if email else None


def _for_api(reports: QuerySet[Report]) -> QuerySet[Report]:
    """What every report answer reads, in the same query: names, and a duplicate's primary."""
    return with_list_media(
        reports.select_related("category", "area", "agency")
        .defer(*LIST_DEFERRED)
        .annotate(duplicate_code=F("duplicate_of__code"))
    )


def report_get(code: str) -> Report | None:
    """One report by tracking code (any status: the caller decides what may be seen)."""
    code = (code or "").strip().upper()[:20]
    return _for_api(Report.objects.filter(code=code)).first() if code else None


def report_list_public() -> QuerySet[Report]:
    """The public list (reports.selectors), with what the API shows of each row."""
    return _for_api(reports_selectors.report_list_public())


def report_list_for_reporter(user_id: int) -> QuerySet[Report]:
    """A person's own reports in every status, newest first."""
    return _for_api(reporter_selectors.report_list_for_reporter(user_id))


def timeline_public(report: Report) -> QuerySet[Event]:
    """The report's public events, oldest first, each with its published photos."""
    return reports_selectors.report_timeline(report).prefetch_related(
        Prefetch(
            "media",
            queryset=Media.objects.filter(state=MediaState.READY),
            to_attr="public_media",
        )
    )


def comment_list_public(report: Report) -> QuerySet[Comment]:
    """Comments the public may read, oldest first."""
    return Comment.objects.filter(report=report, is_hidden=False).order_by("created_at", "id")
