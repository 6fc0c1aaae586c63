"""Settings: language and the optional emails; an opted-out email is not sent, a confirmation is."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.notifications.choices import OptionalKind
from phananh.notifications.models import Notification
from phananh.notifications.selectors import notification_wanted
from phananh.notifications.services import notification_queue
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign

pytestmark = pytest.mark.django_db

URL = "/accounts/settings/"
ALL = list(OptionalKind.values)


@pytest.fixture
def reporter(people) -> User:
    return User.objects.get(pk=people["reporter"].user_id)


def test_needs_sign_in(client):
    assert client.get(URL)["Location"] == "/accounts/login/?next=/accounts/settings/"


def test_every_email_is_wanted_until_switched_off(client, reporter):
    assert all(notification_wanted(reporter.pk, kind) for kind in ALL)
    client.force_login(reporter)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").text
    assert 'lang="en"' in page and "Language of pages and emails" in page
    assert "Report handled: please rate the result" in page and "Deadline extended" in page
    assert page.count('type="checkbox"') == len(ALL) and page.count("checked") == len(ALL) + 1


def test_save_language_and_preferences(client, reporter):
    client.force_login(reporter)
    wanted = [k for k in ALL if k != OptionalKind.RATE_REQUEST]
    response = client.post(URL, {"language": "en", "wanted": wanted}, follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert "Your settings are saved." in response.text and 'lang="en"' in response.text
    assert client.cookies["django_language"].value == "en"
    reporter.refresh_from_db()
    assert reporter.language == "en"
    assert not notification_wanted(reporter.pk, OptionalKind.RATE_REQUEST)
    assert notification_wanted(reporter.pk, OptionalKind.ASSIGNED)
    assert notification_wanted(reporter.pk, "report_confirmation")
    page = client.get(URL).text
    assert "checked" not in _checkbox(page, OptionalKind.RATE_REQUEST)
    assert "checked" in _checkbox(page, OptionalKind.ASSIGNED)
    back = client.post(URL, {"language": "vi", "wanted": ALL}, follow=True)
    assert 'lang="vi"' in back.text
    assert notification_wanted(reporter.pk, OptionalKind.RATE_REQUEST)


def test_bad_input_is_a_precise_400(client, reporter):
    client.force_login(reporter)
    response = client.post(URL, {"language": "fr", "wanted": ["spam"]}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Select a valid choice. fr is not one of the available choices." in response.text
    assert "spam is not one of the available choices" in response.text
    reporter.refresh_from_db()
    assert reporter.language == "vi"


def test_opted_out_email_is_not_sent_but_a_confirmation_is(
    client, reporter, people, submit, django_capture_on_commit_callbacks
):
    client.force_login(reporter)
    client.post(URL, {"language": "vi", "wanted": [k for k in ALL if k != "rate_request"]})
    report = submit(reporter_email=reporter.email)
    report = report_assign(report=report, actor=people[Role.OPERATOR])
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_resolve(report=report, actor=people[Role.OFFICER], result="Đã sửa")
        # Sent to the same address without naming the account: still the owner's choice.
        notification_queue(
            to=reporter.email.upper(), subject="s", body="b", kind="rate_request", dedupe_key="x"
        )
        notification_queue(
            to=reporter.email,
            subject="Xác nhận",
            body="b",
            kind="report_confirmation",
            dedupe_key="confirm:test",
            user_id=reporter.pk,
        )
    assert [m.subject for m in mail.outbox] == ["Xác nhận"]
    assert not Notification.objects.filter(kind="rate_request").exists()


def test_someone_who_wants_everything_gets_the_rating_request(
    reporter, people, submit, django_capture_on_commit_callbacks
):
    report = submit(reporter_email=reporter.email)
    report = report_assign(report=report, actor=people[Role.OPERATOR])
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_resolve(report=report, actor=people[Role.OFFICER], result="Đã sửa")
    assert [m.to for m in mail.outbox] == [[reporter.email]]


def _checkbox(page: str, value: str) -> str:
    return re.search(rf'<input type="checkbox"[^>]*value="{value}"[^>]*>', page).group(0)
