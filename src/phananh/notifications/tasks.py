"""Outbox delivery: interfaces that call the services and schedule the next try."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from phananh.notifications.services import notification_deliver, notifications_deliver_due


@task()
def deliver_notification(notification_id: int) -> None:
    """Send one message now (queued with the message, and again for each retry)."""
    retry_in = notification_deliver(notification_id=notification_id)
    # Without deferred tasks (the inline backend in tests) `deliver_due` finds the row later.
    if retry_in is not None and deliver_notification.get_backend().supports_defer:
        deliver_notification.using(run_after=timezone.now() + retry_in).enqueue(notification_id)


@task()
def deliver_due() -> None:
    """Send every message whose time has come, even when its own task was lost (every minute)."""
    notifications_deliver_due()
