"""Taking part in a report and its outcome: comments and their abuse reports, ratings, reopening
requests, followers, supports. Registered with the reports app by `reports/models.py`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phananh.reports.choices import RatingLevel, ReopenState


class Comment(models.Model):
    """A public comment on a report."""

    created_at = models.DateTimeField()
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=150, blank=True)
    text = models.TextField()
    is_hidden = models.BooleanField(default=False)
    flags_count = models.PositiveIntegerField(_("abuse reports"), default=0, editable=False)
    hidden_reason = models.CharField(_("why hidden"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["report", "created_at"], name="comment_report_idx")]

    def __str__(self) -> str:
        return self.text[:60]


class CommentFlag(models.Model):
    """Someone reported a comment as abusive; once per person, reviewed by the IOC."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("comment abuse report")
        verbose_name_plural = _("comment abuse reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="comment_flag_once")
        ]

    def __str__(self) -> str:
        return f"{self.comment_id} ← {self.user_id}"


class Rating(models.Model):
    """The reporter's verdict on one resolution of the report."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="ratings")
    resolution_round = models.PositiveSmallIntegerField()
    level = models.CharField(max_length=16, choices=RatingLevel.choices)
    comment = models.TextField(blank=True)
    agency = models.ForeignKey(
        "accounts.Agency", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        indexes = [models.Index(fields=["created_at"], name="rating_created_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "resolution_round"], name="rating_one_per_resolution"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} #{self.resolution_round}: {self.level}"


class ReopenRequest(models.Model):
    """A reporter's claim, with evidence, that a handled report was not really fixed."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="reopen_requests"
    )
    resolution_round = models.PositiveSmallIntegerField()
    reason = models.TextField()
    state = models.CharField(
        max_length=10, choices=ReopenState.choices, default=ReopenState.PENDING
    )
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("reopen request")
        verbose_name_plural = _("reopen requests")
        indexes = [models.Index(fields=["state", "created_at"], name="reopen_state_idx")]

    def __str__(self) -> str:
        return f"{self.report_id} #{self.resolution_round}: {self.state}"


class Follower(models.Model):
    """Someone who gets an email when the report moves: by address (confirmed) or account."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="followers")
    email = models.EmailField(_("email"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The language of the page they followed from: every email about the report is in it.
    language = models.CharField(_("language"), max_length=8, default="vi")

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["report", "email"], name="follower_once_per_address")
        ]
        indexes = [
            models.Index(
                fields=["report"],
                condition=models.Q(confirmed_at__isnull=False),
                name="follower_confirmed_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.email}"


class Support(models.Model):
    """A person saying "me too" on a report: it counts for how pressing the problem is."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["report", "user"], name="support_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} +1"
