"""Signed webhooks for integrators: every public event of the reports a subscription may see.

A subscriber of the fan-out (`webhooks_on_event`) queues one outbox row per matching active
subscription and event (`dedupe_key` webhook:<subscription>:<event>, so a dispatcher run twice
queues once); the outbox delivers it through `send_webhook` with its retries (5 minutes, then
every 30 minutes for a day, then an IOC alert). Each delivery is signed as the Standard Webhooks
specification says: `webhook-id` (stable per subscription and event: receivers deduplicate on
it), `webhook-timestamp` (seconds) and `webhook-signature` (`v1,` + base64 of HMAC-SHA256 over
`id.timestamp.body` with the secret's key). Every attempt is a `WebhookDelivery` row.

Events: the public steps of published reports (reports/visibility.py), and `report.hidden` —
only the code — when the operations centre takes a report out of public view, so integrators
drop it (`report.restored` with the report when it is shown again).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q

from phananh.core import clock
from phananh.interop.models import WebhookDelivery, WebhookSubscription
from phananh.interop.payloads import event_data, report_data
from phananh.notifications.adapters import DeliveryRefused
from phananh.notifications.services import notification_queue
from phananh.reports import lifecycle
from phananh.reports.choices import Action, Visibility
from phananh.reports.models import Event, Report

if TYPE_CHECKING:
    from phananh.notifications.models import Notification

logger = logging.getLogger(__name__)

CHANNEL = "webhook"
KIND = "webhook"
SECRET_PREFIX = "whsec_"


def secret_new() -> str:
    """A Standard Webhooks secret: whsec_ and the base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the secret's key."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def webhook_id(subscription_id: int, event_id: int) -> str:
    """Stable for one event to one subscription, whatever the number of attempts."""
    return f"msg_pa_{subscription_id}_{event_id}"


def _hidden_change(event: Event) -> bool:
    return event.action == Action.MODERATE and "report_hidden" in (event.payload or {})


def webhooks_wants(event: Event, row: lifecycle.Transition) -> bool:
    return event.visibility == Visibility.PUBLIC or _hidden_change(event)


def subscriptions_for(report: Report) -> list[WebhookSubscription]:
    """The active subscriptions whose narrowing the report passes."""
    candidates = WebhookSubscription.objects.filter(is_active=True).filter(
        Q(agency__isnull=True) | Q(agency_id=report.agency_id),
        Q(area__isnull=True) | Q(area_id=report.area_id),
    )
    code = report.category.code if report.category_id and report.category else ""
    return [s for s in candidates if not s.categories or code in s.categories]


def payload_for(event: Event) -> dict[str, Any] | None:
    """The body of the event's webhook, or None when it is not for the public."""
    report = event.report
    if _hidden_change(event):
        if event.payload.get("report_hidden"):
            return {
                "type": "report.hidden",
                "timestamp": event.created_at.isoformat(),
                "data": {"report": {"code": report.code}},
            }
        kind = "report.restored"
    elif report.is_published:
        kind = f"report.{event.action}"
    else:
        return None
    return {
        "type": kind,
        "timestamp": event.created_at.isoformat(),
        "data": {"event": event_data(event), "report": report_data(report)},
    }


def webhooks_on_event(event: Event) -> int:
    """Queue the event's delivery to every subscription that may see it; returns how many."""
    payload = payload_for(event)
    if payload is None:
        return 0
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    queued = 0
    for subscription in subscriptions_for(event.report):
        if notification_queue(
            to=str(subscription.pk),
            subject=webhook_id(subscription.pk, event.pk),
            body=body,
            kind=KIND,
            dedupe_key=f"webhook:{subscription.pk}:{event.pk}",
            report_id=event.report_id,
            channel=CHANNEL,
        ):
            queued += 1
    return queued


def _log(
    subscription: WebhookSubscription,
    notification: Notification,
    started: float,
    *,
    status: int | None,
    ok: bool,
    error: str = "",
) -> None:
    payload_type = ""
    with contextlib.suppress(ValueError):
        payload_type = json.loads(notification.body).get("type", "")
    WebhookDelivery.objects.create(
        subscription=subscription,
        webhook_id=notification.subject,
        event_type=payload_type[:40],
        report_code=notification.report.code if notification.report else "",
        attempted_at=clock.now(),
        status_code=status,
        ok=ok,
        error=error[:2000],
        duration_ms=int((time.monotonic() - started) * 1000),
    )


def send_webhook(notification: Notification) -> None:
    """The outbox adapter: POST the signed body; 2xx is delivered, 410 ends the subscription's
    deliveries of this event, anything else is retried on the outbox's schedule."""
    subscription = WebhookSubscription.objects.filter(pk=int(notification.to or 0)).first()
    if subscription is None or not subscription.is_active:
        raise DeliveryRefused("the webhook subscription was removed or switched off")
    body = notification.body.encode()
    report = notification.report if notification.report_id else None
    if report is not None and report.is_hidden and b'"report.hidden"' not in body:
        raise DeliveryRefused("the report was hidden before this event could be delivered")
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "phananh-webhooks",
        "webhook-id": notification.subject,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(subscription.secret, notification.subject, timestamp, body),
    }
    if not subscription.url.startswith(("https://", "http://")):
        raise DeliveryRefused("the subscription's URL must be http(s)")
    request = urllib.request.Request(subscription.url, data=body, headers=headers, method="POST")  # noqa: S310
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=settings.OUTGOING_TIMEOUT) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        _log(subscription, notification, started, status=None, ok=False, error=str(error))
        raise RuntimeError(f"webhook receiver unreachable: {error}") from error
    ok = 200 <= status < 300
    _log(subscription, notification, started, status=status, ok=ok)
    if ok:
        return
    if status == 410:
        raise DeliveryRefused("the receiver answered 410 Gone")
    raise RuntimeError(f"webhook receiver answered HTTP {status}")
