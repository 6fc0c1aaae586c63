"""POST /reports: send a report, through the one intake, as the portal's form does."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Status
from ninja.decorators import decorate_view

from phananh.accounts.actors import Actor
from phananh.accounts.choices import ApiKeyScope
from phananh.api.v1.auth import API_KEY, principal_of, require_scope
from phananh.api.v1.errors import validation_error
from phananh.api.v1.forms import MEDIA_FIELD, ReportCreateForm
from phananh.api.v1.http import FORM, MULTIPART, accepts
from phananh.api.v1.reports.common import (
    WRITE_ERRORS,
    form_body,
    media_schema,
    report_or_404,
    router,
)
from phananh.api.v1.schemas import (
    ErrorOut,
    ReportCreated,
    report_out,
)
from phananh.catalog.attributes import AttributeInvalid, attribute_answers
from phananh.reports.actions.intake import report_intake
from phananh.reports.choices import Channel
from phananh.reports.lifecycle import allowed_actions
from phananh.reports.tokens import reporter_token

_REPORT_FORM = form_body(
    {
        "text": {"type": "string", "maxLength": 5000, "description": "What is the problem?"},
        "category": {"type": "string", "description": "A category code (GET /categories)."},
        "campaign": {
            "type": "string",
            "description": "A running campaign's slug (see /campaigns/): the report joins it.",
        },
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
        MEDIA_FIELD: media_schema("Photos (JPEG, PNG, WebP, HEIC) or videos (MP4, MOV, WebM)."),
        "attribute[code]": {
            "type": "string",
            "description": (
                "A category attribute's value (repeat it, or use attribute[code][], for lists)."
            ),
        },
    },
    ["text"],
)


# ── Reports ───────────────────────────────────────────────────────────────────────────────


@router.post(
    "/reports",
    response={201: ReportCreated, WRITE_ERRORS: ErrorOut},
    openapi_extra=_REPORT_FORM,
    summary="Send a report",
)
@decorate_view(accepts(MULTIPART, FORM))
def report_create(request: HttpRequest) -> Status[dict[str, Any]]:
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
    draft = form.draft(
        channel=Channel.API if principal.kind == API_KEY else Channel.APP,
        language=translation.get_language() or "vi",
        confirmed=not anonymous,
        attributes=attribute_answers(request.POST),
        # A mobile app resending after a lost answer gets the same report back.
        submission_key=request.headers.get("Idempotency-Key", ""),
    )
    try:
        report = report_intake(actor=principal.actor, draft=draft)
    except AttributeInvalid as error:
        raise validation_error(error.messages) from error
    report = report_or_404(report.code)
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
