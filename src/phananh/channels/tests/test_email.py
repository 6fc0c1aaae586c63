"""Reports by email: real mail sent with smtplib to a running receiver, and the intake itself."""

from __future__ import annotations

import smtplib
import socket
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _

from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.channels.email_intake import code_in, email_receive
from phananh.channels.email_parse import html_to_text, without_quotes
from phananh.channels.models import EmailOutcome, InboundEmail
from phananh.channels.smtpd import smtpd_controller
from phananh.conftest import gps_jpeg_bytes, jpeg_bytes
from phananh.reports.actions.triage import report_answer_info, report_assign, report_request_info
from phananh.reports.choices import Channel, Status
from phananh.reports.models import Event, Report

INTAKE = "phan-anh@hue.example"


@pytest.fixture
def intake(settings):
    settings.INTAKE_EMAIL = INTAKE
    settings.DEFAULT_FROM_EMAIL = "Phananh <no-reply@hue.example>"
    return settings


@pytest.fixture
def receiver(intake):
    """A running `phananh smtpd` on a free port; yields the port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = smtpd_controller(host="127.0.0.1", port=port)
    controller.start()
    yield port
    controller.stop()


def _send(port: int, message: EmailMessage, *, envelope_from: str | None = None) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        if envelope_from is None:
            smtp.send_message(message)
        else:
            smtp.sendmail(envelope_from, [INTAKE], message.as_bytes())


def _mail(subject: str, text: str, *, sender: str = "Lan <lan@example.com>", **headers):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = INTAKE
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="example.com")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(text)
    return message


def _attach(message: EmailMessage, data: bytes, name: str, maintype="image", subtype="jpeg"):
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)


def _replies(to: str = "lan@example.com"):
    return [m for m in mail.outbox if m.to == [to]]


@pytest.mark.django_db(transaction=True)
def test_a_mailed_photo_with_gps_becomes_a_report_and_the_sender_gets_its_code(
    receiver, phu_xuan, vy_da, people
):
    message = _mail("Đèn đường hỏng", "Đèn đường trước nhà số 5 Lê Lợi tắt cả tuần nay.")
    _attach(message, gps_jpeg_bytes(16.4705, 107.5760).getvalue(), "den.jpg")
    _attach(message, b"%PDF-1.4 not a photo", "giay-to.pdf", "application", "pdf")
    _attach(message, b"this is no jpeg at all", "hong.jpg")
    _send(receiver, message)

    report = Report.objects.get()
    assert report.channel == Channel.EMAIL and report.status == Status.NEW
    assert report.text.startswith("Đèn đường hỏng\n\nĐèn đường trước nhà số 5 Lê Lợi")
    assert report.reporter_email == "lan@example.com" and report.reporter_name == "Lan"
    assert report.media_count == 1
    assert report.area == phu_xuan and report.lat == pytest.approx(16.4705, abs=1e-4)
    assert Event.objects.get(report=report, action="submit").payload["located_from"] == "photo"
    (reply,) = _replies()  # one reply, not a second "received" from the lifecycle
    assert reply.subject == f"Re: [{report.code}] Đèn đường hỏng"
    assert reply.extra_headers["Auto-Submitted"] == "auto-replied"
    assert report.code in reply.body
    assert "giay-to.pdf" in reply.body and "hong.jpg" in reply.body
    record = InboundEmail.objects.get()
    assert (record.outcome, record.report, record.sender) == ("report", report, "lan@example.com")

    # The same message delivered again (a retrying server) files nothing new.
    _send(receiver, message)
    assert Report.objects.count() == 1 and len(_replies()) == 1


@pytest.mark.django_db(transaction=True)
def test_answers_comments_and_what_the_operators_must_read(receiver, phu_xuan, vy_da, people):
    _send(receiver, _mail("Rác", "Rác đổ trộm ở phường Vỹ Dạ, gần cầu"))
    report = Report.objects.get()
    assert report.area == vy_da and report.address == "Phường Vỹ Dạ"
    report_request_info(report=report, actor=people[Role.OPERATOR], question="Gần cầu nào?")
    mail.outbox.clear()

    # The question's email is answered: a reply carrying the code, with a new photo.
    answer = _mail(
        f"Re: Report {report.code}: more information needed",
        "Cầu Vỹ Dạ, phía bờ nam.\n\nOn Mon, 2 Mar 2026, Phananh wrote:\n> Gần cầu nào?",
    )
    _attach(answer, jpeg_bytes().getvalue(), "cau.jpg")
    _send(receiver, answer)
    report.refresh_from_db()
    assert report.status == Status.NEW
    event = Event.objects.get(report=report, action="answer_info")
    assert event.internal_note == "Cầu Vỹ Dạ, phía bờ nam." and report.media_count == 1
    with translation.override(report.language):
        thanks = _(
            "Thank you: your answer has been added to report %(code)s, which goes back to the "
            "operations centre."
        ) % {"code": report.code}
    assert [m.body for m in _replies()] == [thanks]

    # Someone else writing about it is passed to the operators, never taken as the answer.
    report_request_info(report=report, actor=people[Role.OPERATOR], question="Mấy giờ?")
    _send(receiver, _mail(f"[{report.code}] tôi cũng thấy", "Sáng nay", sender="hoa@example.com"))
    report.refresh_from_db()
    assert report.status == Status.INFO_REQUESTED
    operator = User.objects.get(pk=people[Role.OPERATOR].user_id)
    forwarded = [m for m in mail.outbox if m.to == [operator.email]][-1]
    assert report.code in forwarded.subject and "Sáng nay" in forwarded.body
    assert InboundEmail.objects.filter(outcome=EmailOutcome.FORWARDED).count() == 1

    # A registered, verified person comments on a published report by replying.
    report_answer_info(report=report, actor=people[Role.OPERATOR], answer="7 giờ")
    report_assign(report=report, actor=people[Role.OPERATOR], agency=people_agency(people))
    citizen = User.objects.get(pk=people["citizen"].user_id)
    User.objects.filter(pk=citizen.pk).update(email_verified_at=report.submitted_at)
    _send(receiver, _mail(f"Re: [{report.code}]", "Vẫn còn rác", sender=citizen.email))
    comment = report.comments.get()
    assert comment.text == "Vẫn còn rác" and comment.author_id == citizen.pk


def people_agency(people):
    from phananh.accounts.models import Agency

    return Agency.objects.get(memberships__user_id=people[Role.OFFICER].user_id)


@pytest.mark.django_db(transaction=True)
def test_auto_replies_bounces_and_strangers_never_file_or_answer(receiver, phu_xuan, people):
    machines = [
        _mail("Out of office", "Tôi đi vắng", Auto_Submitted="auto-replied"),
        _mail("Vacation", "Away", Precedence="bulk"),
        _mail("Trả lời tự động", "Away", X_Autoreply="yes"),
        _mail("Newsletter", "Tin tức", List_Id="<news.example.com>"),
        _mail("Undelivered Mail", "failed", sender="MAILER-DAEMON@mx.example.com"),
        _mail("Loop", "ourselves", sender=INTAKE),
    ]
    for message in machines:
        _send(receiver, message)
    # A delivery status notification, as a server sends it: empty envelope sender, a report.
    dsn = EmailMessage()
    dsn["From"] = "Mail Delivery System <bounces@mx.example.com>"
    dsn["To"] = INTAKE
    dsn["Subject"] = "Delivery Status Notification (Failure)"
    dsn["Message-ID"] = make_msgid()
    dsn.set_content("Your message could not be delivered.")
    dsn.add_attachment(
        "Reporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; x@example.com\n"
        "Action: failed\nStatus: 5.1.1\n",
        subtype="delivery-status",
    )
    dsn.replace_header("Content-Type", dsn["Content-Type"].replace("mixed", "report"))
    _send(receiver, dsn, envelope_from="")
    # And a plain bounce whose only tell is the empty envelope sender.
    _send(receiver, _mail("Returned mail", "Hello"), envelope_from="")

    assert not Report.objects.exists()
    assert mail.outbox == []
    outcomes = list(InboundEmail.objects.values_list("outcome", flat=True))
    assert outcomes == [EmailOutcome.IGNORED] * 8

    # Mail for another address is refused before any data is sent.
    with (
        smtplib.SMTP("127.0.0.1", receiver, timeout=30) as smtp,
        pytest.raises(smtplib.SMTPRecipientsRefused) as refused,
    ):
        smtp.sendmail("lan@example.com", ["someone@hue.example"], b"Subject: x\r\n\r\nx")
    assert refused.value.recipients["someone@hue.example"][0] == 550


@pytest.mark.django_db(transaction=True)
def test_without_a_place_the_report_waits_and_the_reply_asks_where(receiver, phu_xuan, people):
    _send(receiver, _mail("Street light broken", "The street light has been out for a week."))
    report = Report.objects.get()
    assert report.lat is None and report.status == Status.NEW and report.language == "en"
    (reply,) = _replies()
    assert "could not tell where" in reply.body and report.code in reply.body


@pytest.mark.django_db(transaction=True)
def test_too_large_messages_are_refused_while_sent(intake, phu_xuan):
    intake.INTAKE_EMAIL_MAX_BYTES = 20_000
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = smtpd_controller(host="127.0.0.1", port=port)
    controller.start()
    try:
        message = _mail("Big", "x")
        _attach(message, b"\xff" * 30_000, "big.jpg")
        with pytest.raises((smtplib.SMTPDataError, smtplib.SMTPSenderRefused)) as refused:
            _send(port, message)
        assert refused.value.smtp_code == 552
    finally:
        controller.stop()
    assert not Report.objects.exists()


# ── The intake without the network ───────────────────────────────────────────────────────


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_malformed_mime_never_crashes(intake, phu_xuan, django_capture_on_commit_callbacks):
    broken = [
        b"",
        b"\x00\xff\xfe garbage",
        b"From: lan@example.com\r\nSubject: =?utf-8?B?broken\r\n\r\nbody",
        (
            b"From: lan@example.com\r\nSubject: Boundary\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="zz"\r\n\r\n--zz\r\n'
            b"Content-Type: text/plain; charset=x-unknown-charset\r\n\r\nC\xe1 ch\xe1\r\n"
            b"--zz\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            b"!!!not base64!!!\r\n"
        ),
        b"From: <>\r\nSubject: nobody\r\n\r\nbody",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        results = [email_receive(raw) for raw in broken]
    assert [r.outcome for r in results] == ["ignored", "ignored", "report", "report", "ignored"]
    texts = sorted(Report.objects.values_list("text", flat=True))
    assert any("body" in t for t in texts) and any("Boundary" in t for t in texts)


@pytestmark_db
def test_html_only_mail_is_read_safely(intake, phu_xuan, django_capture_on_commit_callbacks):
    message = _mail("Ngập", "x")
    message.set_content(
        "<html><head><style>p{}</style><script>alert('x')</script></head><body>"
        "<p>Đường <b>ngập</b> sâu &amp; bẩn</p><blockquote>trích dẫn cũ</blockquote></body></html>",
        subtype="html",
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = email_receive(message.as_bytes())
    report = Report.objects.get(code=result.report_code)
    assert report.text == "Ngập\n\nĐường ngập sâu & bẩn"


def test_reading_helpers():
    assert code_in("Re: [PA-7K2M9QX] Đèn hỏng") == "PA-7K2M9QX"
    assert code_in("Re: Report pa-7k2m9qx received") == "PA-7K2M9QX"
    assert code_in("Re: XPA-7K2M9QXY") == ""
    assert without_quotes("Số 5\n\n> cũ\nVào 2 thg 3, Phananh đã viết:\n> Gần đâu?") == "Số 5"
    assert without_quotes("Có\n-- \nLan, 0905 123 456") == "Có"
    assert html_to_text("<p>a</p><script>b</script><br><br><br><p>c &lt;d&gt;</p>") == "a\n\nc <d>"


class FakeImap:
    """Stands in for imaplib.IMAP4_SSL: a mailbox of numbered messages and the flags set."""

    boxes: dict[bytes, bytes] = {}
    seen: list[bytes] = []
    logins: list[tuple[str, str]] = []
    selected: list[str] = []

    def __init__(self, host, port, ssl_context=None, timeout=None):
        assert (host, port) == ("imap.hue.example", 993)

    def login(self, user, password):
        self.logins.append((user, password))

    def select(self, folder):
        self.selected.append(folder)
        return "OK", [b"2"]

    def uid(self, command, *args):
        if command == "SEARCH":
            unseen = [uid for uid in self.boxes if uid not in self.seen]
            return "OK", [b" ".join(unseen)]
        if command == "FETCH":
            uid = args[0]
            return "OK", [(b"1 (UID " + uid + b" BODY[] {n}", self.boxes[uid]), b")"]
        if command == "STORE":
            self.seen.append(args[0])
            return "OK", []
        raise AssertionError(command)

    def logout(self):
        return "BYE", []


@pytestmark_db
def test_imap_poll_takes_in_unread_mail_and_marks_it(
    intake, phu_xuan, monkeypatch, django_capture_on_commit_callbacks
):
    from phananh.channels import imap

    FakeImap.boxes = {
        b"7": _mail("Ổ gà", "Ổ gà lớn ở phường Phú Xuân").as_bytes(),
        b"8": _mail("Away", "x", Auto_Submitted="auto-replied").as_bytes(),
    }
    FakeImap.seen, FakeImap.logins, FakeImap.selected = [], [], []
    monkeypatch.setattr(imap.imaplib, "IMAP4_SSL", FakeImap)
    url = "imaps://bao-cao%40hue.example:m%E1%BA%ADt@imap.hue.example/Phan%20anh"
    with django_capture_on_commit_callbacks(execute=True):
        counts = imap.imap_poll_once(url)
    assert counts == {"report": 1, "ignored": 1}
    assert FakeImap.logins == [("bao-cao@hue.example", "mật")]
    assert FakeImap.selected == ['"Phan anh"']
    assert FakeImap.seen == [b"7", b"8"]
    assert Report.objects.get().area == phu_xuan
    # Read again: nothing new.
    assert imap.imap_poll_once(url) == {}


@pytestmark_db
def test_imap_leaves_a_message_unread_when_the_intake_fails(intake, monkeypatch):
    from phananh.channels import imap

    FakeImap.boxes = {b"9": _mail("Ổ gà", "x").as_bytes()}
    FakeImap.seen = []
    monkeypatch.setattr(imap.imaplib, "IMAP4_SSL", FakeImap)

    def down(raw):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(imap, "email_receive", down)
    assert imap.imap_poll_once("imaps://u:p@imap.hue.example/INBOX") == {"failed": 1}
    assert FakeImap.seen == []
    with pytest.raises(ValueError, match="imaps://"):
        imap.mailbox_from_url("pop3://u@host")
