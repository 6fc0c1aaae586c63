"""Writes of the API app: personal tokens are created (the secret shown once) and revoked."""

from __future__ import annotations

import secrets

from django.contrib.auth import authenticate
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from phananh.accounts.models import User
from phananh.api.v1.models import PersonalToken
from phananh.api.v1.selectors import TOKEN_PREFIX
from phananh.core import clock
from phananh.core.credentials import secret_hash
from phananh.core.errors import ActionNotAllowed, InvalidInput

NAME_MAX = 100


@transaction.atomic
def token_create(*, user: User, name: str = "") -> tuple[PersonalToken, str]:
    """A new token for `user`; returns the row and the raw token (`pat_<prefix>_<secret>`).

    The raw token exists only in this return value: the database keeps its hash.
    """
    if not user.is_active:
        raise ActionNotAllowed(_("This account is not active."), code="inactive")
    name = (name or "").strip()
    if len(name) > NAME_MAX:
        raise InvalidInput(
            _("Please keep this under %(max)d characters.") % {"max": NAME_MAX},
            code="too_long",
            fields={"name": "too_long"},
        )
    secret = secrets.token_urlsafe(32)
    for _attempt in range(5):
        prefix = secrets.token_hex(6)
        try:
            with transaction.atomic():
                token = PersonalToken.objects.create(
                    user=user,
                    name=name,
                    prefix=prefix,
                    secret_hash=secret_hash(secret),
                    created_at=clock.now(),
                )
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - 48 random bits colliding five times
        raise RuntimeError("could not draw a unique token prefix")
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def token_create_with_password(
    *, request: HttpRequest, email: str, password: str, name: str = ""
) -> tuple[PersonalToken, str] | None:
    """Check the email and password like the sign-in page does; None when they are wrong."""
    user = authenticate(request, username=(email or "").strip().lower(), password=password or "")
    if user is None or not user.is_active:
        return None
    return token_create(user=user, name=name)


@transaction.atomic
def token_revoke(*, token: PersonalToken, user: User) -> PersonalToken:
    """Revoke one of the user's own tokens (twice-safe: a revoked token stays revoked)."""
    if token.user_id != user.pk:
        raise ActionNotAllowed(_("This token is not yours."), code="forbidden")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
    return token
