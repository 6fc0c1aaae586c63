from django.db import models
from django.utils.translation import gettext_lazy as _


class RoutingRule(models.TextChoices):
    AREA = "area", _("People's Committee of the area containing the point")
    AGENCY = "agency", _("A fixed agency")
    TABLE = "table", _("Area → agency table")
