"""The outbox: every message to a person is a row, delivered after commit with retries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One message to one address (email now; the channels issue adds Messenger and Zalo)."""

    channel = models.CharField(max_length=16, default="email")
    to = models.CharField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    kind = models.CharField(_("kind"), max_length=40)
    report = models.ForeignKey(
        "reports.Report", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The same event never notifies the same person twice (a retried sweep, two workers).
    dedupe_key = models.CharField(max_length=200, unique=True)
    state = models.CharField(
        max_length=10, choices=NotificationState.choices, default=NotificationState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["state", "created_at"], name="notification_state_idx")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to}"


class NotificationPreference(models.Model):
    """Which optional emails one registered person has switched off (none by default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    # Kinds (OptionalKind values) not wanted; a kind added later is wanted until switched off.
    muted = models.JSONField(_("emails switched off"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {', '.join(self.muted) or '-'}"
