"""Abusive comments: anyone signed in reports them, the IOC hides or restores them, in the open."""

from __future__ import annotations

import pytest
from django.core import mail

from phananh.accounts.models import User
from phananh.reports.actions.participation import comment_add
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Action, Visibility
from phananh.reports.models import Comment, CommentFlag

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(submit, people):
    return report_assign(report=submit(), actor=people["operator"])


@pytest.fixture
def comment(published, people):
    return comment_add(report=published, actor=people["citizen"], text="Đồ ngốc, quảng cáo ở đây")


def user(client, name: str) -> User:
    person = User.objects.create_user(email=f"{name}@example.com", password="x", full_name=name)
    client.force_login(person)
    return person


def flag_url(comment: Comment) -> str:
    return f"/reports/{comment.report.code}/comments/{comment.pk}/flag/"


def moderate_url(comment: Comment) -> str:
    return f"/reports/{comment.report.code}/comments/{comment.pk}/moderate/"


def test_a_report_of_abuse_is_counted_once_and_tells_the_ioc(
    client, comment, people, django_capture_on_commit_callbacks
):
    user(client, "lan")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(flag_url(comment), {"reason": "xúc phạm"}, follow=True).text
    assert "người kiểm duyệt" in page or "moderator" in page
    again = client.post(flag_url(comment), follow=True, HTTP_ACCEPT_LANGUAGE="en").text
    assert "already reported" in again
    comment.refresh_from_db()
    assert comment.flags_count == 1 and not comment.is_hidden
    assert CommentFlag.objects.get().reason == "xúc phạm"
    operator = User.objects.get(pk=people["operator"].user_id).email
    alerted = [m for m in mail.outbox if operator in m.to]
    assert len(alerted) == 1 and f"#comment-{comment.pk}" in alerted[0].body


def test_three_reports_hide_a_comment_until_a_moderator_decides(client, comment, published):
    for name in ("a", "b", "c"):
        user(client, name)
        client.post(flag_url(comment))
    comment.refresh_from_db()
    assert comment.is_hidden and comment.flags_count == 3
    assert "Đồ ngốc" not in client.get(published.get_absolute_url()).text


def test_nobody_reports_their_own_comment_and_visitors_must_sign_in(client, comment, people):
    response = client.post(flag_url(comment))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(User.objects.get(pk=people["citizen"].user_id))
    page = client.post(flag_url(comment), follow=True, HTTP_ACCEPT_LANGUAGE="en").text
    assert "your own comment" in page
    assert not CommentFlag.objects.exists()


def test_the_ioc_hides_and_restores_with_an_internal_record(client, comment, published, people):
    client.force_login(User.objects.get(pk=people["operator"].user_id))
    page = client.get(published.get_absolute_url()).text
    assert moderate_url(comment) in page  # moderators get the button
    client.post(moderate_url(comment), {"hide": "1", "reason": "Xúc phạm người khác"})
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Xúc phạm người khác"
    page = client.get(published.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    assert "1 hidden comment" in page and "Show it again" in page
    event = published.events.get(action=Action.MODERATE)
    assert event.visibility == Visibility.INTERNAL and event.payload["hidden"] is True
    client.logout()
    public = client.get(published.get_absolute_url()).text
    assert "Đồ ngốc" not in public and "Xúc phạm người khác" not in public
    client.force_login(User.objects.get(pk=people["supervisor"].user_id))
    client.post(moderate_url(comment), {"hide": "0"})
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_reason == ""
    client.logout()
    assert "Đồ ngốc" in client.get(published.get_absolute_url()).text


def test_hiding_needs_a_reason_and_an_ioc_role(client, comment, people):
    client.force_login(User.objects.get(pk=people["officer"].user_id))
    assert client.post(moderate_url(comment), {"hide": "1", "reason": "x"}).status_code == 403
    client.force_login(User.objects.get(pk=people["operator"].user_id))
    page = client.post(
        moderate_url(comment), {"hide": "1"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    ).text
    comment.refresh_from_db()
    assert not comment.is_hidden and "This field is required." in page
    missing = moderate_url(comment).replace(f"/comments/{comment.pk}/", "/comments/999999/")
    assert client.post(missing, {"hide": "1", "reason": "x"}).status_code == 404
