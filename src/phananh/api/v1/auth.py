"""Who is calling the API, and whether they may call again so soon.

Three ways in, tried in this order:

- an integrator's API key: `X-Api-Key: pa_…` or `Authorization: ApiKey pa_…` (scopes apply);
- a person's token for a mobile app: `Authorization: Bearer pat_…`;
- the web session (the portal's sign-in cookie), with Django's CSRF check on unsafe methods.

Nobody at all is a valid caller too (public reads, reports without an account). A credential
that is sent but wrong is refused with 401 rather than ignored. Every call is counted: per key,
token or account when there is one, otherwise per IP address (failed credentials included).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.utils import check_csrf

from phananh.accounts.actors import Actor
from phananh.accounts.selectors import actor_for_api_key, actor_for_user, apikey_authenticate
from phananh.api.v1.errors import ApiError, not_authenticated, rate_limited
from phananh.api.v1.selectors import token_authenticate
from phananh.core.net import client_ip

ANONYMOUS = "anonymous"
SESSION = "session"
TOKEN = "token"
API_KEY = "api_key"

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Principal:
    """The caller: how they proved it, the Actor services see, and what limits them."""

    kind: str
    actor: Actor
    ip: str
    user: Any = None
    token: Any = None
    api_key: Any = None
    scopes: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_person(self) -> bool:
        """A person's account is behind the call (session or personal token)."""
        return self.user is not None

    def has_scope(self, scope: str) -> bool:
        """API keys are limited to their scopes; people and the public are limited by roles."""
        return self.kind != API_KEY or scope in self.scopes

    @property
    def bucket(self) -> str:
        if self.api_key is not None:
            return f"key:{self.api_key.pk}"
        if self.token is not None:
            return f"token:{self.token.pk}"
        if self.user is not None:
            return f"user:{self.user.pk}"
        return f"ip:{self.ip}"

    @property
    def rate_limit(self) -> int:
        if self.kind == ANONYMOUS:
            return settings.API_RATE_PER_MINUTE
        return settings.API_KEY_RATE_PER_MINUTE


def rate_check(bucket: str, limit: int) -> tuple[int, float]:
    """Count one call in `bucket`'s current minute; (calls left, seconds until the next minute).

    A fixed window in the cache (the in-process one, or Redis shared by every web process).
    Raises the 429 when the bucket is over its limit. A limit of 0 means no limit.
    """
    now = time.time()
    reset = WINDOW_SECONDS - (now % WINDOW_SECONDS)
    if limit <= 0:
        return -1, reset
    key = f"api:rate:{bucket}:{int(now // WINDOW_SECONDS)}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    if count > limit:
        raise rate_limited(reset)
    return limit - count, reset


def _credentials(request: HttpRequest) -> tuple[str, str]:
    """(kind, secret) sent with the request: ("", "") when none."""
    header_key = request.headers.get("X-Api-Key")
    if header_key is not None:
        return API_KEY, header_key.strip()
    authorization = request.headers.get("Authorization", "").strip()
    if not authorization:
        return "", ""
    scheme, _sep, secret = authorization.partition(" ")
    scheme = scheme.lower()
    if scheme == "apikey":
        return API_KEY, secret.strip()
    if scheme == "bearer":
        return TOKEN, secret.strip()
    raise ApiError(
        401,
        "unsupported_authorization",
        _("Use “Authorization: Bearer <token>” or “Authorization: ApiKey <key>”."),
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


def _refuse(request: HttpRequest, ip: str, code: str, message: str) -> ApiError:
    # Wrong credentials count against the address, so guessing keys is as slow as anything.
    rate_check(f"ip:{ip}", settings.API_RATE_PER_MINUTE)
    return ApiError(401, code, message, headers={"WWW-Authenticate": 'Bearer realm="api"'})


def _principal(request: HttpRequest, ip: str) -> Principal:
    kind, secret = _credentials(request)
    if kind == API_KEY:
        key = apikey_authenticate(secret)
        if key is None:
            raise _refuse(
                request, ip, "invalid_api_key", _("This API key is not valid or was revoked.")
            )
        return Principal(
            API_KEY,
            actor_for_api_key(key),
            ip,
            api_key=key,
            scopes=frozenset(key.scopes or ()),
        )
    if kind == TOKEN:
        token = token_authenticate(secret)
        if token is None:
            raise _refuse(
                request, ip, "invalid_token", _("This token is not valid or was revoked.")
            )
        return Principal(TOKEN, actor_for_user(token.user), ip, user=token.user, token=token)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise ApiError(
                403,
                "csrf_failed",
                _(
                    "The CSRF check failed: send the X-CSRFToken header with the value of the "
                    "csrftoken cookie, or use a personal token instead of the session."
                ),
            )
        return Principal(SESSION, actor_for_user(user), ip, user=user)
    return Principal(ANONYMOUS, Actor.anonymous(), ip)


class Authenticate:
    """ninja's auth callable for every operation: never refuses nobody, refuses wrong secrets."""

    # Tells ninja's docs page to send the CSRF token (session calls from the browser).
    csrf = True

    def __call__(self, request: HttpRequest) -> Principal:
        ip = client_ip(request)
        principal = _principal(request, ip)
        remaining, reset = rate_check(principal.bucket, principal.rate_limit)
        # The URL wrapper copies these to the response headers.
        request.api_rate = (principal.rate_limit, remaining, math.ceil(reset))  # type: ignore[attr-defined]
        return principal


def principal_of(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined]


def require_person(principal: Principal) -> Any:
    """The signed-in account behind the call, or 401 (API keys have no person behind them)."""
    if principal.user is None:
        if principal.kind == API_KEY:
            raise ApiError(
                403,
                "person_required",
                _("This needs a person's account: sign in or use a personal token."),
            )
        raise not_authenticated()
    return principal.user


def require_scope(principal: Principal, scope: str) -> None:
    if not principal.has_scope(scope):
        raise ApiError(
            403,
            "scope_missing",
            _("This API key does not have the “%(scope)s” scope.") % {"scope": scope},
        )
