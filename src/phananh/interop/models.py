"""How agencies' own systems and integrators are reached: send methods, forwards, webhooks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from phananh.interop.choices import ForwardState, SendMethod


class AgencyEndpoint(models.Model):
    """How one agency receives its reports; an agency without one works in the console."""

    agency = models.OneToOneField(
        "accounts.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="endpoint",
    )
    method = models.CharField(
        _("send method"), max_length=10, choices=SendMethod.choices, default=SendMethod.CONSOLE
    )
    email = models.EmailField(_("email address"), blank=True, help_text=_("For the email method."))
    open311_url = models.URLField(
        _("Open311 endpoint"),
        blank=True,
        help_text=_("Its GeoReport v2 base URL, e.g. https://ward.example/open311/v2/"),
    )
    open311_api_key = models.CharField(_("Open311 api_key"), max_length=200, blank=True)
    open311_jurisdiction = models.CharField(_("jurisdiction_id"), max_length=200, blank=True)
    service_codes = models.JSONField(
        _("service codes"),
        default=dict,
        blank=True,
        help_text=_('Our category code → its service_code, e.g. {"sanitation": "RUBBISH"}.'),
    )
    default_service_code = models.CharField(
        _("default service_code"),
        max_length=64,
        blank=True,
        help_text=_("For categories the mapping does not name (else our code is sent)."),
    )
    poll_updates = models.BooleanField(
        _("poll its updates"),
        default=True,
        help_text=_("Read its servicerequestupdates periodically (PHANANH_FORWARD_POLL_SECONDS)."),
    )
    last_polled_at = models.DateTimeField(_("polled until"), null=True, blank=True)
    last_poll_error = models.TextField(_("last poll error"), blank=True)

    class Meta:
        verbose_name = _("agency send method")
        verbose_name_plural = _("agency send methods")

    def __str__(self) -> str:
        return f"{self.agency} → {self.method}"

    def service_code_for(self, category_code: str) -> str:
        mapped = (self.service_codes or {}).get(category_code)
        return str(mapped or self.default_service_code or category_code)


class Forward(models.Model):
    """One sending of a report to an agency's own system (on its referral or reopening)."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    # The assign (or reopen) step that caused it: one forward per step, however often it runs.
    event = models.OneToOneField("reports.Event", on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=10, choices=SendMethod.choices)
    state = models.CharField(
        max_length=10, choices=ForwardState.choices, default=ForwardState.PENDING
    )
    # The agency's own id for the report (its service_request_id), once it answered.
    remote_id = models.CharField(_("remote id"), max_length=100, blank=True, db_index=True)
    notification = models.ForeignKey(
        "notifications.Notification",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("forwarded report")
        verbose_name_plural = _("forwarded reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "remote_id"], name="forward_remote_idx")]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.agency_id} ({self.state})"


class ForwardUpdate(models.Model):
    """An update read back from an agency's system, applied once (by its update_id)."""

    forward = models.ForeignKey(Forward, on_delete=models.CASCADE, related_name="updates")
    update_id = models.CharField(max_length=100)
    status = models.CharField(max_length=40)
    description = models.TextField(blank=True)
    received_at = models.DateTimeField()
    event = models.ForeignKey(
        "reports.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("update from an agency's system")
        verbose_name_plural = _("updates from agencies' systems")
        constraints = [
            models.UniqueConstraint(fields=["forward", "update_id"], name="forward_update_once")
        ]

    def __str__(self) -> str:
        return f"{self.forward_id}: {self.update_id} {self.status}"


class WebhookSubscription(models.Model):
    """An integrator's URL that receives every public event of the reports it may see."""

    name = models.CharField(_("name"), max_length=150)
    url = models.URLField(_("URL"), max_length=500)
    # Standard Webhooks: whsec_ + base64 of the key; shown once when created.
    secret = models.CharField(_("signing secret"), max_length=100, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    # Narrowing (empty: every public report): reports of one agency, one ward, some categories.
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("only reports referred to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    area = models.ForeignKey(
        "geo.Area",
        verbose_name=_("only reports in"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    categories = models.JSONField(_("only these category codes"), default=list, blank=True)
    api_key = models.ForeignKey(
        "accounts.ApiKey",
        verbose_name=_("created with the API key"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    """One attempt to deliver one event to one subscription: the delivery log."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    webhook_id = models.CharField(_("webhook-id"), max_length=100, db_index=True)
    event_type = models.CharField(_("type"), max_length=40)
    report_code = models.CharField(_("report"), max_length=20, blank=True)
    attempted_at = models.DateTimeField(_("attempted"))
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    ok = models.BooleanField(_("delivered"), default=False)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-attempted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.webhook_id} → {self.status_code or self.error[:40]}"
