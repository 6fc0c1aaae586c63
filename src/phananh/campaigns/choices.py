"""Stable values of the campaigns domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


class JoinedBy(models.TextChoices):
    """How a report came to be part of a campaign."""

    CATEGORY = "category", _("Filed in one of its categories and places")
    PICKED = "picked", _("Chosen by the reporter")
    TAGGED = "tagged", _("Tagged by the operations centre")


class VolunteerState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done: waiting for the ward's confirmation")
    CONFIRMED = "confirmed", _("Confirmed by the ward")
