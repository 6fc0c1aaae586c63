"""The reporter's part: rate the result, ask to reopen, answer a question."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.decorators import decorate_view

from phananh.accounts.actors import Actor
from phananh.accounts.choices import ApiKeyScope
from phananh.api.v1.auth import API_KEY, principal_of, require_scope
from phananh.api.v1.errors import ApiError, not_found, validation_error
from phananh.api.v1.forms import MEDIA_FIELD
from phananh.api.v1.http import FORM, JSON, MULTIPART, accepts
from phananh.api.v1.reports.common import (
    REPORTER_TOKEN_PARAM,
    WRITE_ERRORS,
    form_body,
    media_schema,
    report_for_caller,
    report_or_404,
    reporter_actor,
    router,
)
from phananh.api.v1.schemas import (
    ErrorOut,
    RatingIn,
    ReportOut,
)
from phananh.reports.actions import outcome
from phananh.reports.actions.triage import report_answer_info
from phananh.reports.models import Report

# ── The reporter's part ───────────────────────────────────────────────────────────────────


def _as_reporter(request: HttpRequest, code: str) -> tuple[Report, Actor]:
    principal = principal_of(request)
    if principal.kind == API_KEY:
        require_scope(principal, ApiKeyScope.REPORTS_WRITE)
    report = report_or_404(code)
    reporter = reporter_actor(request, principal, report)
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
    openapi_extra={"parameters": [REPORTER_TOKEN_PARAM]},
    summary="Rate the result",
)
@decorate_view(accepts(JSON))
def report_rate(request: HttpRequest, code: str, payload: RatingIn) -> dict[str, Any]:
    """The reporter rates a handled report: very satisfied, satisfied or acceptable close it;
    unsatisfied leaves it handled, and the reporter may then ask to reopen it."""
    report, reporter = _as_reporter(request, code)
    outcome.report_rate(report=report, actor=reporter, level=payload.level, comment=payload.comment)
    report = report_or_404(report.code)
    return report_for_caller(request, report, reporter)


_REOPEN_FORM = form_body(
    {
        "reason": {"type": "string", "maxLength": 2000, "description": "What is still wrong?"},
        MEDIA_FIELD: media_schema("At least one photo taken now (required)."),
    },
    ["reason"],
)


@router.post(
    "/reports/{code}/reopen-request",
    response={200: ReportOut, WRITE_ERRORS: ErrorOut},
    openapi_extra={**_REOPEN_FORM, "parameters": [REPORTER_TOKEN_PARAM]},
    summary="Ask to reopen: it is not fixed",
)
@decorate_view(accepts(MULTIPART, FORM))
def report_request_reopen(request: HttpRequest, code: str) -> dict[str, Any]:
    """The reporter says a handled report is not really fixed, with a reason and photos taken
    now; the operations centre decides."""
    report, reporter = _as_reporter(request, code)
    reason, uploads = _text_and_media(request, "reason")
    with transaction.atomic():
        outcome.report_request_reopen(report=report, actor=reporter, reason=reason, uploads=uploads)
    report = report_or_404(report.code)
    return report_for_caller(request, report, reporter)


_ANSWER_FORM = form_body(
    {
        "answer": {"type": "string", "maxLength": 5000, "description": "The information asked."},
        MEDIA_FIELD: media_schema("Photos or videos, if useful."),
    },
    ["answer"],
)


@router.post(
    "/reports/{code}/answer",
    response={200: ReportOut, WRITE_ERRORS: ErrorOut},
    openapi_extra={**_ANSWER_FORM, "parameters": [REPORTER_TOKEN_PARAM]},
    summary="Answer a request for more information",
)
@decorate_view(accepts(MULTIPART, FORM))
def report_answer(request: HttpRequest, code: str) -> dict[str, Any]:
    """The reporter answers the operations centre's question; the report returns to triage."""
    report, reporter = _as_reporter(request, code)
    answer, uploads = _text_and_media(request, "answer")
    report_answer_info(report=report, actor=reporter, answer=answer, uploads=uploads)
    report = report_or_404(report.code)
    return report_for_caller(request, report, reporter)


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
