"""Delete my account: reports and comments stay, anonymised; staff are sent to an administrator."""

from __future__ import annotations

import pytest

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.notifications.models import Notification, NotificationPreference
from phananh.notifications.services import notification_preferences_set
from phananh.reports.actions.participation import comment_add, report_support
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Action
from phananh.reports.models import Comment, Event, Report, Support

pytestmark = pytest.mark.django_db

URL = "/accounts/delete/"
NAME, EMAIL, PHONE = "Nguyễn Thị Lan", "lan@example.com", "0905123456"


@pytest.fixture
def lan(db) -> User:
    return User.objects.create_user(
        email=EMAIL, password="pw-12345678", full_name=NAME, phone=PHONE
    )


@pytest.fixture
def history(lan, people, submit):
    """Lan's report (published), an earlier one sent without an account, a comment, a support."""
    actor = Actor(user_id=lan.pk, label=str(lan))
    mine = submit(actor=actor, reporter_name=NAME, reporter_email=EMAIL, reporter_phone=PHONE)
    mine = report_assign(report=mine, actor=people[Role.OPERATOR])
    earlier = submit(actor=Actor.anonymous(), reporter_name=NAME, reporter_email=EMAIL)
    other = report_assign(report=submit(), actor=people[Role.OPERATOR])
    comment_add(report=other, actor=actor, text="Tôi cũng gặp")
    report_support(report=other, actor=actor)
    notification_preferences_set(user_id=lan.pk, wanted=[])
    return mine, earlier, other


def test_delete_anonymises_reports_and_comments(client, lan, history):
    mine, earlier, other = history
    client.force_login(lan)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").text
    assert 'lang="en"' in page and "Type your email address to confirm" in page
    assert "Your password" in page
    response = client.post(
        URL,
        {"email": "LAN@example.com", "password": "pw-12345678"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Your account is deleted." in response.text
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(pk=lan.pk).exists()
    for report in (mine, earlier):
        report.refresh_from_db()
        assert report.reporter_id is None and report.is_anonymous
        assert (report.reporter_name, report.reporter_email, report.reporter_phone) == ("", "", "")
        assert report.events.filter(action=Action.ANONYMISE).count() == 1
    assert Report.objects.filter(pk__in=[mine.pk, earlier.pk]).count() == 2
    comment = Comment.objects.get(report=other)
    assert comment.author_id is None and comment.author_name == "" and comment.text
    other.refresh_from_db()
    assert other.supports_count == 1 and other.comments_count == 1
    assert not Support.objects.exists()
    assert not NotificationPreference.objects.exists()
    assert not Notification.objects.filter(to=EMAIL).exists()
    # Nothing in the database names her any more.
    for value in (NAME, EMAIL, PHONE):
        assert not Report.objects.filter(reporter_name=value).exists()
        assert not Report.objects.filter(reporter_email=value).exists()
        assert not Event.objects.filter(actor_label=value).exists()
        assert not Comment.objects.filter(author_name=value).exists()
    for report in (mine, other):
        public = client.get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
        assert NAME not in public and EMAIL not in public and PHONE not in public
    assert "A resident" in client.get(other.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text


def test_wrong_email_or_password_keeps_the_account(client, lan, history):
    client.force_login(lan)
    wrong = client.post(
        URL, {"email": "someone@example.com", "password": "pw-12345678"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert wrong.status_code == 400
    assert "This is not the email address of your account." in wrong.text
    bad_pw = client.post(URL, {"email": EMAIL, "password": "nope"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad_pw.status_code == 400 and "The password is not correct." in bad_pw.text
    empty = client.post(URL, {}, HTTP_ACCEPT_LANGUAGE="en")
    assert empty.status_code == 400 and "This field is required." in empty.text
    assert User.objects.filter(pk=lan.pk).exists()
    mine = history[0]
    mine.refresh_from_db()
    assert mine.reporter_email == EMAIL and mine.reporter_id == lan.pk


def test_account_without_password_confirms_with_the_email_only(client):
    user = User.objects.create_user(email="nopw@example.com")
    client.force_login(user)
    page = client.get(URL).text
    assert 'type="password"' not in page
    response = client.post(URL, {"email": "nopw@example.com"})
    assert response.status_code == 302 and not User.objects.filter(pk=user.pk).exists()


def test_staff_cannot_delete_themselves_here(client, people):
    officer = User.objects.get(pk=people[Role.OFFICER].user_id)
    client.force_login(officer)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 403 and "Ask an administrator" in page.text
    response = client.post(
        URL, {"email": officer.email, "password": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403 and User.objects.filter(pk=officer.pk).exists()
    settings_page = client.get("/accounts/settings/").text
    assert 'href="/accounts/delete/"' not in settings_page


def test_needs_sign_in(client):
    assert client.get(URL)["Location"] == "/accounts/login/?next=/accounts/delete/"
