"""Alerts by place: email subscriptions to new public reports in a ward or around a point."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phananh.alerts.choices import AlertKind, DeliveryState, Frequency

ACTIVE = Q(confirmed_at__isnull=False, stopped_at__isnull=True)


class AlertSubscription(models.Model):
    """One address's alert: a ward, or a radius around a point; optionally one category or
    category group. Nothing is sent before `confirmed_at` (the emailed link), nor after
    `stopped_at` (the one-click stop)."""

    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, default="vi")
    kind = models.CharField(_("kind"), max_length=8, choices=AlertKind.choices)
    area = models.ForeignKey(
        "geo.Area",
        verbose_name=_("ward or commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    radius_m = models.PositiveIntegerField(_("radius (m)"), null=True, blank=True)
    # The box around the circle: a new report finds its radius alerts by indexed ranges.
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)
    min_lon = models.FloatField(null=True, blank=True, editable=False)
    max_lon = models.FloatField(null=True, blank=True, editable=False)
    category = models.ForeignKey(
        "catalog.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    category_group = models.ForeignKey(
        "catalog.CategoryGroup",
        verbose_name=_("category group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    # Signed in when subscribing: closing the account removes the alert with it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        indexes = [
            models.Index(fields=["area"], condition=ACTIVE, name="alert_ward_idx"),
            models.Index(
                fields=["min_lat", "max_lat", "min_lon", "max_lon"],
                condition=ACTIVE,
                name="alert_box_idx",
            ),
            models.Index(fields=["email"], name="alert_email_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.kind}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.stopped_at is None


class AlertDelivery(models.Model):
    """One report matched by one subscription: at most one email per pair, ever. A daily
    subscription's rows wait as pending until the digest that sends them marks them sent in
    the same transaction as it queues the email."""

    subscription = models.ForeignKey(
        AlertSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+")
    matched_at = models.DateTimeField(_("matched"))
    state = models.CharField(
        max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The outbox message that carried it (dedupe key of the notification).
    message_key = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("alert sent")
        verbose_name_plural = _("alerts sent")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "report"], name="alert_once_per_report")
        ]
        indexes = [
            models.Index(
                fields=["subscription"],
                condition=Q(state="pending"),
                name="alert_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscription_id} → {self.report_id}: {self.state}"
