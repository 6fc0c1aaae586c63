"""Domain errors: raised by services, mapped to HTTP once at the edge (400, 403, 409)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error a service raises on purpose; `code` is stable, `message` is human."""

    status = 400
    default_code = "invalid"

    def __init__(
        self, message: Any, *, code: str | None = None, fields: dict[str, Any] | None = None
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code or self.default_code
        self.fields = fields or {}


class InvalidInput(DomainError):
    """The request is well-formed but its values are not acceptable."""

    status = 400
    default_code = "invalid"


class ActionNotAllowed(DomainError):
    """The actor may not do this (wrong role, or a report of another agency)."""

    status = 403
    default_code = "forbidden"


class InvalidTransition(DomainError):
    """The lifecycle table does not allow this action from the report's current status."""

    status = 409
    default_code = "invalid_transition"


class Conflict(DomainError):
    """The data changed under the caller (someone else acted first)."""

    status = 409
    default_code = "conflict"
