"""Hot issues: many reports of one kind in one ward in a short time become one grouped issue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from phananh.accounts.models import User
from phananh.core import clock
from phananh.intelligence.choices import HotIssueState
from phananh.intelligence.models import HotIssue
from phananh.intelligence.selectors import hot_issue_list_open
from phananh.intelligence.services import hot_issues_detect
from phananh.reports.actions.triage import report_reject

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def thresholds(settings):
    settings.HOT_ISSUE_WINDOW_HOURS = 6
    settings.HOT_ISSUE_MIN_REPORTS = 3


def test_reports_past_the_threshold_open_one_issue_and_alert_supervisors(
    submit, people, vy_da, django_capture_on_commit_callbacks
):
    start = clock.now()
    reports = []
    for minutes in (0, 30, 90):
        with clock.at(start + timedelta(minutes=minutes)):
            reports.append(submit(text=f"Karaoke ồn {minutes}"))
    with clock.at(start - timedelta(hours=7)):
        submit(text="Karaoke hôm qua")  # before the window
    submit(text="Karaoke ở Vỹ Dạ", lat=16.4751, lon=107.6106)  # another ward
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opened = hot_issues_detect(now=start + timedelta(hours=2))
    assert len(opened) == 1
    issue = opened[0]
    assert issue.report_count == 3
    assert set(issue.reports.values_list("pk", flat=True)) == {r.pk for r in reports}
    supervisor = User.objects.get(pk=people["supervisor"].user_id).email
    assert [m.to for m in mail.outbox] == [[supervisor]]
    assert "3" in mail.outbox[0].subject and "/ops/dashboard/" in mail.outbox[0].body
    assert list(hot_issue_list_open()) == [issue]


def test_a_second_pass_grows_the_issue_without_alerting_again(
    submit, people, django_capture_on_commit_callbacks
):
    start = clock.now()
    for minutes in (0, 10, 20):
        with clock.at(start + timedelta(minutes=minutes)):
            submit(text="Karaoke")
    with django_capture_on_commit_callbacks(execute=True):
        hot_issues_detect(now=start + timedelta(minutes=30))
    mail.outbox.clear()
    with clock.at(start + timedelta(minutes=40)):
        late = submit(text="Karaoke nữa")
    with django_capture_on_commit_callbacks(execute=True):
        assert hot_issues_detect(now=start + timedelta(minutes=50)) == []
    issue = HotIssue.objects.get()
    assert issue.report_count == 4 and issue.reports.filter(pk=late.pk).exists()
    assert not [m for m in mail.outbox if "hot" in m.subject.lower()]


def test_rejected_and_unconfirmed_reports_do_not_count(submit, people):
    start = clock.now()
    with clock.at(start):
        submit(text="Karaoke 1")
        submit(text="Karaoke 2", confirmed=False)
        report_reject(report=submit(text="Karaoke 3"), actor=people["operator"], reason="Sai")
    assert hot_issues_detect(now=start + timedelta(minutes=5)) == []


def test_an_issue_closes_when_reports_stop(submit):
    start = clock.now()
    with clock.at(start):
        for i in range(3):
            submit(text=f"Karaoke {i}")
    hot_issues_detect(now=start + timedelta(minutes=5))
    hot_issues_detect(now=start + timedelta(hours=13))
    assert HotIssue.objects.get().state == HotIssueState.CLOSED
    assert list(hot_issue_list_open()) == []
