"""Follow a report by email: confirmed by link, told of every public step, one-click stop."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from phananh.accounts.models import User
from phananh.reports.actions.agency import report_agency_accept, report_return
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.participation import report_support
from phananh.reports.actions.triage import report_assign, report_merge
from phananh.reports.models import Follower, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(submit, people):
    return report_assign(report=submit(), actor=people["operator"])


def link(pattern: str) -> str:
    return re.search(pattern, mail.outbox[-1].body).group(0)


def test_a_visitor_confirms_by_link_then_hears_each_step(
    client, published, people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            f"/reports/{published.code}/follow/",
            {"email": "Mai@Example.com"},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        ).text
    assert "open the link we emailed you to confirm" in page
    follower = Follower.objects.get()
    assert follower.email == "mai@example.com" and follower.confirmed_at is None
    confirm = link(r"https?://\S+/follow/\S+")
    with django_capture_on_commit_callbacks(execute=True):
        report_agency_accept(report=published, actor=people["officer"])
    assert len(mail.outbox) == 1, "nothing before the address is confirmed"
    assert client.get(confirm.replace("http://testserver", "")).status_code == 302
    assert Report.objects.get(pk=published.pk).followers_count == 1
    with django_capture_on_commit_callbacks(execute=True):
        report_resolve(report=published, actor=people["officer"], result="Đã xử lý xong")
    update = [m for m in mail.outbox if m.to == ["mai@example.com"]][-1]
    assert published.code in update.subject and "Đã xử lý xong" in update.body
    # In the language of the page they followed from, like the confirmation before it.
    assert "that you follow" in update.body and "Stop these emails" in update.body
    stop = link(r"https?://\S+/unfollow/\S+").replace("http://testserver", "")
    assert "Stop the emails" in client.get(stop, HTTP_ACCEPT_LANGUAGE="en").text
    assert Follower.objects.exists(), "opening the link alone changes nothing"
    client.post(stop)
    assert not Follower.objects.exists()
    assert Report.objects.get(pk=published.pk).followers_count == 0


def test_signed_in_people_follow_at_once_and_me_too_follows(client, published, people):
    user = User.objects.get(pk=people["citizen"].user_id)
    client.force_login(user)
    client.post(f"/reports/{published.code}/follow/")
    assert Follower.objects.get().email == user.email
    other = User.objects.create_user(email="tu@example.com", password="x")
    report_support(report=published, actor=rs_actor(other))
    assert set(Follower.objects.values_list("email", flat=True)) == {user.email, "tu@example.com"}
    assert Report.objects.get(pk=published.pk).followers_count == 2


def rs_actor(user):
    from phananh.accounts.selectors import actor_for_user

    return actor_for_user(user)


@pytest.mark.usefixtures("publish_on_triage")
def test_bad_addresses_and_bad_links_get_clear_answers(client, published, submit):
    page = client.post(
        f"/reports/{published.code}/follow/",
        {"email": "not-an-address"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    ).text
    assert "Enter a valid email address." in page and not Follower.objects.exists()
    assert client.get(f"/reports/{published.code}/follow/garbage/").status_code == 400
    assert client.get(f"/reports/{published.code}/unfollow/garbage/").status_code == 400
    waiting = submit()
    page = client.post(f"/reports/{waiting.code}/follow/", {"email": "a@b.vn"}, follow=True).text
    assert not Follower.objects.exists()
    assert client.post("/reports/PA-NOPE/follow/", {"email": "a@b.vn"}).status_code == 404


def test_merging_moves_followers_to_the_primary(published, submit, people):
    from phananh.reports.actions.participation import report_follow

    duplicate = report_assign(report=submit(), actor=people["operator"])
    report_follow(report=duplicate, actor=people["citizen"])
    report_follow(report=duplicate, actor=people["reporter"])
    report_follow(report=published, actor=people["citizen"])  # already follows the primary
    duplicate = report_return(report=duplicate, actor=people["officer"], reason="Trùng")
    report_merge(report=duplicate, actor=people["operator"], into=published)
    emails = set(Follower.objects.filter(report=published).values_list("email", flat=True))
    assert len(emails) == 2
    assert Report.objects.get(pk=published.pk).followers_count == 2
