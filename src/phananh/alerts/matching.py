"""A report that becomes public is matched against the subscriptions, never the reverse: the
ward alerts by the report's area, the radius alerts by an indexed box then the distance, the
category by the report's category or its group. Each (subscription, report) pair is recorded
once (`AlertDelivery`), so the fan-out running twice alerts nobody twice."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q

from phananh.alerts.choices import AlertKind, DeliveryState, Frequency
from phananh.alerts.messages import immediate_message
from phananh.alerts.models import ACTIVE, AlertDelivery, AlertSubscription
from phananh.core import clock
from phananh.geo.selectors import distance_m
from phananh.notifications.services import notification_queue
from phananh.reports import lifecycle
from phananh.reports.choices import OPEN_STATUSES, Action, Status
from phananh.reports.models import Event, Report
from phananh.reports.visibility import published_statuses

# A report the IOC rejected or merged is public, but not news of a problem in the area.
NOT_NEWS = (Status.REJECTED, Status.MERGED)


# Steps that change what a public report matches: the subscriptions of its new category or
# place hear of it then (once: the pair is recorded), while it is still open.
REMATCH = (Action.CATEGORIZE, Action.RELOCATE)


def alerts_wants(event: Event, row: lifecycle.Transition) -> bool:
    """The fan-out's condition: this step made the report public (PHANANH_PUBLISH_ON), or a
    moderator showed a hidden report again, or its category or place changed."""
    if event.action == Action.MODERATE:
        return (event.payload or {}).get("report_hidden") is False
    if event.action in REMATCH:
        return True
    public = published_statuses()
    return event.to_status in public and event.from_status not in public


def subscriptions_for(report: Report) -> list[AlertSubscription]:
    """The active subscriptions this report is news for (a few indexed queries whatever the
    number of reports; the distance is checked for the radius candidates only)."""
    place = Q()
    if report.area_id is not None:
        place |= Q(kind=AlertKind.WARD, area_id=report.area_id)
    if report.lat is not None and report.lon is not None:
        lat, lon = report.lat, report.lon
        place |= Q(
            kind=AlertKind.RADIUS,
            min_lat__lte=lat,
            max_lat__gte=lat,
            min_lon__lte=lon,
            max_lon__gte=lon,
        )
    if not place:
        return []
    what = Q(category__isnull=True, category_group__isnull=True)
    if report.category is not None:
        what |= Q(category_id=report.category_id)
        if report.category.group_id is not None:
            what |= Q(category_group_id=report.category.group_id)
    found = []
    candidates = (
        AlertSubscription.objects.filter(ACTIVE, place, what)
        .select_related("area", "category", "category_group")
        .defer("area__geometry")
        .order_by("pk")
    )
    for subscription in candidates.iterator(chunk_size=500):
        if subscription.kind == AlertKind.RADIUS:
            if report.lat is None or report.lon is None:
                continue
            far = distance_m(
                subscription.lat or 0.0, subscription.lon or 0.0, report.lat, report.lon
            )
            if far > (subscription.radius_m or 0):
                continue
        found.append(subscription)
    return found


def _record(subscription: AlertSubscription, report: Report) -> AlertDelivery | None:
    """The pair's one row, or None when it exists already (the fan-out ran before)."""
    try:
        with transaction.atomic():
            return AlertDelivery.objects.create(
                subscription=subscription, report=report, matched_at=clock.now()
            )
    except IntegrityError:
        return None


def alerts_notice(event: Event) -> int:
    """Match the report against the subscriptions: an email at once to the immediate ones, a
    pending row for the daily ones; returns how many rows were recorded."""
    report = (
        Report.objects.select_related("category", "category__group", "area")
        .defer("area__geometry")
        .filter(pk=event.report_id)
        .first()
    )
    if report is None or not report.is_published or report.status in NOT_NEWS:
        return 0
    if event.action in REMATCH and report.status not in OPEN_STATUSES:
        return 0
    recorded = 0
    for subscription in subscriptions_for(report):
        delivery = _record(subscription, report)
        if delivery is None:
            continue
        recorded += 1
        if subscription.frequency != Frequency.IMMEDIATE:
            continue
        key = f"alerts:{subscription.pk}:{report.pk}"
        message = immediate_message(subscription, report)
        notification_queue(
            to=subscription.email,
            subject=message.subject,
            body=message.body,
            headers=message.headers,
            kind="area_alert",
            dedupe_key=key,
            report_id=report.pk,
            user_id=subscription.user_id,
        )
        delivery.state = DeliveryState.SENT
        delivery.sent_at = clock.now()
        delivery.message_key = key
        delivery.save(update_fields=["state", "sent_at", "message_key"])
    return recorded
