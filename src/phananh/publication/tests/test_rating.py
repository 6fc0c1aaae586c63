"""The reporter hears the result by email and rates it, or disputes it with photos."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from phananh.accounts.choices import Role
from phananh.conftest import jpeg_bytes
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import ReopenState, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolved(submit, people, django_capture_on_commit_callbacks):
    report = submit(reporter_email="lan@example.com", language="en")
    report = report_assign(report=report, actor=people[Role.OPERATOR])
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    with django_capture_on_commit_callbacks(execute=True):
        report = report_resolve(report=report, actor=people[Role.OFFICER], result="Đã sửa đèn")
    message = mail.outbox[-1]
    link = re.search(r"https?://\S+/rate/\S+", message.body).group(0)
    return report, "/" + link.split("//", 1)[1].split("/", 1)[1], message


def test_result_email_goes_to_the_reporter_in_their_language(resolved):
    report, _path, message = resolved
    assert message.to == ["lan@example.com"]
    assert report.code in message.subject and "handled" in message.subject


def test_satisfied_rating_closes_the_report(client, resolved):
    report, path, _message = resolved
    assert client.get(path).status_code == 200
    response = client.post(path, {"level": "satisfied", "comment": "Cảm ơn"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.CLOSED and report.rating == "satisfied"
    again = client.get(path, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "already been rated" in again.text


def test_unsatisfied_with_photos_asks_to_reopen(client, resolved):
    report, path, _message = resolved
    response = client.post(
        path,
        {"level": "unsatisfied", "reopen": "on", "reason": "Vẫn tối", "evidence": jpeg_bytes()},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.RESOLVED and report.rating == "unsatisfied"
    assert report.reopen_requests.get().state == ReopenState.PENDING


def test_reopen_without_photos_is_a_clear_400_and_nothing_changes(client, resolved):
    report, path, _message = resolved
    response = client.post(
        path,
        {"level": "unsatisfied", "reopen": "on", "reason": "Vẫn tối"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "at least one photo" in response.text
    report.refresh_from_db()
    assert report.rating == "" and not report.reopen_requests.exists()


def test_forged_rating_link(client, resolved):
    report, _path, _message = resolved
    assert client.get(f"/reports/{report.code}/rate/forged/").status_code == 400


@pytest.mark.django_db
def test_the_signed_in_reporter_is_asked_to_rate_on_the_page(client, submit, people):
    from phananh.accounts.models import User

    report = report_assign(report=submit(), actor=people["operator"])
    report_agency_accept(report=report, actor=people["officer"])
    report = report_resolve(report=report, actor=people["officer"], result="Đã xử lý")
    reporter = User.objects.get(pk=people["reporter"].user_id)
    client.force_login(reporter)
    page = client.get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Rate the result" in page and f"/reports/{report.code}/rate/" in page
    client.force_login(User.objects.get(pk=people["citizen"].user_id))
    assert "Rate the result" not in client.get(report.get_absolute_url()).text


def test_rating_page_shows_the_agencys_result_and_photos_before_the_levels(
    client, submit, people, django_capture_on_commit_callbacks
):
    report = submit(reporter_email="lan@example.com", language="en", text="Đèn đường hỏng")
    report = report_assign(report=report, actor=people[Role.OPERATOR])
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    with django_capture_on_commit_callbacks(execute=True):
        report_resolve(
            report=report,
            actor=people[Role.OFFICER],
            result="Replaced the lamp on pole 12",
            uploads=[jpeg_bytes()],
        )
    link = re.search(r"https?://\S+/rate/\S+", mail.outbox[-1].body).group(0)
    page = client.get("/" + link.split("//", 1)[1].split("/", 1)[1], HTTP_ACCEPT_LANGUAGE="en")
    text = page.text
    assert page.status_code == 200
    result_at = text.index("Replaced the lamp on pole 12")
    assert f"The result reported by {report.agency.name}" in text
    assert result_at < text.index('name="level"')  # the result first, then the four levels
    gallery = text[text.index('class="rate-result"') : text.index('class="rate-original"')]
    assert 'alt="Photo of the result"' in gallery and "/thumbs/" in gallery
