"""Reports: send one (through the one intake), list and search, read, follow its life, take part.

Thin: each operation checks its input, calls one service or selector, and shapes the answer.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.decorators import decorate_view

from phananh.accounts.actors import Actor
from phananh.accounts.choices import ApiKeyScope
from phananh.api.v1 import selectors
from phananh.api.v1.auth import API_KEY, Principal, principal_of, require_person, require_scope
from phananh.api.v1.errors import ApiError, not_found, validation_error
from phananh.api.v1.forms import MEDIA_FIELD, ReportCreateForm, attributes_clean
from phananh.api.v1.http import FORM, JSON, MULTIPART, accepts, json_body
from phananh.api.v1.pagination import DEFAULT_LIMIT, MAX_LIMIT, keyset_page
from phananh.api.v1.schemas import (
    CommentIn,
    CommentOut,
    CommentPage,
    ErrorOut,
    FollowIn,
    FollowOut,
    RatingIn,
    ReportCreated,
    ReportOut,
    ReportPage,
    SupportOut,
    TimelineOut,
    comment_out,
    event_out,
    report_out,
)
from phananh.channels.services import report_intake
from phananh.core.dates import EARLIEST, LATEST
from phananh.reports import followers
from phananh.reports import services as report_services
from phananh.reports.choices import Channel, Track
from phananh.reports.filters import ReportFilter
from phananh.reports.lifecycle import allowed_actions
from phananh.reports.models import Report
from phananh.reports.tokens import actor_from_reporter_token, reporter_token

router = Router(tags=["reports"])

READ_ERRORS = frozenset({400, 401, 403, 404, 429})
WRITE_ERRORS = frozenset({400, 401, 403, 404, 409, 413, 415, 429})
REPORTER_TOKEN_HEADER = "X-Reporter-Token"
DATE_RANGE = f"YYYY-MM-DD, {EARLIEST.isoformat()} to {LATEST.isoformat()}"

_REPORTER_TOKEN_PARAM = {
    "name": REPORTER_TOKEN_HEADER,
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": (
        "The reporter token given when the report was sent (or in the emailed links): "
        "proves the caller is the reporter when no account sent it."
    ),
}


def _media_schema(description: str) -> dict:
    return {
        "type": "array",
        "items": {"type": "string", "format": "binary"},
        "maxItems": 6,
        "description": description,
    }


def _form_body(properties: dict, required: list[str]) -> dict:
    schema = {"type": "object", "properties": properties, "required": required}
    urlencoded = {
        "type": "object",
        "properties": {k: v for k, v in properties.items() if k != MEDIA_FIELD},
        "required": required,
    }
    return {
        "requestBody": {
            "required": True,
            "content": {MULTIPART: {"schema": schema}, FORM: {"schema": urlencoded}},
        }
    }


_REPORT_FORM = _form_body(
    {
        "text": {"type": "string", "maxLength": 5000, "description": "What is the problem?"},
        "category": {"type": "string", "description": "A category code (GET /categories)."},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "address": {
            "type": "string",
            "maxLength": 255,
            "description": "Required without lat and lon: an address or landmark.",
        },
        "urgent": {"type": "boolean", "description": "Danger to people or property right now."},
        "anonymous": {
            "type": "boolean",
            "description": "Hide the reporter from the public and the agency.",
        },
        "name": {"type": "string", "maxLength": 150, "description": "Without an account."},
        "email": {
            "type": "string",
            "format": "email",
            "description": "Without an account or key: required, receives the confirmation link.",
        },
        "phone": {"type": "string", "maxLength": 32, "description": "Without an account."},
        MEDIA_FIELD: _media_schema("Photos (JPEG, PNG, WebP, HEIC) or videos (MP4, MOV, WebM)."),
        "attribute[code]": {
            "type": "string",
            "description": (
                "A category attribute's value (repeat it, or use attribute[code][], for lists)."
            ),
        },
    },
    ["text"],
)


# ── Helpers ───────────────────────────────────────────────────────────────────────────────


def _report(code: str) -> Report:
    report = selectors.report_get(code)
    if report is None:
        raise not_found(_("No report with this code."))
    return report


def _reporter_actor(request: HttpRequest, principal: Principal, report: Report) -> Actor | None:
    """The caller as this report's reporter: its account, or the holder of its reporter token."""
    if principal.user is not None and principal.user.pk == report.reporter_id:
        return principal.actor
    token = request.headers.get(REPORTER_TOKEN_HEADER, "").strip()
    if not token:
        return None
    actor = actor_from_reporter_token(token, report.pk)
    if actor is None:
        raise ApiError(
            403, "invalid_reporter_token", _("This reporter token is not valid for this report.")
        )
    return actor


def _visible(request: HttpRequest, principal: Principal, report: Report) -> Actor | None:
    """404 unless the public may see the report or the caller is its reporter; the reporter."""
    if principal.kind == API_KEY:
        require_scope(principal, ApiKeyScope.REPORTS_READ)
    reporter = _reporter_actor(request, principal, report)
    if reporter is None and not report.is_published:
        raise not_found(_("No report with this code."))
    return reporter


def _out(request: HttpRequest, report: Report, reporter: Actor | None) -> dict:
    if reporter is None:
        return report_out(request, report)
    return report_out(request, report, own=True, actions=allowed_actions(report, reporter))


def _published(report: Report) -> Report:
    if not report.is_published:
        raise not_found(_("No report with this code."))
    return report


# ── Reports ───────────────────────────────────────────────────────────────────────────────


@router.post(
    "/reports",
    response={201: ReportCreated, WRITE_ERRORS: ErrorOut},
    openapi_extra=_REPORT_FORM,
    summary="Send a report",
)
@decorate_view(accepts(MULTIPART, FORM))
def report_create(request: HttpRequest):
    """Send a report with photos or videos, as the portal's form does.

    With an account (session or personal token) the report is the account's and enters triage
    at once. With an API key it is confirmed too, on the `api` channel, and the answer holds a
    reporter token. With neither, an email address is required and the report waits until the
    link sent there is followed.
    """
    principal = principal_of(request)
    if principal.kind == API_KEY:
        require_scope(principal, ApiKeyScope.REPORTS_WRITE)
    person = principal.is_person
    anonymous = not person and principal.kind != API_KEY
    form = ReportCreateForm(request.POST, request.FILES, person=person, email_required=anonymous)
    if not form.is_valid():
        raise validation_error(form.field_errors())
    data = form.cleaned_data
    attributes, errors = attributes_clean(request.POST, data["category"])
    if errors:
        raise validation_error(errors)
    report = report_intake(
        actor=principal.actor,
        text=data["text"],
        channel=Channel.API if principal.kind == API_KEY else Channel.APP,
        category=data["category"],
        lat=data["lat"],
        lon=data["lon"],
        address=data["address"],
        reporter_name=data.get("name", ""),
        reporter_email=data.get("email") or "",
        reporter_phone=data.get("phone", ""),
        is_anonymous=data["anonymous"],
        track=Track.URGENT if data["urgent"] else Track.NORMAL,
        language=translation.get_language() or "vi",
        attributes=attributes,
        uploads=data["uploads"],
        confirmed=not anonymous,
        # A mobile app resending after a lost answer gets the same report back.
        submission_key=request.headers.get("Idempotency-Key", ""),
    )
    report = selectors.report_get(report.code)
    reporter = principal.actor if person else Actor.reporter_link(report.pk)
    return Status(
        201,
        {
            "report": report_out(
                request, report, own=True, actions=allowed_actions(report, reporter)
            ),
            "confirmation_required": anonymous,
            "reporter_token": None if anonymous else reporter_token(report.pk),
        },
    )


@router.get(
    "/reports",
    response={200: ReportPage, READ_ERRORS: ErrorOut},
    summary="List and search published reports",
)
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
):
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
):
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
    openapi_extra={"parameters": [_REPORTER_TOKEN_PARAM]},
    summary="One report",
)
def report_detail(request: HttpRequest, code: str):
    """A published report; its reporter also sees it before publication, with its status."""
    report = _report(code)
    reporter = _visible(request, principal_of(request), report)
    return _out(request, report, reporter)


@router.get(
    "/reports/{code}/timeline",
    response={200: TimelineOut, READ_ERRORS: ErrorOut},
    openapi_extra={"parameters": [_REPORTER_TOKEN_PARAM]},
    summary="A report's public timeline",
)
def report_timeline(request: HttpRequest, code: str):
    """Every public step, oldest first: who acted is a role (never a name), with public notes."""
    report = _report(code)
    _visible(request, principal_of(request), report)
    events = selectors.timeline_public(report)
    return {"results": [event_out(request, e) for e in events]}


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
):
    """Published comments, oldest first (hidden ones are left out)."""
    report = _report(code)
    _visible(request, principal_of(request), report)
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
def comment_create(request: HttpRequest, code: str, payload: CommentIn):
    """A signed-in person comments on a published report (shown with their name, if they gave
    one; never their email address)."""
    principal = principal_of(request)
    require_person(principal)
    report = _published(_report(code))
    comment = report_services.comment_add(report=report, actor=principal.actor, text=payload.text)
    return Status(201, comment_out(comment))


@router.post(
    "/reports/{code}/support",
    response={200: SupportOut, WRITE_ERRORS: ErrorOut},
    summary="Support a report (“me too”)",
)
@decorate_view(accepts(JSON, body_optional=True))
def report_support(request: HttpRequest, code: str):
    """Counted once per person; whoever supports a report also follows it."""
    principal = principal_of(request)
    require_person(principal)
    report = _published(_report(code))
    added = report_services.report_support(report=report, actor=principal.actor)
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
def report_follow(request: HttpRequest, code: str):
    """Signed in: the account's address follows at once (no body needed). Otherwise the address
    given gets a link to confirm first, so nobody can sign someone else up."""
    principal = principal_of(request)
    payload = json_body(request, FollowIn, optional=True)
    report = _published(_report(code))
    actor = principal.actor if principal.is_person else Actor.anonymous()
    following = followers.report_follow(
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
def report_unfollow(request: HttpRequest, code: str):
    """The signed-in person stops getting emails about this report."""
    principal = principal_of(request)
    user = require_person(principal)
    report = _report(code)
    follower = selectors.follower_of(report, user_id=user.pk) or selectors.follower_of(
        report, user_id=None, email=user.email
    )
    if follower is None:
        raise not_found(_("You do not follow this report."))
    followers.report_unfollow(follower_id=follower.pk)
    return Status(204, None)


# ── The reporter's part ───────────────────────────────────────────────────────────────────


def _as_reporter(request: HttpRequest, code: str) -> tuple[Report, Actor]:
    principal = principal_of(request)
    if principal.kind == API_KEY:
        require_scope(principal, ApiKeyScope.REPORTS_WRITE)
    report = _report(code)
    reporter = _reporter_actor(request, principal, report)
    if reporter is None:
        if principal.kind == "anonymous":
            raise ApiError(
                401,
                "not_authenticated",
                _("Only the reporter may do this: sign in, or send the reporter token."),
                headers={"WWW-Authenticate": 'Bearer realm="api"'},
            )
        if not report.is_published:
            raise not_found(_("No report with this code."))
        raise ApiError(403, "forbidden", _("Only the reporter may do this."))
    return report, reporter


@router.post(
    "/reports/{code}/rating",
    response={200: ReportOut, WRITE_ERRORS: ErrorOut},
    openapi_extra={"parameters": [_REPORTER_TOKEN_PARAM]},
    summary="Rate the result",
)
@decorate_view(accepts(JSON))
def report_rate(request: HttpRequest, code: str, payload: RatingIn):
    """The reporter rates a handled report: very satisfied, satisfied or acceptable close it;
    unsatisfied leaves it handled, and the reporter may then ask to reopen it."""
    report, reporter = _as_reporter(request, code)
    report_services.report_rate(
        report=report, actor=reporter, level=payload.level, comment=payload.comment
    )
    report = selectors.report_get(report.code)
    return _out(request, report, reporter)


_REOPEN_FORM = _form_body(
    {
        "reason": {"type": "string", "maxLength": 2000, "description": "What is still wrong?"},
        MEDIA_FIELD: _media_schema("At least one photo taken now (required)."),
    },
    ["reason"],
)


@router.post(
    "/reports/{code}/reopen-request",
    response={200: ReportOut, WRITE_ERRORS: ErrorOut},
    openapi_extra={**_REOPEN_FORM, "parameters": [_REPORTER_TOKEN_PARAM]},
    summary="Ask to reopen: it is not fixed",
)
@decorate_view(accepts(MULTIPART, FORM))
def report_request_reopen(request: HttpRequest, code: str):
    """The reporter says a handled report is not really fixed, with a reason and photos taken
    now; the operations centre decides."""
    report, reporter = _as_reporter(request, code)
    reason, uploads = _text_and_media(request, "reason")
    with transaction.atomic():
        report_services.report_request_reopen(
            report=report, actor=reporter, reason=reason, uploads=uploads
        )
    report = selectors.report_get(report.code)
    return _out(request, report, reporter)


_ANSWER_FORM = _form_body(
    {
        "answer": {"type": "string", "maxLength": 5000, "description": "The information asked."},
        MEDIA_FIELD: _media_schema("Photos or videos, if useful."),
    },
    ["answer"],
)


@router.post(
    "/reports/{code}/answer",
    response={200: ReportOut, WRITE_ERRORS: ErrorOut},
    openapi_extra={**_ANSWER_FORM, "parameters": [_REPORTER_TOKEN_PARAM]},
    summary="Answer a request for more information",
)
@decorate_view(accepts(MULTIPART, FORM))
def report_answer(request: HttpRequest, code: str):
    """The reporter answers the operations centre's question; the report returns to triage."""
    report, reporter = _as_reporter(request, code)
    answer, uploads = _text_and_media(request, "answer")
    report_services.report_answer_info(
        report=report, actor=reporter, answer=answer, uploads=uploads
    )
    report = selectors.report_get(report.code)
    return _out(request, report, reporter)


def _text_and_media(request: HttpRequest, name: str) -> tuple[str, list]:
    from phananh.publication.forms import MAX_FILES

    text = request.POST.get(name, "")
    uploads = request.FILES.getlist(MEDIA_FIELD)
    errors = {}
    if not text.strip():
        errors[name] = _("This field is required.")
    if len(uploads) > MAX_FILES:
        errors[MEDIA_FIELD] = _("Send at most %(max)d photos or videos.") % {"max": MAX_FILES}
    if errors:
        raise validation_error(errors)
    return text, uploads
