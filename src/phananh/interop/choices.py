"""Stable values of the interop app (they appear in the admin, the API and the docs)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SendMethod(models.TextChoices):
    """How an agency receives the reports referred to it."""

    CONSOLE = "console", _("Console: its staff work in /ops/")
    EMAIL = "email", _("Email, with a signed link to answer without an account")
    OPEN311 = "open311", _("Its own system, over Open311")


class ForwardState(models.TextChoices):
    PENDING = "pending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed after every retry")
