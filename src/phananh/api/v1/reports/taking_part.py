"""Taking part in a published report: comments, "me too", following."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Status
from ninja.decorators import decorate_view

from phananh.accounts.actors import Actor
from phananh.api.v1 import selectors
from phananh.api.v1.auth import principal_of, require_person
from phananh.api.v1.errors import not_found
from phananh.api.v1.http import JSON, accepts, json_body
from phananh.api.v1.pagination import MAX_LIMIT, keyset_page
from phananh.api.v1.reports.common import (
    READ_ERRORS,
    WRITE_ERRORS,
    published_or_404,
    report_or_404,
    router,
    visible_to,
)
from phananh.api.v1.schemas import (
    CommentIn,
    CommentOut,
    CommentPage,
    ErrorOut,
    FollowIn,
    FollowOut,
    SupportOut,
    comment_out,
)
from phananh.reports.actions import participation
from phananh.reports.actions.participation import comment_add

# ── Taking part ───────────────────────────────────────────────────────────────────────────


@router.get(
    "/reports/{code}/comments",
    response={200: CommentPage, READ_ERRORS: ErrorOut},
    summary="Comments on a report",
)
def comment_list(
    request: HttpRequest,
    code: str,
    cursor: str = Query("", description="The `next` value of the previous page."),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
) -> dict[str, Any]:
    """Published comments, oldest first (hidden ones are left out)."""
    report = report_or_404(code)
    visible_to(request, principal_of(request), report)
    page, next_cursor = keyset_page(
        selectors.comment_list_public(report), cursor, limit, field="created_at", descending=False
    )
    return {"results": [comment_out(c) for c in page], "next": next_cursor}


@router.post(
    "/reports/{code}/comments",
    response={201: CommentOut, WRITE_ERRORS: ErrorOut},
    summary="Comment on a report",
)
@decorate_view(accepts(JSON))
def comment_create(request: HttpRequest, code: str, payload: CommentIn) -> Status[dict[str, Any]]:
    """A signed-in person comments on a published report (shown with their name, if they gave
    one; never their email address)."""
    principal = principal_of(request)
    require_person(principal)
    report = published_or_404(report_or_404(code))
    comment = comment_add(report=report, actor=principal.actor, text=payload.text)
    return Status(201, comment_out(comment))


@router.post(
    "/reports/{code}/support",
    response={200: SupportOut, WRITE_ERRORS: ErrorOut},
    summary="Support a report (“me too”)",
)
@decorate_view(accepts(JSON, body_optional=True))
def report_support(request: HttpRequest, code: str) -> dict[str, Any]:
    """Counted once per person; whoever supports a report also follows it."""
    principal = principal_of(request)
    require_person(principal)
    report = published_or_404(report_or_404(code))
    added = participation.report_support(report=report, actor=principal.actor)
    report.refresh_from_db(fields=["supports_count"])
    return {"supported": added, "supports_count": report.supports_count}


@router.post(
    "/reports/{code}/follow",
    response={200: FollowOut, WRITE_ERRORS: ErrorOut},
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {JSON: {"schema": FollowIn.model_json_schema()}},
        }
    },
    summary="Follow a report by email",
)
@decorate_view(accepts(JSON, body_optional=True))
def report_follow(request: HttpRequest, code: str) -> dict[str, Any]:
    """Signed in: the account's address follows at once (no body needed). Otherwise the address
    given gets a link to confirm first, so nobody can sign someone else up."""
    principal = principal_of(request)
    payload = json_body(request, FollowIn, optional=True)
    report = published_or_404(report_or_404(code))
    actor = principal.actor if principal.is_person else Actor.anonymous()
    following = participation.report_follow(
        report=report,
        actor=actor,
        email=payload.email,
        language=translation.get_language() or "vi",
    )
    report.refresh_from_db(fields=["followers_count"])
    return {"following": following, "followers_count": report.followers_count}


@router.delete(
    "/reports/{code}/follow",
    response={204: None, WRITE_ERRORS: ErrorOut},
    summary="Stop following a report",
)
def report_unfollow(request: HttpRequest, code: str) -> Status[None]:
    """The signed-in person stops getting emails about this report."""
    principal = principal_of(request)
    user = require_person(principal)
    report = report_or_404(code)
    follower = selectors.follower_of(report, user_id=user.pk) or selectors.follower_of(
        report, user_id=None, email=user.email
    )
    if follower is None:
        raise not_found(_("You do not follow this report."))
    participation.report_unfollow(follower_id=follower.pk)
    return Status(204, None)
