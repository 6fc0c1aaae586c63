"""Reads of the interop app: what the workspace shows of a report's forwards."""

from __future__ import annotations

from django.db.models import QuerySet

from phananh.interop.models import Forward, WebhookSubscription
from phananh.reports.models import Report


def forwards_of(report: Report) -> QuerySet[Forward]:
    """The report's forwards to agencies' systems, newest first, with their outbox rows."""
    return (
        Forward.objects.filter(report=report)
        .select_related("agency", "notification")
        .prefetch_related("updates")
        .order_by("-created_at", "-id")
    )


def subscriptions_of_key(api_key_id: int) -> QuerySet[WebhookSubscription]:
    return WebhookSubscription.objects.filter(api_key_id=api_key_id, is_active=True)
