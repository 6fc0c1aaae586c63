"""Administrative areas (wards, communes) with an interior point and, once imported, a polygon."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from phananh.core.models import BilingualNameMixin, TimeStampedModel
from phananh.geo.choices import AreaLevel


class Area(BilingualNameMixin, TimeStampedModel):
    """A ward, commune or larger unit; a report is placed in the leaf area containing its point."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    lat = models.FloatField(_("latitude of an interior point"))
    lon = models.FloatField(_("longitude of an interior point"))
    # GeoJSON geometry (Polygon or MultiPolygon, WGS 84), absent until imported.
    geometry = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True, editable=False)
    geometry_version = models.PositiveIntegerField(default=0, editable=False)
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    min_lon = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lon = models.FloatField(null=True, blank=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name_vi"]
        indexes = [
            models.Index(fields=["min_lat", "max_lat", "min_lon", "max_lon"], name="area_bbox_idx"),
            models.Index(fields=["level", "is_active"], name="area_level_idx"),
        ]

    @property
    def has_boundary(self) -> bool:
        return self.geometry is not None
