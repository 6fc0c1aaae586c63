"""Intelligence work for the worker: classify a new report, retrain, look for hot issues."""

from __future__ import annotations

from django_tasks import task

from phananh.intelligence import services, training


@task()
def classify_report(report_id: int) -> None:
    services.report_classify(report_id=report_id)


@task()
def train_classifier(reason: str = "on_demand") -> None:
    services.classifier_train(reason=reason)


@task()
def train_classifier_due() -> None:
    training.classifier_retrain_due()


@task()
def detect_hot_issues() -> None:
    services.hot_issues_detect()
