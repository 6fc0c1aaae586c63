"""Reads for notifications: what a registered person wants to receive."""

from __future__ import annotations

from phananh.notifications.choices import OptionalKind
from phananh.notifications.models import NotificationPreference


def notification_muted_kinds(user_id: int) -> frozenset[str]:
    """The optional kinds this person switched off (empty when they never chose)."""
    muted = (
        NotificationPreference.objects.filter(user_id=user_id)
        .values_list("muted", flat=True)
        .first()
    )
    return frozenset(muted or ())


def notification_wanted(user_id: int | None, kind: str) -> bool:
    """False only for an optional kind this registered person switched off."""
    if user_id is None or kind not in OptionalKind.values:
        return True
    return kind not in notification_muted_kinds(user_id)


def _user_id_for_address(to: str) -> int | None:
    """The registered person behind an address, when they have chosen preferences."""
    return (
        NotificationPreference.objects.filter(user__email=to.strip().lower())
        .values_list("user_id", flat=True)
        .first()
    )


def notification_wanted_by(*, to: str, kind: str, user_id: int | None = None) -> bool:
    """Whether to send: by account when known, else by the account that owns the address."""
    if kind not in OptionalKind.values:
        return True
    if user_id is None:
        user_id = _user_id_for_address(to)
    return notification_wanted(user_id, kind)
