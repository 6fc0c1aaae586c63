"""When the worker trains the classifier: the nightly rule, and at once when the model in use
cannot be used by this scikit-learn (intelligence/services.py holds the training itself)."""

from __future__ import annotations

import logging
from datetime import datetime

from phananh.core.db import exclusive
from phananh.intelligence import services
from phananh.intelligence.choices import TrainingReason
from phananh.intelligence.models import ClassifierModel
from phananh.intelligence.selectors import classifier_unusable

logger = logging.getLogger(__name__)


def classifier_retrain_due(*, now: datetime | None = None) -> ClassifierModel | None:
    """Train when none exists or nightly (services.classifier_train_due), and whenever the
    newest model was pickled by another scikit-learn or does not load; returns the new model."""
    # Workers (and an operator's `phananh classify --train`) take turns: the second one to come
    # finds the model the first just trained, instead of training a second one.
    with exclusive("intelligence.training"):
        if classifier_unusable():
            logger.warning("the stored classifier is unusable here: retraining")
            return services.classifier_train(reason=TrainingReason.INCOMPATIBLE)
        return services.classifier_train_due(now=now)
