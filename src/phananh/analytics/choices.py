from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
    ROLLING_30 = "rolling30", _("Last 30 days")


class SubjectKind(models.TextChoices):
    AGENCY = "agency", _("Agency")
    AREA = "area", _("Ward or commune")
    CATEGORY = "category", _("Category")
    CITY = "city", _("Whole city")


class Dimension(models.TextChoices):
    CATEGORY = "category", _("Category")
    AREA = "area", _("Ward or commune")
    CHANNEL = "channel", _("Channel")
    AGENCY = "agency", _("Agency")
    CELL = "cell", _("Map cell")


class Rollup(models.TextChoices):
    """The rollups refreshed incrementally, each with its own watermark and backfill."""

    TALLY = "tally", _("Day tallies")
    DAILY = "daily", _("Daily counts")
    MAP = "map", _("Map cells")
