"""Intelligence work for the worker: retrain, look for hot issues (new reports are classified
by the event fan-out, `intelligence.services.classify_notice`)."""

from __future__ import annotations

from django_tasks import task

from phananh.intelligence import services, training


@task()
def train_classifier(reason: str = "on_demand") -> None:
    services.classifier_train(reason=reason)


@task()
def train_classifier_due() -> None:
    training.classifier_retrain_due()


@task()
def detect_hot_issues() -> None:
    services.hot_issues_detect()
