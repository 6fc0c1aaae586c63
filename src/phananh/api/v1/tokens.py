"""Personal tokens for mobile apps: made from an email and password, listed and revoked by
their owner; and `GET /me`, who a call is made as."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.decorators import decorate_view

from phananh.accounts import throttle
from phananh.accounts.models import SignInFailure
from phananh.api.v1.account_schemas import MeOut, TokenCreated, TokenIn, TokenList, token_out
from phananh.api.v1.auth import TOKEN, principal_of, rate_check, require_person
from phananh.api.v1.errors import ApiError, not_found
from phananh.api.v1.http import JSON, accepts
from phananh.api.v1.schemas import ErrorOut
from phananh.api.v1.selectors import token_get_for_user, token_list_for_user
from phananh.api.v1.services import token_create_with_password, token_revoke

router = Router(tags=["auth"])

ERRORS = frozenset({400, 401, 403, 404, 415, 429})


@router.post(
    "/auth/token",
    response={201: TokenCreated, ERRORS: ErrorOut},
    summary="Get a personal token",
)
@decorate_view(accepts(JSON))
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    """Exchange an email and password for a token an app keeps (`Authorization: Bearer …`).

    The token is shown once; only its hash is stored. Attempts are limited per address and IP.
    """
    principal = principal_of(request)
    limit = settings.API_TOKEN_RATE_PER_MINUTE
    rate_check(f"login-ip:{principal.ip}", limit)
    rate_check(f"login-email:{payload.email.strip().lower()[:254]}", limit)
    # The same throttle as every password form: locked accounts and addresses wait, growing.
    identifier = payload.email.strip().lower()[:254]
    wait = throttle.signin_wait(request=request, identifier=identifier)
    if wait:
        throttle.signin_failed(
            request=request, identifier=identifier, form=SignInFailure.Form.API, locked=True
        )
        raise ApiError(
            429, "signin_locked", throttle.locked_message(wait), headers={"Retry-After": str(wait)}
        )
    created = token_create_with_password(
        request=request, email=payload.email, password=payload.password, name=payload.name
    )
    if created is None:
        throttle.signin_failed(request=request, identifier=identifier, form=SignInFailure.Form.API)
        raise ApiError(401, "invalid_credentials", _("Wrong email address or password."))
    throttle.signin_succeeded(request=request, identifier=identifier)
    token, raw = created
    return Status(201, {**token_out(token), "token": raw})


@router.get("/auth/tokens", response={200: TokenList, ERRORS: ErrorOut}, summary="My tokens")
def token_list(request: HttpRequest) -> dict[str, Any]:
    """The signed-in person's active tokens (never their secrets)."""
    user = require_person(principal_of(request))
    return {"results": [token_out(t) for t in token_list_for_user(user.pk)]}


@router.delete(
    "/auth/tokens/{token_id}", response={204: None, ERRORS: ErrorOut}, summary="Revoke a token"
)
def token_delete(request: HttpRequest, token_id: int) -> Status[None]:
    """Revoke one of one's tokens (an app signs out, or a lost phone)."""
    user = require_person(principal_of(request))
    token = token_get_for_user(user.pk, token_id)
    if token is None or not token.is_active:
        raise not_found(_("No such token."))
    token_revoke(token=token, user=user)
    return Status(204, None)


@router.delete("/auth/token", response={204: None, ERRORS: ErrorOut}, summary="Revoke this token")
def token_delete_current(request: HttpRequest) -> Status[None]:
    """Sign the app out: revoke the token this call is made with."""
    principal = principal_of(request)
    user = require_person(principal)
    if principal.kind != TOKEN:
        raise ApiError(400, "no_token", _("This call was not made with a personal token."))
    token_revoke(token=principal.token, user=user)
    return Status(204, None)


@router.get("/me", response={200: MeOut, ERRORS: ErrorOut}, summary="Who am I", tags=["me"])
def me(request: HttpRequest) -> dict[str, Any]:
    """Who the call is made as: a person (session or token), an integrator's key, or nobody."""
    principal = principal_of(request)
    user = principal.user
    return {
        "auth": principal.kind,
        "email": user.email if user else None,
        "full_name": user.full_name if user else None,
        "language": user.language if user else None,
        "api_key": principal.api_key.name if principal.api_key is not None else None,
        "scopes": sorted(principal.scopes),
    }
