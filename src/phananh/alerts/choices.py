"""Stable values for alerts by place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertKind(models.TextChoices):
    WARD = "ward", _("In a ward or commune")
    RADIUS = "radius", _("Around a point")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("One email per new report")
    DAILY = "daily", _("One email a day with the new reports")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Waiting for the daily email")
    SENT = "sent", _("Sent")
    # The report was hidden, or the subscription stopped, before the daily email.
    SKIPPED = "skipped", _("Not sent")


# The radius of an "around this point" alert, in metres.
RADIUS_MIN = 250
RADIUS_MAX = 5000
RADIUS_CHOICES = (250, 500, 1000, 2000, 5000)
