"""Queue messages in the outbox and deliver them, retrying with back-off."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from phananh.core import clock
from phananh.notifications.models import Notification, NotificationState

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


def notification_queue(
    *, to: str, subject: str, body: str, kind: str, dedupe_key: str, report_id: int | None = None
) -> Notification | None:
    """Add a message to the outbox (once per dedupe key) and deliver it after commit."""
    if not to:
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
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


def notification_deliver(*, notification_id: int) -> timedelta | None:
    """Send one message; returns the delay before a retry, or None when done either way."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None or notification.state != NotificationState.PENDING:
        return None
    notification.attempts += 1
    try:
        send_mail(notification.subject, notification.body, None, [notification.to])
    except Exception as exc:  # any transport failure is retried, then recorded
        logger.warning("notification %s failed: %s", notification.pk, exc)
        notification.last_error = str(exc)[:2000]
        if notification.attempts >= MAX_ATTEMPTS:
            notification.state = NotificationState.FAILED
        notification.save(update_fields=["attempts", "last_error", "state"])
        if notification.state == NotificationState.FAILED:
            return None
        return timedelta(minutes=2**notification.attempts)
    notification.state = NotificationState.SENT
    notification.sent_at = clock.now()
    notification.save(update_fields=["attempts", "state", "sent_at"])
    return None
