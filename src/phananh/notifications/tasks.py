"""Outbox delivery: an interface that calls the service and schedules its own retry."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from phananh.notifications.services import notification_deliver


@task()
def deliver_notification(notification_id: int) -> None:
    retry_in = notification_deliver(notification_id=notification_id)
    # Backends that cannot defer (the inline one in tests) leave the row pending for a later pass.
    if retry_in is not None and deliver_notification.get_backend().supports_defer:
        deliver_notification.using(run_after=timezone.now() + retry_in).enqueue(notification_id)
