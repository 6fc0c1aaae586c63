"""What the report operations share: the router, error sets, the reporter token, the
form bodies' schema, and how a report is found and shown to its caller."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from phananh.accounts.actors import Actor
from phananh.accounts.choices import ApiKeyScope
from phananh.api.v1 import selectors
from phananh.api.v1.auth import API_KEY, Principal, require_scope
from phananh.api.v1.errors import ApiError, not_found
from phananh.api.v1.forms import MEDIA_FIELD
from phananh.api.v1.http import FORM, MULTIPART
from phananh.api.v1.schemas import report_out
from phananh.reports.lifecycle import allowed_actions
from phananh.reports.models import Report
from phananh.reports.tokens import actor_from_reporter_token

router = Router(tags=["reports"])

READ_ERRORS = frozenset({400, 401, 403, 404, 429})
WRITE_ERRORS = frozenset({400, 401, 403, 404, 409, 413, 415, 429})
REPORTER_TOKEN_HEADER = "X-Reporter-Token"

REPORTER_TOKEN_PARAM = {
    "name": REPORTER_TOKEN_HEADER,
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": (
        "The reporter token given when the report was sent (or in the emailed links): "
        "proves the caller is the reporter when no account sent it."
    ),
}


def media_schema(description: str) -> dict:
    return {
        "type": "array",
        "items": {"type": "string", "format": "binary"},
        "maxItems": 6,
        "description": description,
    }


def form_body(properties: dict, required: list[str]) -> dict:
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


# ── Helpers ───────────────────────────────────────────────────────────────────────────────


def report_or_404(code: str) -> Report:
    report = selectors.report_get(code)
    if report is None:
        raise not_found(_("No report with this code."))
    return report


def reporter_actor(request: HttpRequest, principal: Principal, report: Report) -> Actor | None:
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


def visible_to(request: HttpRequest, principal: Principal, report: Report) -> Actor | None:
    """404 unless the public may see the report or the caller is its reporter; the reporter."""
    if principal.kind == API_KEY:
        require_scope(principal, ApiKeyScope.REPORTS_READ)
    reporter = reporter_actor(request, principal, report)
    if reporter is None and report.is_hidden:
        raise gone(report)
    if reporter is None and not report.is_published:
        raise not_found(_("No report with this code."))
    return reporter


def gone(report: Report) -> ApiError:
    """A report the operations centre hid: 410, with the short public reason."""
    return ApiError(
        410,
        "gone",
        _("This report was taken out of public view: %(reason)s.")
        % {"reason": report.hidden_reason_label},
    )


def report_for_caller(request: HttpRequest, report: Report, reporter: Actor | None) -> dict:
    if reporter is None:
        return report_out(request, report)
    return report_out(request, report, own=True, actions=allowed_actions(report, reporter))


def published_or_404(report: Report) -> Report:
    if report.is_hidden:
        raise gone(report)
    if not report.is_published:
        raise not_found(_("No report with this code."))
    return report
