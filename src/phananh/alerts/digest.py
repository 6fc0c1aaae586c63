"""The daily email: each daily subscription's pending reports in one message.

Each subscription is sent in its own transaction, which queues the outbox message and marks its
reports sent together: a worker killed mid-run leaves the subscriptions done so far recorded
(the task run again skips them) and the others untouched. The message's dedupe key names the
last report it carries, so a retry can never queue the same digest twice.
"""

from __future__ import annotations

from django.db import transaction

from phananh.alerts.choices import DeliveryState, Frequency
from phananh.alerts.messages import digest_message
from phananh.alerts.models import AlertDelivery, AlertSubscription
from phananh.core import clock
from phananh.notifications.services import notification_queue
from phananh.reports.models import Report


def digest_pending_subscriptions() -> list[int]:
    """The daily subscriptions with reports waiting (the partial index on pending rows)."""
    return sorted(
        set(
            AlertDelivery.objects.filter(
                state=DeliveryState.PENDING, subscription__frequency=Frequency.DAILY
            ).values_list("subscription_id", flat=True)
        )
    )


@transaction.atomic
def digest_send(*, subscription_id: int) -> int:
    """Send one subscription's daily email; returns how many reports it carried (0: none)."""
    subscription = (
        AlertSubscription.objects.select_for_update(of=("self",))
        .select_related("area", "category", "category_group")
        .defer("area__geometry")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return 0
    pending = list(
        AlertDelivery.objects.filter(subscription=subscription, state=DeliveryState.PENDING)
        .order_by("pk")
        .values_list("pk", "report_id")
    )
    if not pending:
        return 0
    now = clock.now()
    if not subscription.is_active:
        AlertDelivery.objects.filter(pk__in=[pk for pk, _r in pending]).update(
            state=DeliveryState.SKIPPED
        )
        return 0
    reports = {
        report.pk: report
        for report in Report.objects.select_related("category", "area")
        .defer("area__geometry")
        .filter(pk__in=[report_id for _pk, report_id in pending])
    }
    # Hidden (or no longer public) since it matched: never sent.
    shown = [
        reports[report_id]
        for _pk, report_id in reversed(pending)
        if report_id in reports and reports[report_id].is_published
    ]
    skipped = [pk for pk, report_id in pending if report_id not in {r.pk for r in shown}]
    if skipped:
        AlertDelivery.objects.filter(pk__in=skipped).update(state=DeliveryState.SKIPPED)
    if not shown:
        return 0
    key = f"alerts:digest:{subscription.pk}:{pending[-1][0]}"
    message = digest_message(subscription, shown)
    notification_queue(
        to=subscription.email,
        subject=message.subject,
        body=message.body,
        headers=message.headers,
        kind="area_digest",
        dedupe_key=key,
        user_id=subscription.user_id,
    )
    AlertDelivery.objects.filter(
        pk__in=[pk for pk, report_id in pending if pk not in skipped]
    ).update(state=DeliveryState.SENT, sent_at=now, message_key=key)
    return len(shown)


def digests_send() -> int:
    """The daily run (once per slot across workers: core/periodic.py); returns emails sent."""
    sent = 0
    for subscription_id in digest_pending_subscriptions():
        if digest_send(subscription_id=subscription_id):
            sent += 1
    return sent
