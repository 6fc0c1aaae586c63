"""Signed links for one subscription: confirm it (for a week) and stop it (for ever)."""

from __future__ import annotations

from django.core import signing

_SALT = "phananh.alerts.subscription"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7


def alert_token(subscription_id: int, purpose: str) -> str:
    """A URL-safe token for one subscription and one purpose ("confirm" or "stop")."""
    return signing.dumps({"a": subscription_id, "p": purpose}, salt=_SALT, compress=True)


def subscription_id_from_token(token: str, purpose: str) -> int | None:
    """The subscription a valid token names for this purpose, else None."""
    max_age = CONFIRM_MAX_AGE if purpose == "confirm" else None
    try:
        data = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("p") != purpose:
        return None
    value = data.get("a")
    return value if isinstance(value, int) else None
