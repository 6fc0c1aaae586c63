"""Queue messages in the outbox and deliver them through their channel's adapter, with retries."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from phananh.accounts.choices import Role
from phananh.accounts.selectors import staff_recipients
from phananh.core import clock
from phananh.core.errors import InvalidInput
from phananh.core.queue import enqueue
from phananh.notifications.adapters import DeliveryRefused, adapter_for
from phananh.notifications.choices import OptionalKind
from phananh.notifications.models import Notification, NotificationPreference, NotificationState
from phananh.notifications.selectors import notification_wanted_by
from phananh.notifications.templates import StaffAlert, staff_message

logger = logging.getLogger(__name__)

# The delivery schedule: a failed message is retried 5 minutes after its first failure, then
# every 30 minutes; a day after the first failure the last try happens, and if that fails too the
# message is marked failed and the IOC gets one alert (StaffAlert.DELIVERY_FAILED).
RETRY_FIRST = timedelta(minutes=5)
RETRY_EVERY = timedelta(minutes=30)
GIVE_UP_AFTER = timedelta(days=1)


def _lease() -> timedelta:
    """How long a worker may hold a message while sending before another may take it up (every
    adapter bounds its own network time well below this): PHANANH_NOTIFICATION_LEASE_SECONDS."""
    return timedelta(seconds=settings.NOTIFICATION_LEASE_SECONDS)


# Who at the operations centre is alerted about the centre's own work.
IOC_DESK = (Role.OPERATOR, Role.SUPERVISOR)
DELIVER_TASK = "phananh.notifications.tasks.deliver_notification"


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
    headers: dict[str, str] | None = None,
) -> Notification | None:
    """Add a message to the outbox (once per dedupe key); its delivery is queued in the same
    transaction, so it goes out once the caller commits (and never if it rolls back).

    An optional kind (`OptionalKind`) is dropped when the registered recipient switched it off:
    `user_id` names them, else the account owning the address does. `channel` picks the send
    adapter (notifications.adapters) and says what `to` is: an address, a phone, a platform id.
    `headers` are added to an email (List-Unsubscribe…); other channels ignore them.
    """
    if not to:
        return None
    if not notification_wanted_by(to=to, kind=kind, user_id=user_id):
        return None
    now = clock.now()
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                channel=channel,
                to=to,
                subject=subject[:200],
                body=body,
                headers=headers or {},
                kind=kind,
                report_id=report_id,
                dedupe_key=dedupe_key[:200],
                created_at=now,
                next_attempt_at=now,
            )
    except IntegrityError:
        return None
    enqueue(DELIVER_TASK, notification.pk)
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


def _claim(notification_id: int, now: datetime, *, first_at_once: bool = False) -> bool:
    """Take a due row for this worker (a conditional UPDATE: exactly one worker wins).

    `first_at_once`: a message never tried is due whatever the clocks say (the task enqueued
    when it was queued may run on a machine whose clock is a little behind).
    """
    due = Q(next_attempt_at__lte=now)
    if first_at_once:
        due |= Q(state=NotificationState.PENDING, attempts=0)
    return bool(
        Notification.objects.filter(
            due,
            pk=notification_id,
            state__in=(NotificationState.PENDING, NotificationState.SENDING),
        ).update(
            state=NotificationState.SENDING,
            attempts=F("attempts") + 1,
            next_attempt_at=now + _lease(),
        )
    )


def _retry_at(notification: Notification, failed_at: datetime) -> datetime | None:
    """When to try again after a failure at `failed_at`, or None to give up (see RETRY_*)."""
    first = notification.first_failed_at or failed_at
    give_up_at = first + GIVE_UP_AFTER
    if failed_at >= give_up_at:
        return None
    step = RETRY_FIRST if notification.first_failed_at is None else RETRY_EVERY
    return min(failed_at + step, give_up_at)


def _send(notification: Notification) -> timedelta | None:
    """Deliver a claimed row and record the outcome; returns the delay before the next try."""
    try:
        adapter_for(notification.channel)(notification)
    except Exception as exc:  # every failure is recorded; most are retried
        now = clock.now()
        logger.warning(
            "notification %s (%s) failed: %s", notification.pk, notification.channel, exc
        )
        retry_at = None if isinstance(exc, DeliveryRefused) else _retry_at(notification, now)
        notification.last_error = (str(exc) or exc.__class__.__name__)[:2000]
        first_failed_at = notification.first_failed_at or now
        notification.first_failed_at = first_failed_at
        if retry_at is None:
            notification.state = NotificationState.FAILED
        else:
            notification.state = NotificationState.PENDING
            notification.next_attempt_at = retry_at
        notification.save(
            update_fields=["state", "last_error", "first_failed_at", "next_attempt_at"]
        )
        if retry_at is None:
            _alert_failed(notification, first_failed_at=first_failed_at)
            return None
        return retry_at - now
    notification.state = NotificationState.SENT
    notification.sent_at = clock.now()
    notification.save(update_fields=["state", "sent_at"])
    return None


def notification_deliver(*, notification_id: int) -> timedelta | None:
    """Send one message if it is due and no other worker holds it.

    Returns the delay before its next try after a failure, or None (sent, failed for good, not
    due, or taken by another worker).
    """
    if not _claim(notification_id, clock.now(), first_at_once=True):
        return None
    return _send(Notification.objects.get(pk=notification_id))


def notifications_deliver_due(*, batch: int = 200) -> int:
    """Send every message whose time has come (the worker's pass every minute); returns how many
    were tried. Finds rows whose task was lost and rows whose worker died mid-send (lease over).
    """
    now = clock.now()
    due = Notification.objects.filter(
        state__in=(NotificationState.PENDING, NotificationState.SENDING), next_attempt_at__lte=now
    ).order_by("next_attempt_at")
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            # Rows another worker is claiming right now are skipped, not waited for.
            due = due.select_for_update(skip_locked=True)
        candidates = list(due.values_list("pk", flat=True)[:batch])
        claimed = [pk for pk in candidates if _claim(pk, now)]
    for pk in claimed:
        _send(Notification.objects.get(pk=pk))
    return len(claimed)


def _alert_failed(notification: Notification, *, first_failed_at: datetime) -> None:
    """Tell the IOC (operators and supervisors) once that a message could not be delivered."""
    if notification.kind == StaffAlert.DELIVERY_FAILED:
        return  # an alert about an alert would never end
    link = settings.SITE_URL + reverse(
        "admin:notifications_notification_change", args=[notification.pk]
    )
    # A message retried by hand that fails again is a new failure: a new alert.
    first_failed = int(first_failed_at.timestamp())
    report = notification.report
    sent = staff_alert(
        StaffAlert.DELIVERY_FAILED,
        to=[(None, IOC_DESK)],
        values={
            "id": notification.pk,
            "kind": notification.kind,
            "report": f", {report.code}" if report is not None else "",
            "channel": notification.channel,
            "to": notification.to,
            "attempts": notification.attempts,
            "error": notification.last_error,
            "link": link,
        },
        dedupe_key=f"{StaffAlert.DELIVERY_FAILED}:{notification.pk}:{first_failed}",
        report_id=notification.report_id,
    )
    if not sent:
        logger.error("notification %s failed and nobody at the IOC can be told", notification.pk)


def staff_alert(
    alert: str,
    *,
    to: Iterable[tuple[int | None, tuple[str, ...]]],
    values: dict[str, object],
    dedupe_key: str,
    report_id: int | None = None,
) -> int:
    """Queue one alert to each member of staff in `to` — (agency id, or None for the operations
    centre; roles) — in that person's language; returns how many were queued.

    The texts are in notifications/templates.py (`StaffAlert`); `dedupe_key` + the address make
    each message once-only, so a task run twice alerts nobody twice.
    """
    queued = 0
    for email, language in staff_recipients(to):
        message = staff_message(alert, language=language, values=values)
        if notification_queue(
            to=email,
            subject=message.subject,
            body=message.body,
            kind=str(alert),
            dedupe_key=f"{dedupe_key}:{email}",
            report_id=report_id,
        ):
            queued += 1
    return queued


@transaction.atomic
def notification_retry_now(*, notification_ids: Iterable[int]) -> int:
    """Try these messages again at once (an operator fixed the channel); returns how many.

    Failed ones get a fresh day of retries. Rows a worker is sending, or already sent, are left.
    """
    now = clock.now()
    rows = Notification.objects.filter(
        pk__in=list(notification_ids),
        state__in=(NotificationState.PENDING, NotificationState.FAILED),
    )
    ids = list(rows.values_list("pk", flat=True))
    rows.filter(state=NotificationState.FAILED).update(first_failed_at=None)
    count = rows.update(state=NotificationState.PENDING, next_attempt_at=now)
    for pk in ids:
        enqueue(DELIVER_TASK, pk)
    return count
