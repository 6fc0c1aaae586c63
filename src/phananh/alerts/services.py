"""Writes for alerts by place: subscribe (double opt-in), confirm, stop."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction

from phananh.alerts.choices import AlertKind
from phananh.alerts.messages import confirm_message
from phananh.alerts.models import AlertSubscription
from phananh.catalog.models import Category, CategoryGroup
from phananh.core import clock
from phananh.geo.models import Area
from phananh.geo.selectors import box_around
from phananh.notifications.services import notification_queue


@dataclass(frozen=True)
class AlertRequest:
    """What the subscribe form asks for (checked by `alerts.forms.SubscribeForm`)."""

    email: str
    kind: str
    frequency: str
    language: str = "vi"
    area: Area | None = None
    lat: float | None = None
    lon: float | None = None
    radius_m: int | None = None
    category: Category | None = None
    category_group: CategoryGroup | None = None
    user_id: int | None = None


def _same(request: AlertRequest) -> dict[str, object]:
    where: dict[str, object] = {
        "email": request.email,
        "kind": request.kind,
        "frequency": request.frequency,
        "category": request.category,
        "category_group": request.category_group,
    }
    if request.kind == AlertKind.WARD:
        where["area"] = request.area
    else:
        where.update(lat=request.lat, lon=request.lon, radius_m=request.radius_m)
    return where


@transaction.atomic
def alert_subscribe(*, request: AlertRequest) -> AlertSubscription:
    """Record the alert and email its confirmation link; nothing else is sent before the link
    is followed. Asking again for the same alert sends the link again (the caller limits how
    often); an alert already confirmed is left as it is, and nothing is sent."""
    now = clock.now()
    email = request.email.strip().lower()
    request = AlertRequest(**{**request.__dict__, "email": email})
    subscription = (
        AlertSubscription.objects.filter(**_same(request), stopped_at__isnull=True)
        .order_by("-confirmed_at", "-pk")
        .first()
    )
    if subscription is not None and subscription.confirmed_at is not None:
        return subscription
    if subscription is None:
        subscription = AlertSubscription(
            **_same(request), language=request.language, user_id=request.user_id, created_at=now
        )
        if request.kind == AlertKind.RADIUS and request.lat is not None and request.lon is not None:
            box = box_around(request.lat, request.lon, float(request.radius_m or 0))
            (
                subscription.min_lat,
                subscription.max_lat,
                subscription.min_lon,
                subscription.max_lon,
            ) = box
        subscription.save()
    elif subscription.language != request.language:
        subscription.language = request.language
        subscription.save(update_fields=["language"])
    message = confirm_message(subscription)
    notification_queue(
        to=email,
        subject=message.subject,
        body=message.body,
        kind="alert_confirm",
        dedupe_key=f"alerts:confirm:{subscription.pk}:{secrets.token_hex(8)}",
        user_id=request.user_id,
    )
    return subscription


@transaction.atomic
def alert_confirm(*, subscription_id: int) -> AlertSubscription | None:
    """The address followed its link (twice-safe); a stopped alert stays stopped."""
    subscription = AlertSubscription.objects.select_for_update().filter(pk=subscription_id).first()
    if subscription is None:
        return None
    if subscription.confirmed_at is None and subscription.stopped_at is None:
        subscription.confirmed_at = clock.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


@transaction.atomic
def alert_stop(*, subscription_id: int) -> AlertSubscription | None:
    """The one-click stop (twice-safe): nothing more is sent, daily ones waiting included."""
    subscription = AlertSubscription.objects.select_for_update().filter(pk=subscription_id).first()
    if subscription is None:
        return None
    if subscription.stopped_at is None:
        subscription.stopped_at = clock.now()
        subscription.save(update_fields=["stopped_at"])
    return subscription
