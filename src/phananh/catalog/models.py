"""Configuration as data: category groups, categories with their routing, area→agency tables."""

from __future__ import annotations

from datetime import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from phananh.catalog.choices import RoutingRule
from phananh.core.models import BilingualNameMixin, TimeStampedModel


class CategoryGroup(BilingualNameMixin, models.Model):
    """A family of categories (environment, infrastructure…) for pickers and duplicates."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category group")
        verbose_name_plural = _("category groups")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Category(BilingualNameMixin, TimeStampedModel):
    """A kind of problem a citizen reports, and the rule that decides which agency handles it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    description_vi = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    group = models.ForeignKey(
        CategoryGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="categories",
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown to citizens in the report form.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    urgent_hint = models.BooleanField(_("often urgent"), default=False)
    routing_rule = models.CharField(
        _("routing rule"), max_length=16, choices=RoutingRule.choices, default=RoutingRule.AREA
    )
    default_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("agency (fixed rule, or table fallback)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Open311 service-definition attributes: [{code, datatype, required, order, description_vi,
    # description_en, values: [{key, name_vi, name_en}]}].
    attributes = models.JSONField(_("Open311 attributes"), default=list, blank=True)
    auto_assign_threshold = models.FloatField(
        _("auto-assign above score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.5), MaxValueValidator(1.0)],
        help_text=_(
            "Empty: an operator always decides. A number (e.g. 0.95): a report without a "
            "category whose top suggestion is this category with at least this score is "
            "categorised and referred to its agency without waiting for triage."
        ),
    )

    # A category that exists only for a while (a campaign's): reports are taken from
    # `available_from` until `available_until`; after, the intake names `successor` instead.
    available_from = models.DateTimeField(_("available from"), null=True, blank=True)
    available_until = models.DateTimeField(_("available until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("lasting category to use instead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    track = models.CharField(
        _("track"),
        max_length=8,
        blank=True,
        choices=[("normal", _("Normal")), ("urgent", _("Urgent"))],
        help_text=_("Every report in this category goes on this track (empty: as reported)."),
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def is_available(self, moment: datetime) -> bool:
        """Whether a report may be filed in this category at `moment`."""
        if not self.is_active:
            return False
        if self.available_from is not None and moment < self.available_from:
            return False
        return self.available_until is None or moment < self.available_until

    @property
    def description(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "vi").startswith("en") and self.description_en:
            return self.description_en
        return self.description_vi


class RoutingEntry(models.Model):
    """One row of a category's area→agency table."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="routing"
    )
    area = models.ForeignKey(
        "geo.Area", verbose_name=_("area"), on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("routing entry")
        verbose_name_plural = _("routing table")
        constraints = [
            models.UniqueConstraint(fields=["category", "area"], name="routing_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.category.code}: {self.area} → {self.agency}"
