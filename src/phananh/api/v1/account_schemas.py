"""The API's schemas for accounts: personal tokens and the signed-in person."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from ninja import Schema
from pydantic import Field

if TYPE_CHECKING:
    from phananh.api.v1.models import PersonalToken

# ── Accounts and tokens ───────────────────────────────────────────────────────────────────


class TokenIn(Schema):
    email: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=4096)
    name: str = Field(default="", max_length=100, description="Which app or device it is for.")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="The token's public part, to recognise it in lists.")
    created_at: datetime
    last_used_at: datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="The secret token, shown this once: keep it.")


class TokenList(Schema):
    results: list[TokenOut]


def token_out(token: PersonalToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
    }


class MeOut(Schema):
    """Who the call is made as."""

    auth: Literal["session", "token", "api_key", "anonymous"]
    email: str | None
    full_name: str | None
    language: str | None
    api_key: str | None = Field(description="The API key's name, for an integrator.")
    scopes: list[str]
