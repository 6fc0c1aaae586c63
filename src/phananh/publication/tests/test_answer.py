"""The reporter answers the operations centre's question: from the emailed signed link (no
account needed), from the report's page signed in, and from "My reports"; the answer goes
through `report_answer_info`, resumes triage and shows on the public timeline — never with
the reporter's name, email or phone."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.conftest import file_report, jpeg_bytes
from phananh.reports.actions.triage import report_assign, report_request_info
from phananh.reports.choices import Action, Channel, Status
from phananh.sla.choices import Step

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE = "Trần Văn Bình", "binh.private@example.com", "0912345678"


@pytest.fixture
def asked(people, noise, phu_xuan, ward_agency, django_capture_on_commit_callbacks):
    """A web report sent without an account, anonymously; the IOC asks a question by email."""

    def _asked(language: str = "en", question: str = "Which house number?"):
        report = file_report(
            actor=Actor.anonymous(),
            text="Karaoke ồn ào ở kiệt 5 Lê Lợi",
            channel=Channel.WEB,
            category=noise,
            lat=16.4705,
            lon=107.5760,
            reporter_name=NAME,
            reporter_email=EMAIL,
            reporter_phone=PHONE,
            is_anonymous=True,
            language=language,
        )
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            report = report_request_info(
                report=report, actor=people[Role.OPERATOR], question=question
            )
        (message,) = [m for m in mail.outbox if m.to == [EMAIL]]
        url = re.search(r"https?://\S+/answer/\S+", message.body).group(0)
        return report, "/" + url.split("//", 1)[1].split("/", 1)[1], message

    return _asked


def test_the_email_carries_the_question_and_the_link_in_each_language(asked):
    report, path, message = asked("en")
    assert report.code in message.subject and "more information" in message.subject
    assert "Which house number?" in message.body and path.startswith(f"/reports/{report.code}/")
    assert "Answer here" in message.body and "contact the operations centre" not in message.body
    _report, _path, vi = asked("vi", question="Số nhà bao nhiêu?")
    assert "Số nhà bao nhiêu?" in vi.body and "Trả lời tại đây" in vi.body
    assert "Answer here" not in vi.body


def test_answer_from_the_link_resumes_triage_and_shows_on_the_timeline(client, asked, people):
    report, path, _message = asked("en")
    triage = report.deadlines.get(step=Step.TRIAGE)
    assert triage.state == "paused"
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "Which house number?" in page.text
    answered = client.post(
        path, {"answer": f"Số 5, gọi tôi {PHONE}", "photos": [jpeg_bytes()]}, follow=True
    )
    assert answered.status_code == 200
    report.refresh_from_db()
    assert report.status == Status.NEW
    triage.refresh_from_db()
    assert triage.state == "open"  # the clock restarted
    event = report.events.get(action=Action.ANSWER_INFO)
    assert event.media.count() == 1 and event.actor_id is None
    public = client.get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    timeline = public[public.index('<ol class="timeline">') :]
    assert "Information added" in timeline and "Số 5" in timeline
    assert 'data-by="Reporter"' in timeline
    for personal in (NAME, EMAIL, PHONE, "binh.private"):
        assert personal not in public
    # The agency, once the report is referred, reads "the reporter" too.
    report_assign(report=report, actor=people[Role.OPERATOR])
    officer_client = client.__class__()
    officer_client.force_login(User.objects.get(pk=people[Role.OFFICER].user_id))
    workspace = officer_client.get(f"/ops/reports/{report.code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert workspace.status_code == 200 and "Information added" in workspace.text
    for personal in (NAME, EMAIL, PHONE):
        assert personal not in workspace.text
    # The link answered its question: using it again says so and changes nothing.
    again = client.get(path, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "already been answered" in again.text
    assert report.events.filter(action=Action.ANSWER_INFO).count() == 1


def test_uploads_pass_the_media_checks_and_a_refused_answer_changes_nothing(client, asked):
    report, path, _message = asked("en")
    fake = io.BytesIO(b"MZ this is not a photo")
    fake.name = "photo.jpg"
    refused = client.post(path, {"answer": "Số 5", "photos": [fake]}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    errors = refused.text[refused.text.index('for="id_photos"') :]
    assert 'class="errorlist' in errors[: errors.index('name="photos"')]  # beside the field
    report.refresh_from_db()
    assert report.status == Status.INFO_REQUESTED
    assert not report.events.filter(action=Action.ANSWER_INFO).exists()
    empty = client.post(path, {"answer": "  "}, HTTP_ACCEPT_LANGUAGE="en")
    assert empty.status_code == 400


def test_the_link_is_signed_bound_to_its_report_and_question_and_expires(
    client, asked, people, monkeypatch, django_capture_on_commit_callbacks
):
    report, path, _message = asked("en")
    other, _other_path, _other = asked("en")
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/reports/{other.code}/answer/{token}/").status_code == 400
    assert client.get(f"/reports/{report.code}/answer/forged/").status_code == 400
    monkeypatch.setattr("phananh.reports.tokens.ANSWER_MAX_AGE", -1)
    assert client.get(path).status_code == 400
    monkeypatch.undo()
    # A newer question: the first link does not answer it.
    client.post(path, {"answer": "Số 5"})
    with django_capture_on_commit_callbacks(execute=True):
        report_request_info(report=report, actor=people[Role.OPERATOR], question="Which lane?")
    stale = client.post(path, {"answer": "Kiệt 7"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "newer question" in stale.text
    assert report.events.filter(action=Action.ANSWER_INFO).count() == 1


def test_the_signed_in_reporter_answers_on_the_page_and_from_my_reports(
    client, submit, people, django_capture_on_commit_callbacks
):
    report = submit()
    report = report_request_info(report=report, actor=people[Role.OPERATOR], question="Mấy giờ?")
    client.force_login(User.objects.get(pk=people["reporter"].user_id))
    mine = client.get("/accounts/reports/", HTTP_ACCEPT_LANGUAGE="en").text
    assert f'href="/reports/{report.code}/answer/"' in mine and "Answer the question" in mine
    page = client.get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    assert 'id="answer"' in page and "Mấy giờ?" in page
    assert f'action="/reports/{report.code}/answer/"' in page
    done = client.post(f"/reports/{report.code}/answer/", {"answer": "Sau 22 giờ"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.NEW
    public = client.get(report.get_absolute_url()).text
    assert (
        User.objects.get(pk=people["reporter"].user_id).email not in public
        and 'id="answer"' not in public
    )
    # Someone else, signed in, neither sees the form nor may answer.
    report = report_request_info(report=report, actor=people[Role.OPERATOR], question="Lại?")
    client.force_login(User.objects.get(pk=people["citizen"].user_id))
    assert 'id="answer"' not in client.get(report.get_absolute_url()).text
    assert client.post(f"/reports/{report.code}/answer/", {"answer": "x"}).status_code == 404
    client.logout()
    assert client.get(f"/reports/{report.code}/answer/").status_code == 302
