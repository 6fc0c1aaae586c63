"""Campaigns: time-boxed drives the city runs through the same service (Green Sunday, an
epidemic response), the reports that belong to them, and residents' volunteer events."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phananh.campaigns.choices import CampaignState, JoinedBy, VolunteerState
from phananh.core.models import BilingualNameMixin, TimeStampedModel

if TYPE_CHECKING:
    from phananh.catalog.models import Category


class Campaign(BilingualNameMixin, TimeStampedModel):
    """A drive with dates, wards (none: the whole city), categories and a public page."""

    slug = models.SlugField(_("address on the site"), max_length=60, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    description_vi = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    areas = models.ManyToManyField(
        "geo.Area",
        verbose_name=_("wards and communes (none: the whole city)"),
        blank=True,
        related_name="+",
    )
    categories: models.ManyToManyField[Category, CampaignCategory] = models.ManyToManyField(
        "catalog.Category", through="CampaignCategory", related_name="campaigns"
    )
    cover = models.FileField(_("cover image"), upload_to="campaigns/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_at", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="campaign_ends_after"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "vi").startswith("en") and self.description_en:
            return self.description_en
        return self.description_vi

    def state_at(self, moment: datetime) -> str:
        if moment < self.starts_at:
            return CampaignState.UPCOMING
        return CampaignState.RUNNING if moment < self.ends_at else CampaignState.ENDED

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("campaigns:detail", kwargs={"slug": self.slug})


class CampaignCategory(models.Model):
    """A category a campaign uses; `own`: it exists only while the campaign runs."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="uses")
    category = models.ForeignKey("catalog.Category", on_delete=models.PROTECT, related_name="+")
    own = models.BooleanField(_("only for this campaign"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "category"], name="campaign_category_once")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.category_id}"


class CampaignReport(models.Model):
    """A report that is part of a campaign, and how it came to be."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="links")
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="campaign_links"
    )
    joined_at = models.DateTimeField()
    joined_by = models.CharField(max_length=10, choices=JoinedBy.choices)
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "report"], name="campaign_report_once")
        ]
        indexes = [models.Index(fields=["report"], name="campaign_report_idx")]

    def __str__(self) -> str:
        return f"{self.campaign_id} ∋ {self.report_id}"


class VolunteerEvent(models.Model):
    """Residents announce "we will clean this spot on Sunday" for one or more reports."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="events")
    reports = models.ManyToManyField("reports.Report", related_name="volunteer_events")
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("what we will do"), max_length=200)
    place = models.CharField(_("where we meet"), max_length=255)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    starts_at = models.DateTimeField(_("when"))
    joined_count = models.PositiveIntegerField(default=0, editable=False)
    state = models.CharField(
        max_length=10, choices=VolunteerState.choices, default=VolunteerState.PLANNED
    )
    after_photo = models.FileField(upload_to="campaigns/after/", blank=True)
    after_posted_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("volunteer event")
        verbose_name_plural = _("volunteer events")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return self.title


class VolunteerJoin(models.Model):
    """One person who will come: counted once."""

    event = models.ForeignKey(VolunteerEvent, on_delete=models.CASCADE, related_name="joins")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="volunteer_once")]

    def __str__(self) -> str:
        return f"{self.event_id} + {self.user_id}"
