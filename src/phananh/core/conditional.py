"""Conditional GETs that cost one cache read: ETag and Last-Modified from the shared change stamp
(core/changes.py), 304 on If-None-Match / If-Modified-Since, before any list is read.

The validator is the change stamp plus everything else the answer depends on: the full path with
its query, the language, the session and language cookies, the credentials and the signed-in
user, and what `extra` adds (a value that moves with time, like the count of a window relative
to now). Any write that can change a public
answer moves the stamp after its commit, so no process can answer 304 with stale data for longer
than the commit takes to reach the cache.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language

from phananh.core.changes import CHANGES, stamp_get, stamp_moment

_COOKIES = (
    settings.SESSION_COOKIE_NAME,
    settings.LANGUAGE_COOKIE_NAME,
    getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
)


def validators(request: HttpRequest, *extra: object) -> tuple[str, float]:
    """(ETag, Last-Modified as a POSIX time) of the answer to `request`."""
    stamp = stamp_get(CHANGES)
    user = getattr(request, "user", None)
    material = repr(
        (
            stamp,
            request.get_full_path(),
            get_language(),
            # The cookies an answer may depend on (the CSRF one is set by the first answer and
            # matches the token its page holds).
            tuple(request.COOKIES.get(name, "") for name in _COOKIES),
            request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
            request.META.get("HTTP_AUTHORIZATION", ""),
            request.META.get("HTTP_X_API_KEY", ""),
            user.pk if user is not None and user.is_authenticated else None,
            extra,
        )
    )
    etag = '"' + hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:32] + '"'
    # HTTP dates have whole seconds: the next second, so a change within it is never "older".
    return etag, float(math.ceil(stamp_moment(stamp).timestamp()))


def answer(
    request: HttpRequest,
    build: Callable[[], HttpResponseBase],
    *extra: object,
    headers: dict[str, str] | None = None,
) -> HttpResponseBase:
    """`build()`'s answer with its validators, or a 304 (with `headers`, the ones the full answer
    would carry that a cache needs) when the client's copy is current."""
    if request.method not in ("GET", "HEAD"):
        return build()
    etag, modified = validators(request, *extra)
    checked = get_conditional_response(request, etag=etag, last_modified=int(modified))
    response: HttpResponseBase
    if checked is not None and checked.status_code == 304:
        response = checked
        for name, value in (headers or {}).items():
            response[name] = value
    else:
        response = build()
        if response.status_code != 200:
            return response
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    return response


def conditional(
    extra: Callable[..., object] | None = None,
    *,
    headers: dict[str, str] | None = None,
    anonymous_only: bool = False,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Decorate a GET view: answered with validators, or 304 without running it. `extra(request,
    *args, **kwargs)` adds what else the answer depends on; `anonymous_only` leaves pages of a
    signed-in person (their menus, their flash messages) always fresh."""

    def wrap(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @functools.wraps(view)
        def handle(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = getattr(request, "user", None)
            if anonymous_only and user is not None and user.is_authenticated:
                return view(request, *args, **kwargs)
            more = extra(request, *args, **kwargs) if extra is not None else None
            return answer(request, lambda: view(request, *args, **kwargs), more, headers=headers)

        return handle

    return wrap
