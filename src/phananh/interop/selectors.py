"""Reads of the interop app: what the workspace shows of a report's forwards."""

from __future__ import annotations

from django.db.models import QuerySet

from phananh.accounts.models import Agency
from phananh.interop.choices import SendMethod
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


def forwarded_to_address(report: Report, address: str) -> Agency | None:
    """The email agency this report was sent to, when `address` is that agency's."""
    address = (address or "").strip().lower()
    if not address or report.agency_id is None:
        return None
    forward = (
        Forward.objects.filter(
            report=report,
            agency_id=report.agency_id,
            method=SendMethod.EMAIL,
            agency__endpoint__email__iexact=address,
        )
        .select_related("agency")
        .first()
    )
    return forward.agency if forward else None
