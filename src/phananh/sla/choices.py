"""Stable values of the deadline domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Track(models.TextChoices):
    """How fast a report must be handled (design §2): `urgent` runs 24/7 on calendar time."""

    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")


class Step(models.TextChoices):
    TRIAGE = "triage", _("Triage by the operations centre")
    ACCEPTANCE = "acceptance", _("Acceptance by the agency")
    RESOLUTION = "resolution", _("Handling by the agency")
    EVALUATION = "evaluation", _("Evaluation by the reporter")


class Unit(models.TextChoices):
    WORKING_HOURS = "working_hours", _("working hours")
    WORKING_DAYS = "working_days", _("working days")
    HOURS = "hours", _("hours (calendar time)")


class DeadlineState(models.TextChoices):
    OPEN = "open", _("Running")
    PAUSED = "paused", _("Paused")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Outcome(models.TextChoices):
    """How a finished deadline ended: what scorecards count."""

    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    RETURNED = "returned", _("Returned (wrong routing)")
    CANCELLED = "cancelled", _("Cancelled")


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Extra day off")
    WORKING_DAY = "working_day", _("Make-up working day")


class ExtensionState(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
