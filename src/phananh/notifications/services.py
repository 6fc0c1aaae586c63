"""Queue messages in the outbox and deliver them, retrying with back-off."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from phananh.core import clock
from phananh.core.errors import InvalidInput
from phananh.notifications.adapters import DeliveryRefused, adapter_for
from phananh.notifications.choices import OptionalKind
from phananh.notifications.models import Notification, NotificationPreference, NotificationState
from phananh.notifications.selectors import notification_wanted_by

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


def notification_queue(
    *,
    to: str,
    subject: str,
    body: str,
    kind: str,
    dedupe_key: str,
    report_id: int | None = None,
    user_id: int | None = None,
    channel: str = "email",
) -> Notification | None:
    """Add a message to the outbox (once per dedupe key) and deliver it after commit.

    An optional kind (`OptionalKind`) is dropped when the registered recipient switched it off:
    `user_id` names them, else the account owning the address does. `channel` picks the send
    adapter (notifications.adapters) and says what `to` is: an address, a phone, a platform id.
    """
    if not to:
        return None
    if not notification_wanted_by(to=to, kind=kind, user_id=user_id):
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                channel=channel,
                to=to,
                subject=subject[:200],
                body=body,
                kind=kind,
                report_id=report_id,
                dedupe_key=dedupe_key[:200],
                created_at=clock.now(),
            )
    except IntegrityError:
        return None
    from phananh.notifications.tasks import deliver_notification

    transaction.on_commit(lambda: deliver_notification.enqueue(notification.pk))
    return notification


@transaction.atomic
def notification_preferences_set(*, user_id: int, wanted: Iterable[str]) -> NotificationPreference:
    """Keep the optional kinds a person wants; every other optional kind is switched off."""
    wanted = set(wanted)
    unknown = wanted - set(OptionalKind.values)
    if unknown:
        raise InvalidInput(
            _("Unknown kind of email: %(kinds)s") % {"kinds": ", ".join(sorted(unknown))},
            code="bad_kind",
        )
    preference, _created = NotificationPreference.objects.update_or_create(
        user_id=user_id,
        defaults={
            "muted": [kind for kind in OptionalKind.values if kind not in wanted],
            "updated_at": clock.now(),
        },
    )
    return preference


@transaction.atomic
def notification_forget_address(*, to: str) -> int:
    """Remove every message to an address whose owner closed their account; returns how many."""
    address = (to or "").strip().lower()
    if not address:
        return 0
    deleted, _by_model = Notification.objects.filter(to__iexact=address).delete()
    return deleted


def notification_deliver(*, notification_id: int) -> timedelta | None:
    """Send one message; returns the delay before a retry, or None when done either way."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None or notification.state != NotificationState.PENDING:
        return None
    notification.attempts += 1
    try:
        adapter_for(notification.channel)(notification)
    except Exception as exc:  # any transport failure is retried, then recorded
        logger.warning("notification %s failed: %s", notification.pk, exc)
        notification.last_error = str(exc)[:2000]
        if isinstance(exc, DeliveryRefused) or notification.attempts >= MAX_ATTEMPTS:
            notification.state = NotificationState.FAILED
        notification.save(update_fields=["attempts", "last_error", "state"])
        if notification.state == NotificationState.FAILED:
            return None
        return timedelta(minutes=2**notification.attempts)
    notification.state = NotificationState.SENT
    notification.sent_at = clock.now()
    notification.save(update_fields=["attempts", "state", "sent_at"])
    return None
