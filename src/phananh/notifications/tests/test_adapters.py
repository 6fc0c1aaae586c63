"""The adapter registry and the built-in email and SMS adapters (against a local HTTP stub)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.core import mail

from phananh.notifications import adapters
from phananh.notifications.adapters import (
    DeliveryRefused,
    UnknownChannel,
    adapter_for,
    adapter_override,
    register_adapter,
    unregister_adapter,
)
from phananh.notifications.models import Notification, NotificationState
from phananh.notifications.services import notification_queue


class _Gateway(BaseHTTPRequestHandler):
    """Stands in for an SMS provider: records each request, answers with `status`."""

    status = 200
    seen: list[dict] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append({"headers": dict(self.headers), "body": body})
        self.send_response(type(self).status)
        self.end_headers()
        self.wfile.write(b'{"ok": true}')

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    _Gateway.seen = []
    _Gateway.status = 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.SMS_GATEWAY_TOKEN = "s3cret"
    settings.SMS_GATEWAY_TIMEOUT = 5
    yield _Gateway
    server.shutdown()
    server.server_close()


def _row(**fields) -> Notification:
    values = {"pk": 7, "to": "+84905123456", "subject": "", "body": "Xin chào", "kind": "x"}
    return Notification(**{**values, **fields})


def test_registry_replaces_and_refuses_unknown():
    calls = []
    register_adapter("test-channel", calls.append)
    try:
        row = _row()
        adapter_for("test-channel")(row)
        assert calls == [row]
        register_adapter("test-channel", lambda n: None)
        adapter_for("test-channel")(row)
        assert calls == [row]
    finally:
        unregister_adapter("test-channel")
    with pytest.raises(UnknownChannel, match="test-channel"):
        adapter_for("test-channel")
    assert {"email", "sms"} <= set(adapters.registered_channels())


def test_email_adapter_marks_messages_automatic(settings):
    settings.INTAKE_EMAIL = ""
    adapters.send_email(_row(to="lan@example.com", subject="S", kind="email_reply"))
    adapters.send_email(_row(to="lan@example.com", subject="S", kind="report_received"))
    assert [m.extra_headers["Auto-Submitted"] for m in mail.outbox] == [
        "auto-replied",
        "auto-generated",
    ]
    assert all("Reply-To" not in m.extra_headers for m in mail.outbox)
    # With an intake address, the reporter's reply reaches it; staff alerts keep no Reply-To.
    settings.INTAKE_EMAIL = "phan-anh@hue.example"
    adapters.send_email(_row(to="lan@example.com", subject="S", kind="report_assigned"))
    adapters.send_email(_row(to="op@example.com", subject="S", kind="delivery_failed"))
    assert mail.outbox[2].extra_headers["Reply-To"] == "phan-anh@hue.example"
    assert "Reply-To" not in mail.outbox[3].extra_headers


def test_sms_json_wire_format(gateway):
    adapters.send_sms(_row(subject="PA-1", body="Đã nhận"))
    (request,) = gateway.seen
    assert request["headers"]["Authorization"] == "Bearer s3cret"
    assert request["headers"]["Idempotency-Key"] == "phananh-7"
    assert request["headers"]["Content-Type"].startswith("application/json")
    assert json.loads(request["body"]) == {
        "to": "+84905123456",
        "text": "Đã nhận",
        "reference": "phananh-7",
    }


def test_sms_form_wire_format(gateway, settings):
    settings.SMS_GATEWAY_FORMAT = "form"
    adapters.send_sms(_row())
    fields = parse_qs(gateway.seen[0]["body"].decode())
    assert fields == {
        "to": ["+84905123456"],
        "text": ["Xin chào"],
        "reference": ["phananh-7"],
        "token": ["s3cret"],
    }


def test_sms_failures(gateway, settings):
    gateway.status = 503
    with pytest.raises(RuntimeError, match="503"):
        adapters.send_sms(_row())
    gateway.status = 400
    with pytest.raises(DeliveryRefused, match="400"):
        adapters.send_sms(_row())
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/none"
    with pytest.raises(RuntimeError, match="unreachable"):
        adapters.send_sms(_row())
    settings.SMS_GATEWAY_URL = ""
    with pytest.raises(DeliveryRefused, match="not configured"):
        adapters.send_sms(_row())


@pytest.mark.django_db
def test_unknown_channel_fails_with_a_clear_error(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification_queue(
            to="123", subject="s", body="b", kind="x", dedupe_key="k", channel="pigeon"
        )
    row = Notification.objects.get()
    assert row.state == NotificationState.FAILED
    assert "pigeon" in row.last_error


@pytest.mark.django_db
def test_queue_delivers_through_the_channel_adapter(django_capture_on_commit_callbacks):
    sent = []
    with (
        adapter_override("test-channel", sent.append),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notification_queue(
            to="u1", subject="s", body="b", kind="x", dedupe_key="k", channel="test-channel"
        )
    assert [n.to for n in sent] == ["u1"]
    assert Notification.objects.get().state == NotificationState.SENT
