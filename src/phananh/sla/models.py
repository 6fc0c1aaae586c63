"""Deadlines as data: policies per category and track, calendar exceptions, one record per step."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phananh.core.models import TimeStampedModel
from phananh.sla.choices import (
    DayKind,
    DeadlineState,
    ExtensionState,
    Outcome,
    Step,
    Track,
    Unit,
)


class SlaPolicy(TimeStampedModel):
    """The time each step may take for a category (or every category) on a track."""

    category = models.ForeignKey(
        "catalog.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sla_policies",
        help_text=_("Leave empty for the default policy of every category."),
    )
    track = models.CharField(_("track"), max_length=8, choices=Track.choices)
    triage_amount = models.DecimalField(_("triage time"), max_digits=6, decimal_places=2)
    triage_unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    acceptance_amount = models.DecimalField(_("acceptance time"), max_digits=6, decimal_places=2)
    acceptance_unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    resolution_amount = models.DecimalField(_("resolution time"), max_digits=6, decimal_places=2)
    resolution_unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    evaluation_days = models.PositiveSmallIntegerField(_("evaluation window (days)"), default=7)
    reminder_percent = models.PositiveSmallIntegerField(
        _("reminder after this percentage of the time"), default=75
    )
    max_extensions = models.PositiveSmallIntegerField(_("extensions allowed"), default=1)

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")
        constraints = [
            models.UniqueConstraint(fields=["category", "track"], name="sla_policy_unique"),
            models.UniqueConstraint(
                fields=["track"], condition=Q(category__isnull=True), name="sla_policy_default"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category or _('every category')} · {self.get_track_display()}"

    def amount_for(self, step: str) -> tuple[float, str]:
        """(amount, unit) of a step; evaluation is in calendar days."""
        if step == Step.EVALUATION:
            return float(self.evaluation_days * 24), Unit.HOURS
        return float(getattr(self, f"{step}_amount")), getattr(self, f"{step}_unit")


class CalendarDay(models.Model):
    """A day that breaks the usual week: an extra day off, or a make-up working day."""

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()}"


class Deadline(models.Model):
    """One step's deadline for one report: computed when the step starts, then kept as a record."""

    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("responsible agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    policy = models.ForeignKey(
        SlaPolicy, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The lifecycle action that started the step ("assign", "reopen", "return"…).
    cause = models.CharField(max_length=20, blank=True)
    # What the policy said when the step started (policies may change later).
    amount = models.DecimalField(max_digits=6, decimal_places=2)
    unit = models.CharField(max_length=16, choices=Unit.choices)
    started_at = models.DateTimeField(_("started"))
    due_at = models.DateTimeField(_("due"))
    original_due_at = models.DateTimeField(_("first due moment"))
    reminder_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_at = models.DateTimeField(_("overdue since"), null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    remaining_seconds = models.PositiveIntegerField(null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(_("finished"), null=True, blank=True)
    state = models.CharField(
        max_length=10, choices=DeadlineState.choices, default=DeadlineState.OPEN
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    extensions = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["started_at", "id"]
        indexes = [
            # The monitor's three sweeps read only what is due: partial indexes on open rows.
            models.Index(
                fields=["due_at"],
                condition=Q(state="open", overdue_at__isnull=True),
                name="deadline_due_open_idx",
            ),
            models.Index(
                fields=["reminder_at"],
                condition=Q(state="open", reminded_at__isnull=True),
                name="deadline_remind_idx",
            ),
            models.Index(fields=["report", "step", "state"], name="deadline_report_idx"),
            # Scorecards read one period of finished and started steps.
            models.Index(fields=["step", "completed_at"], name="deadline_step_done_idx"),
            models.Index(fields=["step", "started_at"], name="deadline_step_start_idx"),
            # Overdue lists (oldest first) and per-agency overdue counts.
            models.Index(
                # state and overdue_at make it covering: counting needs no table reads.
                fields=["due_at", "state", "overdue_at"],
                condition=Q(state="open", overdue_at__isnull=False),
                name="deadline_overdue_idx",
            ),
            models.Index(
                fields=["agency", "step"],
                condition=Q(state="open", overdue_at__isnull=False),
                name="deadline_overdue_agency_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.step} → {self.due_at:%Y-%m-%d %H:%M}"


class DeadlineExtension(models.Model):
    """An agency's request for more time, and the supervisor's decision on it."""

    deadline = models.ForeignKey(
        Deadline, on_delete=models.CASCADE, related_name="extension_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    reason = models.TextField(_("reason"))
    proposed_due_at = models.DateTimeField(_("proposed new deadline"))
    previous_due_at = models.DateTimeField()
    state = models.CharField(
        max_length=10, choices=ExtensionState.choices, default=ExtensionState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        indexes = [models.Index(fields=["state", "requested_at"], name="extension_state_idx")]

    def __str__(self) -> str:
        return f"{self.deadline_id}: {self.state}"
