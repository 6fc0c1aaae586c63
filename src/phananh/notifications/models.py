"""The outbox: every message to a person is a row, delivered after commit with retries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NotificationState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    # A worker holds it until `next_attempt_at` (a lease); past that it is taken up again.
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One message to one recipient on one channel (email, sms, facebook, zalo: adapters.py)."""

    # A report's "channel" is where it came in and an event's "to" a status: these are not.
    channel = models.CharField(
        pgettext_lazy("sent over", "channel"), max_length=16, default="email"
    )
    to = models.CharField(pgettext_lazy("recipient", "to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    # Extra email headers (e.g. List-Unsubscribe for alerts by place); other channels ignore them.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=40)
    report = models.ForeignKey(
        "reports.Report", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The same event never notifies the same person twice (a retried sweep, two workers).
    dedupe_key = models.CharField(max_length=200, unique=True)
    state = models.CharField(
        max_length=10, choices=NotificationState.choices, default=NotificationState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"))
    # When a worker may try (again); while one is sending, the end of its lease. Meaningful for
    # pending and sending rows only.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # The first failed attempt: the retries stop a day after it.
    first_failed_at = models.DateTimeField(_("first failure"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["state", "created_at"], name="notification_state_idx"),
            # Only waiting rows are looked up by due time (the worker's pass every minute).
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state__in=["pending", "sending"]),
                name="notification_due_idx",
            ),
        ]

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
