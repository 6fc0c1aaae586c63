"""Every error of the API is JSON `{code, message, fields}` in the caller's language.

One place maps what can go wrong — invalid parameters (ninja's ValidationError), domain errors
(core.errors), authentication, limits, unreadable bodies, unknown URLs and methods — to a status
and that one shape. Nothing here ever answers HTML or lets an exception become Django's 500 page.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, HttpRequest, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from phananh.core.errors import DomainError

logger = logging.getLogger(__name__)

# Domain error codes that mean "the upload is too big" rather than "a value is wrong".
_TOO_LARGE_CODES = frozenset({"media_too_large", "media_too_many_pixels"})
# What a service calls a field, when the API calls it otherwise.
_FIELD_NAMES = {"uploads": "media"}
# The sources ninja puts first in an error's location; the API names fields without them.
_SOURCES = frozenset({"query", "path", "body", "form", "file", "header", "cookie"})
# The name every JSON body parameter has in the endpoints (ninja puts it in the location).
BODY_PARAM = "payload"


class ApiError(Exception):
    """An error the API answers as it is: status, stable code, human message, field messages."""

    def __init__(
        self,
        status: int,
        code: str,
        message: Any,
        *,
        fields: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.status = status
        self.code = code
        self.message = str(message)
        self.fields = fields or {}
        self.headers = headers or {}


def not_authenticated() -> ApiError:
    return ApiError(
        401,
        "not_authenticated",
        _("Sign in, or send a personal token or an API key."),
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


def not_found(message: str | None = None) -> ApiError:
    return ApiError(404, "not_found", message or _("Nothing was found at this address."))


def rate_limited(wait: float) -> ApiError:
    seconds = max(1, math.ceil(wait))
    return ApiError(
        429,
        "rate_limited",
        _("Too many requests: try again in %(seconds)d seconds.") % {"seconds": seconds},
        headers={"Retry-After": str(seconds)},
    )


def unsupported_media_type(expected: Iterable[str]) -> ApiError:
    return ApiError(
        415,
        "unsupported_media_type",
        _("Send this request as %(types)s.") % {"types": " or ".join(expected)},
    )


def too_large(limit: int | None = None) -> ApiError:
    message = (
        _("The request is too large: at most %(size)s MB.") % {"size": _megabytes(limit)}
        if limit
        else _("The request is too large.")
    )
    return ApiError(413, "too_large", message)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def error_response(
    status: int,
    code: str,
    message: Any,
    *,
    fields: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> JsonResponse:
    response = JsonResponse(
        {"code": code, "message": str(message), "fields": fields or {}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def api_error_response(error: ApiError) -> JsonResponse:
    return error_response(
        error.status, error.code, error.message, fields=error.fields, headers=error.headers
    )


# ── ninja's validation errors, in the caller's language ─────────────────────────────────────


def _field_name(loc: tuple | list) -> str:
    parts = list(loc)
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] == BODY_PARAM:
        parts = parts[1:]
    name = ".".join(str(part) for part in parts) or "__all__"
    return _FIELD_NAMES.get(name, name)


def _message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in {"string_too_short"} and ctx.get("min_length") == 1:
        return _("This field is required.")
    if kind in {"string_too_long"}:
        return _("Please keep this under %(max)d characters.") % {"max": ctx.get("max_length", 0)}
    if kind in {"too_long"}:
        return _("Send at most %(max)d items.") % {"max": ctx.get("max_length", 0)}
    if kind in {"too_short"}:
        return _("Send at least %(min)d items.") % {"min": ctx.get("min_length", 0)}
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type", "finite_number"}:
        return _("Enter a number.")
    if kind in {"int_from_float"}:
        return _("Enter a whole number.")
    if kind.startswith(("date_", "datetime_")):
        return _("Dates are written YYYY-MM-DD.")
    if kind in {"bool_parsing", "bool_type"}:
        return _("Enter true or false.")
    if kind in {"greater_than_equal", "greater_than"}:
        bound = ctx.get("ge", ctx.get("gt"))
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {
            "limit_value": bound
        }
    if kind in {"less_than_equal", "less_than"}:
        bound = ctx.get("le", ctx.get("lt"))
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {
            "limit_value": bound
        }
    if kind in {"literal_error", "enum"}:
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind in {"string_type", "list_type", "dict_type", "model_type", "model_attributes_type"}:
        return _("This value has the wrong type.")
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    if kind in {"value_error", "assertion_error"} and ctx.get("error"):
        return str(ctx["error"])
    return _("Enter a valid value.")


def validation_fields(errors: list[dict]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        fields.setdefault(_field_name(error.get("loc", ())), _message(error))
    return fields


def validation_error(fields: dict[str, str]) -> ApiError:
    return ApiError(400, "invalid", _("Some values are not valid."), fields=fields)


# ── Domain errors ──────────────────────────────────────────────────────────────────────────


def domain_error(error: DomainError) -> ApiError:
    """A service's error as the API says it: 400/403/409 by kind, 413 for oversized media."""
    status = 413 if error.code in _TOO_LARGE_CODES else error.status
    message = str(error.message)
    fields = {_FIELD_NAMES.get(name, name): message for name in (error.fields or {})}
    return ApiError(status, error.code, message, fields=fields)


# ── The handlers ───────────────────────────────────────────────────────────────────────────


def _on_api_error(request: HttpRequest, exc: ApiError) -> JsonResponse:
    return api_error_response(exc)


def _on_domain_error(request: HttpRequest, exc: DomainError) -> JsonResponse:
    return api_error_response(domain_error(exc))


def _on_validation_error(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    if any(error.get("type") == "json_invalid" for error in exc.errors):
        return api_error_response(malformed_body())
    return api_error_response(validation_error(validation_fields(exc.errors)))


def malformed_body() -> ApiError:
    return ApiError(400, "malformed", _("The request body is not valid JSON."))


def _on_http_error(request: HttpRequest, exc: HttpError) -> JsonResponse:
    if isinstance(exc, Throttled):
        return api_error_response(rate_limited(exc.wait or 60))
    if isinstance(exc, AuthenticationError):
        return api_error_response(not_authenticated())
    if exc.status_code == 400:
        # ninja's "Cannot parse request body"
        return api_error_response(malformed_body())
    if exc.status_code == 403:
        return error_response(403, "forbidden", _("You are not allowed to do this."))
    return error_response(exc.status_code, "error", str(exc))


def _on_404(request: HttpRequest, exc: Http404) -> JsonResponse:
    return api_error_response(not_found())


def _on_too_big(request: HttpRequest, exc: Exception) -> JsonResponse:
    return api_error_response(too_large())


def _on_bad_request(request: HttpRequest, exc: Exception) -> JsonResponse:
    return error_response(400, "malformed", _("The request could not be read."))


def _on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> JsonResponse:
    return error_response(403, "forbidden", _("You are not allowed to do this."))


def server_error() -> JsonResponse:
    return error_response(
        500, "server_error", _("Something went wrong on our side. Please try again later.")
    )


def _on_exception(request: HttpRequest, exc: Exception) -> JsonResponse:
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return server_error()


# Each handler takes the exception class it is listed with.
_HANDLERS: tuple[tuple[type[Exception], Callable[[HttpRequest, Any], JsonResponse]], ...] = (
    (ApiError, _on_api_error),
    (DomainError, _on_domain_error),
    (ValidationError, _on_validation_error),
    (HttpError, _on_http_error),
    (Http404, _on_404),
    (RequestDataTooBig, _on_too_big),
    (TooManyFieldsSent, _on_too_big),
    (TooManyFilesSent, _on_too_big),
    (MultiPartParserError, _on_bad_request),
    (UnreadablePostError, _on_bad_request),
    (BadRequest, _on_bad_request),
    (SuspiciousOperation, _on_bad_request),
    (PermissionDenied, _on_permission_denied),
    (Exception, _on_exception),
)


def install_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (which answer `{"detail": …}` or raise) with ours."""
    for exc_class, handler in _HANDLERS:
        api.add_exception_handler(exc_class, handler)


def exception_response(request: HttpRequest, exc: Exception) -> JsonResponse:
    """The same answer as inside an operation, for exceptions raised around one."""
    for cls in type(exc).__mro__:
        for exc_class, handler in _HANDLERS:
            if cls is exc_class:
                return handler(request, exc)
    return _on_exception(request, exc)
