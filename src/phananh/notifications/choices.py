"""Stable values for notifications: the kinds of email a citizen may choose not to receive."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OptionalKind(models.TextChoices):
    """News about a report the person sent; each may be switched off in their settings.

    Every other kind (confirming a report, sign-in and verification links, staff alerts) is
    always sent.
    """

    RECEIVED = "report_received", _("Report received, with its tracking code")
    ASSIGNED = "report_assigned", _("Report referred to an agency")
    INFO_REQUESTED = "info_requested", _("More information needed from me")
    RATE_REQUEST = "rate_request", _("Report handled: please rate the result")
    REOPENED = "report_reopened", _("Report reopened")
    CLOSED = "report_closed", _("Report closed")
    DEADLINE_EXTENDED = "deadline_extended", _("Deadline extended")
