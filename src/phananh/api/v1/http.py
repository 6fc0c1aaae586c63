"""Edges of the HTTP exchange: the body types an operation accepts, the size of a request,
the JSON answer to URLs and methods the API does not have.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from phananh.api.v1.errors import (
    ApiError,
    api_error_response,
    error_response,
    exception_response,
    malformed_body,
    not_found,
    too_large,
    unsupported_media_type,
    validation_error,
    validation_fields,
)

JSON = "application/json"
MULTIPART = "multipart/form-data"
FORM = "application/x-www-form-urlencoded"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _has_body(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return length > 0 or "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()


def accepts(*types: str, body_optional: bool = False) -> Callable:
    """Refuse (415) a body of another type than `types`, before ninja tries to read it."""

    def decorator(run: Callable) -> Callable:
        @wraps(run)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in SAFE_METHODS:
                has_body = _has_body(request)
                if (has_body or not body_optional) and request.content_type not in types:
                    return api_error_response(unsupported_media_type(types))
                if has_body and request.content_type == JSON:
                    error = _not_a_json_object(request)
                    if error is not None:
                        return api_error_response(error)
            return run(request, *args, **kwargs)

        return wrapped

    return decorator


def _not_a_json_object(request: HttpRequest) -> ApiError | None:
    """Every JSON body of the API is an object: say so before ninja reads anything else."""
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return malformed_body()
    if not isinstance(data, dict):
        return validation_error({"__all__": _("Send a JSON object.")})
    fields = {name: _nul_message() for name in _nul_paths(data)}
    return validation_error(fields) if fields else None


def _nul_message() -> str:
    return _("Null characters are not allowed.")


def _nul_paths(value: Any, path: str = "") -> list[str]:
    """Where a JSON value holds a NUL character (no database stores one in text)."""
    if isinstance(value, str):
        return [path or "__all__"] if "\x00" in value else []
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            for found in _nul_paths(item, f"{path}.{key}" if path else str(key))
        ] + ([path or "__all__"] if any("\x00" in str(key) for key in value) else [])
    if isinstance(value, list):
        return [
            found
            for index, item in enumerate(value)
            for found in _nul_paths(item, f"{path}.{index}" if path else str(index))
        ]
    return []


def nul_in_request(request: HttpRequest) -> ApiError | None:
    """A NUL in the path, the query or a form field: refused before any database sees it."""
    fields = {}
    if "\x00" in request.path:
        fields["__all__"] = _nul_message()
    forms = [request.GET]
    if request.method not in SAFE_METHODS and request.content_type in (MULTIPART, FORM):
        forms.append(request.POST)
    for form in forms:
        for name, values in form.lists():
            if "\x00" in name or any("\x00" in v for v in values):
                fields[name.replace("\x00", "")] = _nul_message()
    return validation_error(fields) if fields else None


_Body = TypeVar("_Body", bound=BaseModel)


def json_body(request: HttpRequest, schema: type[_Body], *, optional: bool = False) -> _Body:
    """Parse and validate a JSON object body by hand (for operations whose body is optional)."""
    raw = request.body
    if not raw.strip():
        if optional:
            return schema()
        raise validation_error({"__all__": _("This field is required.")})
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise malformed_body() from error
    if not isinstance(data, dict):
        raise validation_error({"__all__": _("Send a JSON object.")})
    try:
        return schema.model_validate(data)
    except PydanticValidationError as error:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False)]
        raise validation_error(validation_fields(errors)) from error


def max_request_bytes() -> int:
    return settings.API_MAX_REQUEST_BYTES


def json_edges(view: Callable) -> Callable:
    """Wrap one of ninja's URL views: 413 before reading an oversized body, JSON for 405,
    the rate-limit headers, and JSON rather than Django's page for anything unexpected."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        limit = max_request_bytes()
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            return api_error_response(too_large(limit))
        try:
            nul = nul_in_request(request)
            if nul is not None:
                return api_error_response(nul)
            response = view(request, *args, **kwargs)
        except Exception as exc:  # the API answers JSON whatever happens
            return exception_response(request, exc)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            response = error_response(
                405,
                "method_not_allowed",
                _("The method %(method)s is not allowed here; use %(allowed)s.")
                % {"method": request.method, "allowed": allowed},
                headers={"Allow": allowed},
            )
        rate = getattr(request, "api_rate", None)
        if rate is not None and rate[0] > 0:
            limit_, remaining, reset = rate
            response["X-RateLimit-Limit"] = str(limit_)
            response["X-RateLimit-Remaining"] = str(max(0, remaining))
            response["X-RateLimit-Reset"] = str(reset)
        return response

    return wrapped


def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any URL under /api/v1/ that the API does not have."""
    return api_error_response(not_found())


not_found_view.csrf_exempt = True  # type: ignore[attr-defined]
