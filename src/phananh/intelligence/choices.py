from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingReason(models.TextChoices):
    FIRST_USE = "first_use", _("First use")
    SCHEDULED = "scheduled", _("Nightly")
    ON_DEMAND = "on_demand", _("On demand")
    # The model in use was pickled by another scikit-learn, or does not load.
    INCOMPATIBLE = "incompatible", _("Previous model unusable")


class HotIssueState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
