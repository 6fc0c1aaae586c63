"""A local HTTP server standing in for the Graph API and Zalo's OpenAPI, and signed deliveries.

The signatures here are computed from the platforms' documentation (docs/channels-social.md),
independently of the code under test.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

FB_SECRET = "fb-app-secret"
FB_PAGE_TOKEN = "fb-page-token"
FB_VERIFY_TOKEN = "verify-me"
ZALO_APP_ID = "3482178216594085616"
ZALO_SECRET = "zalo-oa-secret"
ZALO_TOKEN = "zalo-access-token"

_ids = itertools.count(1)


class PlatformStub:
    """Records every send call, serves registered files, and fails on demand."""

    def __init__(self) -> None:
        self.sent: list[dict] = []
        self.files: dict[str, tuple[bytes, str]] = {}
        self.failures: list[tuple[int, dict]] = []
        self.downloads: list[str] = []
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _answer(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                with stub._lock:
                    stub.downloads.append(path)
                    found = stub.files.get(path)
                if found is None:
                    self._answer(404, b"not found", "text/plain")
                else:
                    self._answer(200, found[0], found[1])

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                call = {
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "json": json.loads(raw.decode("utf-8")),
                }
                with stub._lock:
                    stub.sent.append(call)
                    failure = stub.failures.pop(0) if stub.failures else None
                if failure is not None:
                    status, body = failure
                elif "/oa/message/" in self.path:
                    status, body = 200, {"error": 0, "message": "Success", "data": {"msg_id": "z1"}}
                else:
                    recipient = call["json"]["recipient"]["id"]
                    status, body = 200, {"recipient_id": recipient, "message_id": "m_sent"}
                self._answer(status, json.dumps(body).encode(), "application/json")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def serve_file(self, name: str, data: bytes, content_type: str = "image/jpeg") -> str:
        self.files[f"/files/{name}"] = (data, content_type)
        return f"{self.url}/files/{name}"

    def texts(self, recipient: str | None = None) -> list[str]:
        """The text of every message sent (to one recipient), in order."""
        found = []
        for call in self.sent:
            body = call["json"]
            to = body["recipient"].get("id") or body["recipient"].get("user_id")
            if recipient is None or to == recipient:
                found.append(body["message"]["text"])
        return found


@pytest.fixture
def stub():
    server = PlatformStub()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()


@pytest.fixture(autouse=True)
def _no_failed_messages(request):
    """A conversation test whose message hit the "something went wrong" path fails loudly."""
    chat = "social" in request.fixturenames
    if not chat or request.node.get_closest_marker("django_db") is None:
        yield
        return
    request.getfixturevalue("db")  # set up first, so torn down after this check
    yield
    from phananh.channels.models import InboundMessage, InboundState

    failed = list(
        InboundMessage.objects.filter(state=InboundState.FAILED).values_list("error", flat=True)
    )
    assert not failed, failed


@pytest.fixture
def social(settings, stub):
    """Both channels configured against the stub."""
    settings.FACEBOOK_GRAPH_URL = f"{stub.url}/v19.0"
    settings.FACEBOOK_APP_SECRET = FB_SECRET
    settings.FACEBOOK_PAGE_TOKEN = FB_PAGE_TOKEN
    settings.FACEBOOK_VERIFY_TOKEN = FB_VERIFY_TOKEN
    settings.ZALO_API_URL = stub.url
    settings.ZALO_APP_ID = ZALO_APP_ID
    settings.ZALO_OA_SECRET = ZALO_SECRET
    settings.ZALO_ACCESS_TOKEN = ZALO_TOKEN
    settings.SITE_URL = "https://phananh.example"
    return stub


def now_ms(offset_seconds: float = 0) -> int:
    return int((time.time() + offset_seconds) * 1000)


def mid() -> str:
    return f"m_{next(_ids)}_{time.time_ns()}"


@pytest.fixture
def say(client, django_capture_on_commit_callbacks):
    """Deliver a signed payload and run what the worker would (tasks run inline in tests)."""

    def _say(platform: str, payload: dict) -> None:
        post = post_facebook if platform == "facebook" else post_zalo
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, payload)
        assert response.status_code == 200, response.content

    return _say


# ---- Facebook Messenger ----------------------------------------------------------------------


def fb_body(*events: dict, time_ms: int | None = None) -> dict:
    return {
        "object": "page",
        "entry": [{"id": "PAGE1", "time": time_ms or now_ms(), "messaging": list(events)}],
    }


def fb_event(psid: str, message: dict, time_ms: int | None = None) -> dict:
    return {
        "sender": {"id": psid},
        "recipient": {"id": "PAGE1"},
        "timestamp": time_ms or now_ms(),
        "message": {"mid": mid(), **message},
    }


def fb_text(psid: str, text: str) -> dict:
    return fb_body(fb_event(psid, {"text": text}))


def fb_image(psid: str, url: str) -> dict:
    return fb_body(fb_event(psid, {"attachments": [{"type": "image", "payload": {"url": url}}]}))


def fb_location(psid: str, lat: float, lon: float) -> dict:
    attachment = {"type": "location", "payload": {"coordinates": {"lat": lat, "long": lon}}}
    return fb_body(fb_event(psid, {"attachments": [attachment]}))


def fb_sign(raw: bytes, secret: str = FB_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def encode(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def post_facebook(client, payload: dict | bytes, *, signature: str | None = "sign", **extra):
    raw = payload if isinstance(payload, bytes) else encode(payload)
    headers = {}
    if signature == "sign":
        headers["X-Hub-Signature-256"] = fb_sign(raw)
    elif signature is not None:
        headers["X-Hub-Signature-256"] = signature
    return client.post(
        "/channels/facebook/webhook",
        data=raw,
        content_type="application/json",
        headers=headers,
        **extra,
    )


# ---- Zalo OA ---------------------------------------------------------------------------------


def zalo_body(event_name: str, sender: str, message: dict, ts: int | None = None) -> dict:
    return {
        "app_id": ZALO_APP_ID,
        "user_id_by_app": "552177279252915555",
        "event_name": event_name,
        "timestamp": str(ts or now_ms()),
        "sender": {"id": sender},
        "recipient": {"id": "388613280878808645"},
        "message": {"msg_id": mid(), **message},
    }


def zalo_text(sender: str, text: str) -> dict:
    return zalo_body("user_send_text", sender, {"text": text})


def zalo_image(sender: str, url: str) -> dict:
    attachment = {"type": "image", "payload": {"thumbnail": url, "url": url}}
    return zalo_body("user_send_image", sender, {"attachments": [attachment]})


def zalo_location(sender: str, lat: float, lon: float) -> dict:
    point = {"coordinates": {"latitude": str(lat), "longitude": str(lon)}}
    return zalo_body(
        "user_send_location", sender, {"attachments": [{"type": "location", "payload": point}]}
    )


def zalo_sign(raw: bytes, timestamp: str, *, app_id: str = ZALO_APP_ID, secret=ZALO_SECRET):
    text = app_id + raw.decode("utf-8") + timestamp + secret
    return "mac=" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def post_zalo(client, payload: dict | bytes, *, signature: str | None = "sign", **extra):
    raw = payload if isinstance(payload, bytes) else encode(payload)
    headers = {}
    if signature == "sign":
        headers["X-ZEvent-Signature"] = zalo_sign(raw, json.loads(raw)["timestamp"])
    elif signature is not None:
        headers["X-ZEvent-Signature"] = signature
    return client.post(
        "/channels/zalo/webhook",
        data=raw,
        content_type="application/json",
        headers=headers,
        **extra,
    )
