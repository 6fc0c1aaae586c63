"""Workers that look for hot issues, or train the first classifier, at the same moment: one
issue is opened and one alert sent; one model is trained."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from phananh.conftest import at_once
from phananh.core import clock
from phananh.intelligence.models import ClassifierModel, HotIssue
from phananh.intelligence.services import hot_issues_detect
from phananh.intelligence.training import classifier_retrain_due
from phananh.notifications.models import Notification
from phananh.notifications.templates import StaffAlert


@pytest.mark.django_db(transaction=True)
def test_detections_at_once_open_one_issue_and_alert_once(submit, people, settings):
    settings.HOT_ISSUE_WINDOW_HOURS = 6
    settings.HOT_ISSUE_MIN_REPORTS = 3
    start = clock.now()
    for minutes in (0, 20, 40, 60):
        with clock.at(start + timedelta(minutes=minutes)):
            submit(text=f"Karaoke ồn ào {minutes}")
    later = start + timedelta(hours=2)

    def detect() -> None:
        for _ in range(3):
            hot_issues_detect(now=later)

    assert at_once(detect, times=3) == []
    (issue,) = HotIssue.objects.all()
    assert issue.report_count == 4
    alerts = Notification.objects.filter(kind=StaffAlert.HOT_ISSUE)
    assert alerts.exists()
    assert max(Counter(alerts.values_list("to", flat=True)).values()) == 1


@pytest.mark.django_db(transaction=True)
def test_workers_due_to_train_the_first_model_train_one(noise):
    assert not ClassifierModel.objects.exists()
    assert at_once(classifier_retrain_due, times=3) == []
    assert ClassifierModel.objects.count() == 1
