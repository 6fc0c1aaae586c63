"""Signed webhooks, verified with the `standardwebhooks` package from PyPI, received by a real
HTTP server on loopback: every public event of the reports a subscription may see, through the
outbox with its retries, a stable webhook-id, never the reporter's identity."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from standardwebhooks.webhooks import Webhook

from phananh.accounts.choices import Role
from phananh.accounts.services import apikey_create
from phananh.conftest import file_report
from phananh.core import clock
from phananh.interop.models import WebhookDelivery
from phananh.interop.services import webhook_subscribe
from phananh.notifications.models import Notification, NotificationState
from phananh.notifications.services import notifications_deliver_due
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.moderation import report_hide
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Channel

pytestmark = pytest.mark.django_db(transaction=True)

NAME, EMAIL, PHONE = "Marker Nguyễn Văn Riêng", "marker.secret@example.com", "0905111222"


def _file(people, noise, text="Karaoke ồn ào đến 1 giờ sáng ở kiệt 5"):
    return file_report(
        actor=people["reporter"],
        text=f"{text}, gọi {PHONE}",
        channel=Channel.WEB,
        category=noise,
        lat=16.4705,
        lon=107.5760,
        reporter_name=NAME,
        reporter_email=EMAIL,
        reporter_phone=PHONE,
    )


def _verified(receiver, secret) -> list[dict]:
    hook = Webhook(secret)
    return [hook.verify(body, headers) for headers, body in receiver.received]


def test_public_events_arrive_signed_and_without_the_reporter(
    receiver, people, noise, phu_xuan, ward_agency
):
    subscription, secret = webhook_subscribe(name="Partner", url=receiver.url)
    assert secret.startswith("whsec_")
    report = _file(people, noise)
    report = report_assign(report=report, actor=people[Role.OPERATOR], agency=ward_agency)
    report_agency_accept(report=report, actor=people[Role.OFFICER])
    payloads = _verified(receiver, secret)
    assert [p["type"] for p in payloads] == [
        "report.submit",
        "report.assign",
        "report.agency_accept",
    ]
    assert payloads[0]["data"]["report"]["code"] == report.code
    assert payloads[0]["data"]["report"]["public_status"] == "received"
    for headers, body in receiver.received:
        text = body.decode()
        assert NAME not in text and EMAIL not in text and PHONE not in text
        assert headers["webhook-id"].startswith("msg_")
    assert WebhookDelivery.objects.filter(subscription=subscription, ok=True).count() == 3


def test_a_failed_delivery_is_retried_with_the_same_id(receiver, people, noise, phu_xuan):
    _subscription, secret = webhook_subscribe(name="Partner", url=receiver.url)
    receiver.answers = [500]
    _file(people, noise)
    assert len(receiver.received) == 1
    row = Notification.objects.get(channel="webhook")
    assert row.state == NotificationState.PENDING and row.attempts == 1
    with clock.at(clock.now() + timedelta(minutes=6)):
        notifications_deliver_due()
    row.refresh_from_db()
    assert row.state == NotificationState.SENT
    first, second = receiver.received
    assert first[0]["webhook-id"] == second[0]["webhook-id"]
    assert first[1] == second[1]
    Webhook(secret).verify(second[1], second[0])
    logged = list(
        WebhookDelivery.objects.order_by("attempted_at", "id").values_list("status_code", "ok")
    )
    assert logged == [(500, False), (200, True)]


def test_a_hidden_report_is_withdrawn_and_then_silent(
    receiver, people, noise, phu_xuan, ward_agency
):
    _subscription, secret = webhook_subscribe(name="Partner", url=receiver.url)
    report = _file(people, noise)
    report = report_hide(
        report=report, actor=people[Role.OPERATOR], reason="spam", note="quảng cáo"
    )
    report_assign(report=report, actor=people[Role.OPERATOR], agency=ward_agency)
    payloads = _verified(receiver, secret)
    assert [p["type"] for p in payloads] == ["report.submit", "report.hidden"]
    assert payloads[1]["data"] == {"report": {"code": report.code}}
    assert "quảng cáo" not in json.dumps(payloads, ensure_ascii=False)


def test_a_subscription_sees_only_what_it_narrows_to(
    receiver, people, noise, phu_xuan, ward_agency, other_agency
):
    _mine, _secret = webhook_subscribe(name="Other ward", url=receiver.url, agency=other_agency)
    report = _file(people, noise)
    report_assign(report=report, actor=people[Role.OPERATOR], agency=ward_agency)
    assert receiver.received == []


def test_an_api_key_with_the_scope_subscribes(client, receiver, people, noise, phu_xuan):
    _key, plain = apikey_create(name="Partner", scopes=["webhooks:manage"])
    _key, unscoped = apikey_create(name="Reader", scopes=["reports:read"])
    body = json.dumps({"url": receiver.url, "name": "Partner app"})
    refused = client.post(
        "/api/v1/webhooks", body, content_type="application/json", headers={"X-Api-Key": unscoped}
    )
    assert refused.status_code == 403
    response = client.post(
        "/api/v1/webhooks", body, content_type="application/json", headers={"X-Api-Key": plain}
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["secret"].startswith("whsec_")
    listed = client.get("/api/v1/webhooks", headers={"X-Api-Key": plain}).json()
    assert [w["id"] for w in listed["results"]] == [created["id"]] and listed["results"][0][
        "secret"
    ] is None
    _file(people, noise)
    assert _verified(receiver, created["secret"])[0]["type"] == "report.submit"
    gone = client.delete(f"/api/v1/webhooks/{created['id']}", headers={"X-Api-Key": plain})
    assert gone.status_code == 204
