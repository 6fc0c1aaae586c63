"""The reporter hears about each step of their report, in their language, on their channel."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.conftest import jpeg_bytes
from phananh.notifications.adapters import adapter_override
from phananh.notifications.choices import OptionalKind
from phananh.notifications.models import Notification
from phananh.notifications.services import notification_preferences_set
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.deadlines import report_decide_extension, report_request_extension
from phananh.reports.actions.intake import report_confirm
from phananh.reports.actions.outcome import (
    report_close,
    report_rate,
    report_reopen,
    report_request_reopen,
    report_resolve,
)
from phananh.reports.actions.triage import (
    report_answer_info,
    report_assign,
    report_merge,
    report_reject,
    report_request_info,
)
from phananh.reports.choices import Channel
from phananh.reports.models import Event
from phananh.reports.notices.reporter import reporter_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a service as if its transaction committed: the reporter's task runs then."""

    def _run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return _run


def _to(address: str) -> list[Notification]:
    return list(Notification.objects.filter(to=address).order_by("pk"))


def test_each_step_reaches_an_email_reporter_in_english(run, submit, people, ward_agency):
    report = run(submit, reporter_email="lan@example.com", language="en")
    operator, officer = people[Role.OPERATOR], people[Role.OFFICER]
    report = run(report_assign, report=report, actor=operator)
    report = run(report_agency_accept, report=report, actor=officer)
    report = run(
        report_request_extension,
        report=report,
        actor=officer,
        reason="Cần thêm vật tư",
        new_due=timezone.now() + timedelta(days=30),
    )
    report = run(
        report_decide_extension, report=report, actor=people[Role.SUPERVISOR], approve=True
    )
    report = run(report_resolve, report=report, actor=officer, result="Đã sửa đèn")
    report = run(report_reopen, report=report, actor=people[Role.SUPERVISOR], note="Chưa sáng")
    report = run(report_resolve, report=report, actor=officer, result="Đã thay bóng")
    report = run(report_close, report=report, actor=operator)

    sent = _to("lan@example.com")
    assert [n.kind for n in sent] == [
        OptionalKind.RECEIVED,
        OptionalKind.ASSIGNED,
        OptionalKind.DEADLINE_EXTENDED,
        OptionalKind.RATE_REQUEST,
        OptionalKind.REOPENED,
        OptionalKind.RATE_REQUEST,
        OptionalKind.CLOSED,
    ]
    assert all(n.channel == "email" and n.state == "sent" for n in sent)
    received, assigned, extended, rate, reopened, rate_again, closed = sent
    assert received.subject == f"Report {report.code} received"
    assert report.code in received.body and f"/reports/{report.code}/" in received.body
    with translation.override("en"):
        agency = ward_agency.name
    assert agency in assigned.subject and "by " in assigned.body
    assert "new deadline" in extended.subject
    assert "Đã sửa đèn" in rate.body and "/rate/" in rate.body
    assert "Đã thay bóng" in rate_again.body
    assert "reopened" in reopened.subject and "Chưa sáng" in reopened.body
    assert "closed" in closed.subject
    # Every one went to the reporter alone, and none names anyone.
    assert {m.to[0] for m in mail.outbox if m.subject in {n.subject for n in sent}} == {
        "lan@example.com"
    }
    reporter = User.objects.get(pk=people["reporter"].user_id)
    assert not any(reporter.email in n.body for n in sent)


def test_vietnamese_by_default_and_the_account_language_for_its_own_address(run, submit, people):
    report = run(submit, language="vi")  # a registered reporter, no other address
    (received,) = _to(report.reporter.email)
    with translation.override("vi"):
        assert received.subject == _("Report %(code)s received") % {"code": report.code}
    User.objects.filter(pk=report.reporter_id).update(language="en")
    report.refresh_from_db()
    report = run(report_reject, report=report, actor=people[Role.OPERATOR], reason="Trùng")
    rejected = _to(report.reporter.email)[-1]
    assert rejected.subject == f"Report {report.code} not accepted"
    assert "Trùng" in rejected.body


def test_more_information_needed_says_how_to_answer(run, submit, people, settings):
    settings.INTAKE_EMAIL = "phan-anh@hue.example"
    report = run(submit, reporter_email="lan@example.com", language="en")
    report = run(
        report_request_info,
        report=report,
        actor=people[Role.OPERATOR],
        question="Which house number?",
    )
    asked = _to("lan@example.com")[-1]
    assert asked.kind == OptionalKind.INFO_REQUESTED
    assert "Which house number?" in asked.body
    assert "reply to this email" in asked.body and report.code in asked.body
    assert f"/reports/{report.code}/answer/" in asked.body  # the signed link answers on the site
    (question_mail,) = [m for m in mail.outbox if m.subject == asked.subject]
    assert question_mail.extra_headers["Reply-To"] == "phan-anh@hue.example"
    # The reporter's own answer is not announced back to them.
    run(report_answer_info, report=report, actor=people["reporter"], answer="Số 5")
    assert _to("lan@example.com")[-1].pk == asked.pk


def test_merged_duplicate_points_to_the_primary(run, submit, people):
    primary = run(submit)
    duplicate = run(submit, reporter_email="lan@example.com", language="en")
    run(report_merge, report=duplicate, actor=people[Role.OPERATOR], into=primary)
    merged = _to("lan@example.com")[-1]
    assert primary.code in merged.subject and f"/reports/{primary.code}/" in merged.body


def test_channel_of_the_reporter(run, submit, people, noise, settings):
    settings.FACEBOOK_PAGE_TOKEN = "page-token"
    settings.SMS_GATEWAY_URL = "http://sms.invalid/send"
    operator = people[Role.OPERATOR]
    sent: list[Notification] = []
    with adapter_override("facebook", sent.append):
        chat = run(
            submit,
            actor=Actor.system("facebook"),
            channel=Channel.FACEBOOK,
            reporter_channel_id="psid-42",
            language="en",
        )
        run(report_assign, report=chat, actor=operator)
    # The conversation already gave the code; the referral arrives in the chat, in short form.
    (assigned,) = _to("psid-42")
    assert (assigned.channel, assigned.kind) == ("facebook", OptionalKind.ASSIGNED)
    assert "\n" not in assigned.body and chat.code in assigned.body
    assert [n.pk for n in sent] == [assigned.pk]

    called = run(
        submit, actor=operator, channel=Channel.PHONE, reporter_phone="0905123456", language="en"
    )
    (sms,) = _to("0905123456")
    assert sms.channel == "sms" and called.code in sms.body
    # Nobody to tell: no contact at all.
    silent = run(submit, actor=operator, channel=Channel.PHONE)
    assert not Notification.objects.filter(report=silent).exists()


def test_preferences_and_twice_safe(run, submit, people):
    notification_preferences_set(
        user_id=people["reporter"].user_id,
        wanted=[k for k in OptionalKind.values if k != OptionalKind.ASSIGNED],
    )
    report = run(submit)
    report = run(report_assign, report=report, actor=people[Role.OPERATOR])
    assert [n.kind for n in _to(report.reporter.email)] == [OptionalKind.RECEIVED]
    submitted = Event.objects.get(report=report, action="submit")
    assert reporter_notice(submitted) is None  # already sent: nothing new
    assert Notification.objects.filter(report=report).count() == 1


def test_unconfirmed_report_waits_for_its_confirmation(run, submit, people):
    report = run(submit, reporter_email="lan@example.com", confirmed=False)
    # Only the link that confirms it: "received" comes once it is confirmed.
    assert [n.kind for n in _to("lan@example.com")] == ["report_confirmation"]
    run(report_confirm, report=report, actor=people["reporter"])
    assert [n.kind for n in _to("lan@example.com")] == [
        "report_confirmation",
        OptionalKind.RECEIVED,
    ]


def test_the_reporters_own_rating_is_not_announced(run, submit, people):
    report = run(submit, reporter_email="lan@example.com")
    report = run(report_assign, report=report, actor=people[Role.OPERATOR])
    report = run(report_agency_accept, report=report, actor=people[Role.OFFICER])
    report = run(report_resolve, report=report, actor=people[Role.OFFICER], result="Xong")
    run(
        report_request_reopen,
        report=report,
        actor=people["reporter"],
        reason="Vẫn còn",
        uploads=[jpeg_bytes()],
    )
    run(report_rate, report=report, actor=people["reporter"], level="satisfied")
    kinds = [n.kind for n in _to("lan@example.com")]
    assert kinds[-1] == OptionalKind.RATE_REQUEST


def test_an_unconfigured_chat_or_sms_falls_back_to_email_or_silence(
    run, submit, people, ward_agency, settings
):
    settings.ZALO_ACCESS_TOKEN = ""
    settings.SMS_GATEWAY_URL = ""
    operator = people[Role.OPERATOR]
    chat = run(
        submit,
        actor=Actor.system("zalo"),
        channel=Channel.ZALO,
        reporter_channel_id="zalo-7",
        reporter_email="an@example.com",
    )
    run(report_assign, report=chat, actor=operator)
    assert not _to("zalo-7")
    assert {n.channel for n in _to("an@example.com")} == {"email"}
    called = run(submit, actor=operator, channel=Channel.PHONE, reporter_phone="0905123456")
    assert not Notification.objects.filter(report=called).exists()
