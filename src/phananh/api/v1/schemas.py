"""What the API accepts and answers: input and output schemas, kept apart (conventions §9).

Outputs are built from rows by the `*_out` functions below, so what the public may read is
decided in one place: the redacted `public_text`, never the reporter's identity or contact,
never internal notes or who (by name) acted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field

from phananh.reports import privacy
from phananh.reports.choices import PUBLIC_STATUS, Action, Status, Track
from phananh.reports.models import Comment, Event, Media, Report
from phananh.reports.privacy import public_address

if TYPE_CHECKING:
    from phananh.accounts.models import Agency
    from phananh.catalog.models import Category
    from phananh.geo.models import Area

# ── Shared ────────────────────────────────────────────────────────────────────────────────


class ErrorOut(Schema):
    """Every error: a stable code, a message in the caller's language, a message per field."""

    code: str = Field(examples=["invalid"])
    message: str = Field(examples=["Some values are not valid."])
    fields: dict[str, str] = Field(examples=[{"text": "This field is required."}])


class Ref(Schema):
    """A category, ward or agency named by its stable code and its name in the caller's language."""

    code: str
    name: str


class MediaOut(Schema):
    kind: Literal["photo", "video"]
    url: str
    thumbnail_url: str | None
    width: int | None
    height: int | None


class Page(Schema):
    """A keyset page: pass `next` back as `cursor` for the following one (null at the end)."""

    next: str | None


def ref_out(obj: Category | Area | Agency | None) -> dict[str, Any] | None:
    return {"code": obj.code, "name": obj.name} if obj is not None else None


def _absolute(request: HttpRequest, url: str) -> str:
    return request.build_absolute_uri(url)


def media_out(request: HttpRequest, media: Media) -> dict:
    return {
        "kind": media.kind,
        "url": _absolute(request, media.public_file.url) if media.public_file else "",
        "thumbnail_url": _absolute(request, media.thumbnail.url) if media.thumbnail else None,
        "width": media.width,
        "height": media.height,
    }


# ── Reports ───────────────────────────────────────────────────────────────────────────────

PublicState = Literal["received", "in_progress", "handled", "closed"]


class ReportOut(Schema):
    """A report as the public sees it; `status` and `actions` only for its own reporter."""

    code: str = Field(examples=["PA-7K2M9QX"])
    url: str = Field(description="The report's public page.")
    state: PublicState = Field(description="The public status: one of four steps.")
    state_label: str
    status: str | None = Field(
        description="The detailed status (unconfirmed, new, info_requested…): reporter only."
    )
    status_label: str | None
    actions: list[str] = Field(
        description="What the caller may do now as its reporter: rate, request_reopen, answer_info."
    )
    category: Ref | None
    area: Ref | None
    agency: Ref | None
    text: str = Field(description="The description, with personal data redacted.")
    address: str = Field(description="The place as typed, with personal data masked.")
    lat: float | None
    lon: float | None
    urgent: bool
    channel: str
    submitted_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None
    due_at: datetime | None
    is_overdue: bool
    rating: str | None
    duplicate_of: str | None = Field(description="The primary report's code, for a duplicate.")
    supports_count: int
    followers_count: int
    comments_count: int
    media: list[MediaOut]


class ReportPage(Page):
    results: list[ReportOut]


_REPORTER_ACTIONS = (Action.RATE, Action.REQUEST_REOPEN, Action.ANSWER_INFO)


def _reporter_actions(report: Report, actions: Sequence[str]) -> list[str]:
    # The lifecycle allows `rate` while resolved; a result is rated once (the service says 409).
    rated = bool(report.rating)
    return [a for a in actions if a in _REPORTER_ACTIONS and not (a == Action.RATE and rated)]


def report_out(
    request: HttpRequest, report: Report, *, own: bool = False, actions: Sequence[str] = ()
) -> dict:
    """The public view of a report; `own` adds the detailed status for its reporter."""
    media = getattr(report, "public_media", None) or []
    return {
        "code": report.code,
        "url": settings.SITE_URL + report.get_absolute_url(),
        "state": report.public_status,
        "state_label": str(report.public_status_label),
        "status": report.status if own else None,
        "status_label": str(Status(report.status).label) if own else None,
        "actions": _reporter_actions(report, actions) if own else [],
        "category": ref_out(report.category),
        "area": ref_out(report.area),
        "agency": ref_out(report.agency),
        "text": report.public_text,
        "address": public_address(report),
        "lat": report.lat,
        "lon": report.lon,
        "urgent": report.track == Track.URGENT,
        "channel": report.channel,
        "submitted_at": report.submitted_at,
        "resolved_at": report.resolved_at,
        "closed_at": report.closed_at,
        "due_at": report.due_at,
        "is_overdue": report.is_overdue,
        "rating": report.rating or None,
        "duplicate_of": getattr(report, "duplicate_code", None),
        "supports_count": report.supports_count,
        "followers_count": report.followers_count,
        "comments_count": report.comments_count,
        "media": [media_out(request, m) for m in media if m.kind in ("photo", "video")],
    }


class ReportCreated(Schema):
    report: ReportOut
    confirmation_required: bool = Field(
        description="True when the report waits for the reporter to follow the emailed link."
    )
    reporter_token: str | None = Field(
        description=(
            "Proves the caller is the reporter (rating, reopening) when no account sent the "
            "report: keep it. Send it back as the X-Reporter-Token header."
        )
    )


# Who acted on a report, as the public may know it: a role, never a name.
By = Literal["reporter", "operations_centre", "agency", "system"]


class EventOut(Schema):
    at: datetime
    action: str
    action_label: str
    by: By
    state: PublicState | None = Field(description="The public status after this step.")
    agency: Ref | None
    note: str
    rating: str | None
    media: list[MediaOut]


class TimelineOut(Schema):
    results: list[EventOut]


def event_out(request: HttpRequest, event: Event) -> dict:
    state = PUBLIC_STATUS.get(event.to_status) if event.to_status else None
    return {
        "at": event.created_at,
        "action": event.action,
        "action_label": str(event.get_action_display()),
        "by": privacy.public_role(event),
        "state": str(state) if state else None,
        "agency": ref_out(event.agency),
        "note": event.public_note,
        "rating": event.payload.get("level") if event.action == Action.RATE else None,
        "media": [media_out(request, m) for m in getattr(event, "public_media", [])],
    }


class CommentOut(Schema):
    id: int
    author: str = Field(description="The name the person chose to show, or “a resident”.")
    text: str
    created_at: datetime


class CommentPage(Page):
    results: list[CommentOut]


def comment_out(comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "author": comment.author_name or _("A resident"),
        "text": comment.text,
        "created_at": comment.created_at,
    }


class CommentIn(Schema):
    text: str = Field(min_length=1, max_length=2000)


class SupportOut(Schema):
    supported: bool = Field(description="True: counted now; false: this person already had.")
    supports_count: int


class FollowIn(Schema):
    email: str = Field(
        default="",
        max_length=254,
        description="Only without an account: the address that gets a link to confirm.",
    )


class FollowOut(Schema):
    following: bool = Field(description="True once confirmed; false while the link waits.")
    followers_count: int


RatingLevel = Literal["very_satisfied", "satisfied", "acceptable", "unsatisfied"]


class RatingIn(Schema):
    level: RatingLevel
    comment: str = Field(default="", max_length=2000)
