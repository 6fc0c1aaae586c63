"""What the intelligence app keeps: trained models, per-report suggestions, hot issues."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from phananh.catalog.models import Category
from phananh.geo.models import Area
from phananh.intelligence.choices import HotIssueState, TrainingReason
from phananh.reports.models import Report


class ClassifierModel(models.Model):
    """One trained category classifier, versioned: the newest row is the one in use."""

    created_at = models.DateTimeField(_("trained"))
    reason = models.CharField(_("why"), max_length=16, choices=TrainingReason.choices)
    fingerprint = models.CharField(max_length=64, editable=False)
    seed_samples = models.PositiveIntegerField(_("seed texts"))
    operator_samples = models.PositiveIntegerField(_("reports decided by operators"))
    categories = models.JSONField(_("categories"), default=list)
    heldout_top1 = models.FloatField(_("held-out accuracy (first)"), null=True, blank=True)
    heldout_top3 = models.FloatField(_("held-out accuracy (top three)"), null=True, blank=True)
    training_seconds = models.FloatField(_("training time (s)"))
    payload = models.BinaryField(editable=False)
    # The payload is a pickle, which only the scikit-learn that wrote it reads reliably. Null in
    # rows from before it was recorded (nullable, so SQLite adds the column without copying every
    # payload into a new table): they count as another version.
    sklearn_version = models.CharField(  # noqa: DJ001
        _("scikit-learn version"), max_length=32, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("classifier model")
        verbose_name_plural = _("classifier models")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"v{self.pk} ({self.created_at:%Y-%m-%d %H:%M})"


class Classification(models.Model):
    """The suggestions made for a report at intake: shown in triage, compared with the outcome."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="classification")
    model = models.ForeignKey(
        ClassifierModel, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    suggestions = models.JSONField(default=list)  # [{"category": code, "score": float}, …]
    top_category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    top_score = models.FloatField(default=0.0)
    applied = models.BooleanField(
        _("applied automatically"), default=False, help_text=_("The score passed the threshold.")
    )

    class Meta:
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.top_category_id} ({self.top_score:.2f})"

    @property
    def suggestions_shown(self) -> list[tuple[str, float]]:
        """(the category's name in the active language, score), for people: never the code."""
        codes = [s.get("category") for s in self.suggestions]
        names = {c.code: c.name for c in Category.objects.filter(code__in=codes)}
        return [
            (names.get(s.get("category"), s.get("category")), s.get("score", 0))
            for s in self.suggestions
        ]


class HotIssue(models.Model):
    """Many reports of one category in one ward within a short window: one problem, grouped."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("ward or commune"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=8, choices=HotIssueState.choices, default=HotIssueState.OPEN
    )
    detected_at = models.DateTimeField(_("detected"))
    first_report_at = models.DateTimeField(_("first report"))
    last_report_at = models.DateTimeField(_("latest report"))
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reports: models.ManyToManyField[Report, HotIssueReport] = models.ManyToManyField(
        Report, through="HotIssueReport", related_name="+"
    )

    class Meta:
        verbose_name = _("hot issue")
        verbose_name_plural = _("hot issues")
        ordering = ["-last_report_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "area"],
                condition=models.Q(state="open"),
                name="hot_issue_one_open",
            )
        ]
        indexes = [models.Index(fields=["state", "-last_report_at"], name="hot_issue_state_idx")]

    def __str__(self) -> str:
        return f"{self.category} · {self.area} ({self.report_count})"


class HotIssueReport(models.Model):
    hot_issue = models.ForeignKey(HotIssue, on_delete=models.CASCADE, related_name="members")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hot_issue", "report"], name="hot_issue_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.hot_issue_id} ← {self.report_id}"
