"""Forwarding to an agency's own system, against a real HTTP server on loopback standing in for
it: FixMyStreet's fields and photo parts, the remote id kept, its updates polled back into the
agency's steps, retries and the IOC alert, and the email method's signed answer link."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail

from phananh.accounts.choices import Role
from phananh.conftest import file_report, jpeg_bytes
from phananh.core import clock
from phananh.interop.choices import ForwardState, SendMethod
from phananh.interop.models import Forward
from phananh.interop.polling import agencies_poll
from phananh.interop.services import agency_endpoint_set
from phananh.notifications.models import Notification, NotificationState
from phananh.notifications.services import notifications_deliver_due
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Channel, Status
from phananh.sla.models import Deadline

pytestmark = pytest.mark.django_db(transaction=True)

NAME, EMAIL, PHONE = "Marker Trần Bí Mật", "marker.private@example.com", "0905333444"
ACCEPTED = (
    b'<?xml version="1.0" encoding="utf-8"?><service_requests><request>'
    b"<service_request_id>WARD-77</service_request_id></request></service_requests>"
)


def _report(people, noise, **extra):
    upload = jpeg_bytes()
    upload.name = "a.jpg"
    return file_report(
        actor=people["reporter"],
        text=f"Karaoke ồn ào đến 1 giờ sáng, gọi tôi {PHONE}",
        channel=Channel.WEB,
        category=noise,
        lat=16.4705,
        lon=107.5760,
        reporter_name=NAME,
        reporter_email=EMAIL,
        reporter_phone=PHONE,
        uploads=[upload],
        **extra,
    )


def _updates(*rows: tuple[str, str, str], media_url: str = "") -> bytes:
    items = "".join(
        f"<request_update><update_id>{uid}</update_id><service_request_id>WARD-77"
        f"</service_request_id><status>{status}</status><description>{text}</description>"
        f"<updated_datetime>2026-05-04T10:00:00+07:00</updated_datetime>"
        f"<media_url>{media_url if status == 'fixed' else ''}</media_url></request_update>"
        for uid, status, text in rows
    )
    head = '<?xml version="1.0" encoding="utf-8"?>'
    return f"{head}<service_request_updates>{items}</service_request_updates>".encode()


def test_open311_forwarding_and_updates_back(receiver, people, noise, phu_xuan, ward_agency):
    agency_endpoint_set(
        agency=ward_agency,
        method=SendMethod.OPEN311,
        open311_url=receiver.url.rsplit("/", 2)[0] + "/open311/v2/",
        open311_api_key="their-key",
        open311_jurisdiction="ward.example",
        service_codes={"noise": "NOISE-01"},
    )
    receiver.post_body = ACCEPTED
    report = _report(people, noise)
    report = report_assign(report=report, actor=people[Role.OPERATOR], agency=ward_agency)
    assert len(receiver.received) == 1
    headers, body = receiver.received[0]
    assert headers["idempotency-key"].startswith("phananh-forward-")
    assert b'name="service_code"\r\n\r\nNOISE-01' in body
    assert b'name="jurisdiction_id"\r\n\r\nward.example' in body
    assert b'name="lat"' in body and b'name="photo1"' in body
    for marker in (NAME, EMAIL, PHONE):
        assert marker.encode() not in body
    forward = Forward.objects.get(report=report)
    assert forward.state == ForwardState.SENT and forward.remote_id == "WARD-77"

    receiver.files["/photos/done.jpg"] = jpeg_bytes(color="green").getvalue()
    receiver.get_body = _updates(
        ("1", "in_progress", "Đã cử người kiểm tra"),
        ("2", "fixed", "Đã nhắc nhở, hết ồn"),
        media_url=receiver.url.rsplit("/", 2)[0] + "/photos/done.jpg",
    )
    agencies_poll()
    assert "servicerequestupdates.xml" in receiver.gets[0] and "their-key" in receiver.gets[0]
    report.refresh_from_db()
    assert report.status == Status.RESOLVED
    steps = list(report.events.order_by("id").values_list("action", "actor_label"))
    assert ("agency_accept", f"{ward_agency.name_vi} (its system)") in steps
    resolve = report.events.get(action="resolve")
    assert resolve.public_note == "Đã nhắc nhở, hết ồn"
    assert resolve.media.filter(purpose="result").count() == 1  # its photo, fetched and checked
    assert Deadline.objects.filter(report=report, step="evaluation", state="open").exists()
    # Polled again: nothing applied twice.
    agencies_poll()
    assert report.events.filter(action="resolve").count() == 1


def test_a_send_that_keeps_failing_alerts_the_ioc(receiver, people, noise, phu_xuan, ward_agency):
    agency_endpoint_set(
        agency=ward_agency, method=SendMethod.OPEN311, open311_url=receiver.url, open311_api_key="k"
    )
    receiver.answers = [503] * 100
    report = report_assign(
        report=_report(people, noise), actor=people[Role.OPERATOR], agency=ward_agency
    )
    row = Notification.objects.get(channel="forward_open311")
    moment = clock.now()
    for _attempt in range(60):
        moment += timedelta(minutes=31)
        with clock.at(moment):
            notifications_deliver_due()
    row.refresh_from_db()
    assert row.state == NotificationState.FAILED
    assert Notification.objects.filter(kind="delivery_failed", report=report).exists()
    assert Forward.objects.get(report=report).state == ForwardState.PENDING


def test_email_agency_answers_through_the_signed_link(client, people, noise, phu_xuan, ward_agency):
    agency_endpoint_set(agency=ward_agency, method=SendMethod.EMAIL, email="ward@example.org")
    report = report_assign(
        report=_report(people, noise), actor=people[Role.OPERATOR], agency=ward_agency
    )
    sent = [m for m in mail.outbox if m.to == ["ward@example.org"]]
    assert len(sent) == 1
    message = sent[0]
    assert report.code in message.subject and message.attachments
    for marker in (NAME, EMAIL, PHONE):
        assert marker not in message.body
    link = re.search(r"https?://\S+/agency/answer/\S+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    page = client.get(path)
    assert page.status_code == 200 and report.code in page.text
    resolved = client.post(path, {"step": "resolve", "text": "Đã xử lý xong"})
    assert resolved.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.RESOLVED
    assert report.events.get(action="resolve").public_note == "Đã xử lý xong"
    assert client.get(path.replace("/answer/", "/answer/x")).status_code == 404


def test_console_agencies_are_not_forwarded(people, noise, phu_xuan, ward_agency):
    report_assign(report=_report(people, noise), actor=people[Role.OPERATOR], agency=ward_agency)
    assert not Forward.objects.exists()


def test_email_agency_answers_by_reply(settings, people, noise, phu_xuan, ward_agency):
    from email.message import EmailMessage

    from phananh.channels.email_intake import email_receive

    settings.INTAKE_EMAIL = "phananh@hue.example"
    agency_endpoint_set(agency=ward_agency, method=SendMethod.EMAIL, email="ward@example.org")
    report = report_assign(
        report=_report(people, noise), actor=people[Role.OPERATOR], agency=ward_agency
    )
    sent = next(m for m in mail.outbox if m.to == ["ward@example.org"])
    assert sent.extra_headers["Reply-To"] == "phananh@hue.example"
    reply = EmailMessage()
    reply["From"] = "Phường Phú Xuân <ward@example.org>"
    reply["To"] = "phananh@hue.example"
    reply["Subject"] = f"Re: {sent.subject}"
    reply.set_content("Đã tiếp nhận, chiều nay cử người xuống.")
    email_receive(reply.as_bytes())
    report.refresh_from_db()
    assert report.status == Status.IN_PROGRESS
    accept = report.events.get(action="agency_accept")
    assert accept.public_note.startswith("Đã tiếp nhận") and "email" in accept.actor_label


def test_the_workspace_shows_a_failing_send(client, receiver, people, noise, phu_xuan, ward_agency):
    from phananh.accounts.models import User

    agency_endpoint_set(
        agency=ward_agency, method=SendMethod.OPEN311, open311_url=receiver.url, open311_api_key="k"
    )
    receiver.answers = [503] * 10
    report = report_assign(
        report=_report(people, noise), actor=people[Role.OPERATOR], agency=ward_agency
    )
    client.force_login(User.objects.get(pk=people[Role.OPERATOR].user_id))
    page = client.get(f"/ops/reports/{report.code}/?lang=en")
    assert page.status_code == 200
    assert "Sent to the agency&#x27;s own system" in page.text or "agency's own system" in page.text
    assert "HTTP 503" in page.text
