"""The Messenger and Zalo webhooks: handshakes, signatures, limits, replays, unknown events."""

from __future__ import annotations

import json

import pytest

from phananh.channels.models import Conversation, InboundMessage
from phananh.channels.social import WEBHOOK_MAX_BYTES
from phananh.channels.tests.conftest import (
    FB_VERIFY_TOKEN,
    encode,
    fb_body,
    fb_event,
    fb_sign,
    fb_text,
    now_ms,
    post_facebook,
    post_zalo,
    zalo_body,
    zalo_sign,
    zalo_text,
)
from phananh.notifications.models import Notification

pytestmark = pytest.mark.django_db


def nothing_written() -> bool:
    return (
        not InboundMessage.objects.exists()
        and not Conversation.objects.exists()
        and not Notification.objects.exists()
    )


# ---- configuration and handshakes -------------------------------------------------------------


def test_webhooks_are_not_found_until_configured(client, settings):
    settings.FACEBOOK_APP_SECRET = settings.FACEBOOK_VERIFY_TOKEN = ""
    settings.ZALO_APP_ID = settings.ZALO_OA_SECRET = ""
    assert client.get("/channels/facebook/webhook").status_code == 404
    assert post_facebook(client, fb_text("1", "hello")).status_code == 404
    assert client.get("/channels/zalo/webhook").status_code == 404
    assert post_zalo(client, zalo_text("1", "hello")).status_code == 404
    assert nothing_written()


def test_facebook_verification_handshake(client, social):
    url = "/channels/facebook/webhook"
    good = {
        "hub.mode": "subscribe",
        "hub.verify_token": FB_VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    response = client.get(url, good)
    assert response.status_code == 200
    assert response.content == b"1158201444"
    assert client.get(url, {**good, "hub.verify_token": "guess"}).status_code == 403
    assert client.get(url, {**good, "hub.mode": "unsubscribe"}).status_code == 403
    assert (
        client.get(url, {k: v for k, v in good.items() if k != "hub.verify_token"}).status_code
        == 403
    )
    assert client.get(url, {**good, "hub.challenge": "<script>"}).status_code == 403


def test_zalo_get_tells_the_console_the_address_is_live(client, social):
    assert client.get("/channels/zalo/webhook").status_code == 200
    assert client.put("/channels/zalo/webhook").status_code == 405


# ---- Facebook signatures ----------------------------------------------------------------------


def test_facebook_refuses_a_tampered_body(client, social):
    raw = encode(fb_text("24587", "Đèn đường hỏng"))
    signature = fb_sign(raw)
    tampered = raw.replace("hỏng".encode(), "tốt".encode())
    response = post_facebook(client, tampered, signature=signature)
    assert response.status_code == 403
    assert response.json()["code"] == "bad_signature"
    assert nothing_written()


@pytest.mark.parametrize(
    "signature",
    [
        None,  # missing
        "",
        "sha256=",
        "sha256=" + "0" * 64,
        "sha1=abc",
        "sha256=zzzz",
        "sha256=éé",
    ],
)
def test_facebook_refuses_missing_or_wrong_signatures(client, social, signature):
    assert post_facebook(client, fb_text("24587", "hello"), signature=signature).status_code == 403
    assert nothing_written()


def test_facebook_refuses_a_body_signed_with_another_secret(client, social):
    raw = encode(fb_text("24587", "hello"))
    assert post_facebook(client, raw, signature=fb_sign(raw, "not-the-secret")).status_code == 403
    assert nothing_written()


def test_facebook_signature_is_checked_on_the_raw_bytes(
    client, social, django_capture_on_commit_callbacks
):
    # Meta escapes non-ASCII characters; the same JSON written differently has another signature.
    payload = fb_text("24587", "Rác ở kiệt 5")
    escaped = json.dumps(payload).encode()
    assert post_facebook(client, escaped, signature=fb_sign(encode(payload))).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert post_facebook(client, escaped).status_code == 200
    assert InboundMessage.objects.get().text == "Rác ở kiệt 5"


def test_facebook_replays_are_harmless_or_refused(
    client, social, django_capture_on_commit_callbacks
):
    raw = encode(fb_text("24587", "hello"))
    with django_capture_on_commit_callbacks(execute=True):
        assert post_facebook(client, raw).status_code == 200
        assert post_facebook(client, raw).status_code == 200  # a redelivery
    assert InboundMessage.objects.count() == 1
    assert Notification.objects.count() == 1
    assert len(social.sent) == 1
    # A signed delivery from two days ago is a replay.
    old = now_ms(-2 * 24 * 3600)
    stale = encode(fb_body(fb_event("999", {"text": "hello"}, old), time_ms=old))
    response = post_facebook(client, stale)
    assert response.status_code == 403
    assert response.json()["code"] == "stale"
    assert not InboundMessage.objects.filter(sender_id="999").exists()


def test_facebook_malformed_and_oversized_bodies(client, social):
    raw = b'{"object": "page", "entry": ['
    assert post_facebook(client, raw).status_code == 400
    big = b'{"object": "page", "pad": "' + b"x" * WEBHOOK_MAX_BYTES + b'"}'
    assert post_facebook(client, big).status_code == 413
    assert post_facebook(client, b"\xff\xfe").status_code == 400
    assert nothing_written()


def test_facebook_ignores_what_is_not_a_message(client, social, django_capture_on_commit_callbacks):
    base = {"sender": {"id": "24587"}, "recipient": {"id": "PAGE1"}, "timestamp": now_ms()}
    body = fb_body(
        {**base, "delivery": {"mids": ["m_1"], "watermark": now_ms()}},
        {**base, "read": {"watermark": now_ms()}},
        {**base, "message": {"mid": "m_echo", "is_echo": True, "text": "our own answer"}},
        {**base, "reaction": {"mid": "m_1", "action": "react", "emoji": "👍"}},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert post_facebook(client, body).status_code == 200
        assert post_facebook(client, {"object": "instagram", "entry": []}).status_code == 200
        assert post_facebook(client, [1, 2, 3]).status_code == 200
    assert nothing_written()


# ---- Zalo signatures --------------------------------------------------------------------------


def test_zalo_refuses_tampered_and_unsigned_bodies(client, social):
    payload = zalo_text("246845883529197922", "Đèn đường hỏng")
    raw = encode(payload)
    good = zalo_sign(raw, payload["timestamp"])
    tampered = raw.replace("hỏng".encode(), "tốt".encode())
    assert post_zalo(client, tampered, signature=good).status_code == 403
    assert post_zalo(client, raw, signature=None).status_code == 403
    assert post_zalo(client, raw, signature="mac=").status_code == 403
    wrong_secret = zalo_sign(raw, payload["timestamp"], secret="not-the-secret")
    assert post_zalo(client, raw, signature=wrong_secret).status_code == 403
    other_app = zalo_sign(raw, payload["timestamp"], app_id="1")
    assert post_zalo(client, raw, signature=other_app).status_code == 403
    # The timestamp is part of the signature: changing it breaks it.
    moved = encode({**payload, "timestamp": str(int(payload["timestamp"]) + 1)})
    assert post_zalo(client, moved, signature=good).status_code == 403
    assert nothing_written()


def test_zalo_accepts_the_documented_signature(client, social, django_capture_on_commit_callbacks):
    payload = zalo_text("246845883529197922", "Đèn đường hỏng")
    raw = encode(payload)
    bare = zalo_sign(raw, payload["timestamp"]).removeprefix("mac=")
    with django_capture_on_commit_callbacks(execute=True):
        assert post_zalo(client, raw).status_code == 200
        # Some consoles show the bare hex; it is the same signature.
        assert post_zalo(client, raw, signature=bare).status_code == 200
    assert InboundMessage.objects.count() == 1


def test_zalo_replays_and_malformed_bodies(client, social, django_capture_on_commit_callbacks):
    raw = encode(zalo_text("246845883529197922", "hello"))
    with django_capture_on_commit_callbacks(execute=True):
        assert post_zalo(client, raw).status_code == 200
        assert post_zalo(client, raw).status_code == 200
    assert InboundMessage.objects.count() == 1
    assert len(social.sent) == 1
    stale = zalo_text("777", "hello")
    stale["timestamp"] = str(now_ms(-2 * 24 * 3600))
    assert post_zalo(client, stale).status_code == 403
    assert not InboundMessage.objects.filter(sender_id="777").exists()
    assert post_zalo(client, b"{not json", signature="mac=00").status_code == 400
    big = b'{"timestamp": "1", "pad": "' + b"x" * WEBHOOK_MAX_BYTES + b'"}'
    assert post_zalo(client, big, signature="mac=00").status_code == 413


def test_zalo_ignores_unknown_events(client, social, django_capture_on_commit_callbacks):
    sticker = zalo_body("user_send_sticker", "1", {"attachments": [{"type": "sticker"}]})
    echo = zalo_body("oa_send_text", "388613280878808645", {"text": "our own answer"})
    seen = zalo_body("user_seen_message", "1", {"msg_ids": ["a"]})
    with django_capture_on_commit_callbacks(execute=True):
        for payload in (sticker, echo, seen, {"timestamp": str(now_ms())}):
            assert post_zalo(client, payload).status_code == 200
    assert nothing_written()
