"""Taking part in a published report: comments, abuse reports, "me too", following — rows of
their own, no timeline event."""

from __future__ import annotations

import pytest
from django.db.models import Count

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.selectors import actor_for_user
from phananh.conftest import make_user
from phananh.core.errors import ActionNotAllowed, InvalidInput, InvalidTransition
from phananh.notifications.models import Notification
from phananh.notifications.templates import StaffAlert
from phananh.reports.actions.participation import (
    COMMENT_AUTO_HIDE_FLAGS,
    comment_add,
    comment_flag,
    report_follow,
    report_support,
)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("publish_on_triage")
def test_comments_need_an_account_and_a_published_report(submit, assigned, people):
    with pytest.raises(InvalidTransition):
        comment_add(report=submit(), actor=people["citizen"], text="Đúng vậy")
    report = assigned()
    with pytest.raises(ActionNotAllowed):
        comment_add(report=report, actor=Actor.anonymous(), text="Đúng vậy")
    events = report.events.count()
    comment = comment_add(report=report, actor=people["citizen"], text="Gọi 0905 123 456")
    assert "0905 123 456" not in comment.text
    assert report.events.count() == events  # no timeline event


def test_the_first_abuse_report_alerts_the_centre_three_hide_the_comment(
    assigned, people, ward_agency
):
    report = assigned()
    comment = comment_add(report=report, actor=people["citizen"], text="Lời lẽ xúc phạm")
    with pytest.raises(InvalidInput):
        comment_flag(comment=comment, actor=people["citizen"])  # not one's own
    neighbours = [actor_for_user(make_user()) for _ in range(COMMENT_AUTO_HIDE_FLAGS)]
    assert comment_flag(comment=comment, actor=neighbours[0]) is True
    assert comment_flag(comment=comment, actor=neighbours[0]) is False  # once per person
    for neighbour in neighbours[1:]:
        comment_flag(comment=comment, actor=neighbour)
    comment.refresh_from_db()
    assert comment.is_hidden and comment.flags_count == COMMENT_AUTO_HIDE_FLAGS
    alerts = Notification.objects.filter(kind=StaffAlert.COMMENT_FLAGGED)
    # One alert per operator and supervisor, never repeated for later reports.
    per_address = alerts.values("to").annotate(n=Count("id"))
    assert sorted(row["n"] for row in per_address) == [1, 1]


def test_me_too_counts_once_follows_and_not_for_the_reporter(assigned, people):
    report = assigned()
    assert report_support(report=report, actor=people["reporter"]) is False
    assert report_support(report=report, actor=people["citizen"]) is True
    assert report_support(report=report, actor=people["citizen"]) is False
    report.refresh_from_db()
    assert report.supports_count == 1
    assert report.followers.filter(user_id=people["citizen"].user_id).exists()


def test_a_visitor_confirms_by_link_an_account_follows_at_once(assigned, people):
    report = assigned()
    with pytest.raises(InvalidInput):
        report_follow(report=report, actor=Actor.anonymous(), email="not an address")
    assert report_follow(report=report, actor=Actor.anonymous(), email="Ha@Example.com") is False
    (link,) = Notification.objects.filter(to="ha@example.com", kind="follow_confirmation")
    assert "/follow/" in link.body or report.code in link.body
    assert report_follow(report=report, actor=people[Role.OPERATOR]) is True
