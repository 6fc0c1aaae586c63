from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    DISTRICT = "district", _("District")
    WARD = "ward", _("Ward")
    COMMUNE = "commune", _("Commune")


# The levels a report is placed in (the smallest administrative units).
LEAF_LEVELS = (AreaLevel.WARD, AreaLevel.COMMUNE)
