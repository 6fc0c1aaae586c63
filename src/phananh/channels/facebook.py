"""Facebook Messenger: the webhook's signature and events, and the Send API adapter.

Formulas and links are in docs/channels-social.md. In short:

* verification: GET ?hub.mode=subscribe&hub.verify_token=T&hub.challenge=C → C when T matches;
* events: POST signed with ``X-Hub-Signature-256: sha256=`` + hex(HMAC-SHA256(app secret, raw
  body)); ``entry[].messaging[]`` holds messages (text, image/video/location attachments) and
  postbacks (the "Get started" button);
* sending: POST ``$PHANANH_FACEBOOK_GRAPH_URL/me/messages?access_token=…`` with
  ``{"recipient": {"id": PSID}, "messaging_type": …, "message": {"text": …}}``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import urllib.parse
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings

from phananh.channels.models import InboundKind, Platform
from phananh.channels.social import (
    Incoming,
    coordinate,
    is_fresh,
    moment_from_millis,
    split_text,
)
from phananh.channels.webclient import WebClient, WebError, default_client

if TYPE_CHECKING:
    from phananh.channels.webclient import WebResponse
    from phananh.notifications.models import Notification

PLATFORM = Platform.FACEBOOK
SIGNATURE_HEADER = "HTTP_X_HUB_SIGNATURE_256"
# Graph API error codes worth retrying: temporary failures and rate limits.
_RETRYABLE_CODES = {1, 2, 4, 17, 32, 341, 368, 613}
# Outbox kinds that answer the person's own message (inside the 24-hour window); every other
# kind is a later update about their report, sent with a message tag.
REPLY_KINDS = frozenset({"chat_reply"})
UPDATE_TAG = "ACCOUNT_UPDATE"
_CHALLENGE = re.compile(r"[A-Za-z0-9_.-]{1,256}")


def is_configured() -> bool:
    """The webhook runs only with an app secret (signatures) and a verify token (handshake)."""
    return bool(settings.FACEBOOK_APP_SECRET and settings.FACEBOOK_VERIFY_TOKEN)


def expected_signature(raw: bytes, secret: str) -> str:
    """The header value Meta sends for this body: ``sha256=`` + hex HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), raw, hashlib.sha256).hexdigest()


def signature_valid(raw: bytes, header: str | None, secret: str) -> bool:
    """Check ``X-Hub-Signature-256`` in constant time, on the body exactly as received."""
    if not header or not secret:
        return False
    scheme, _sep, digest = header.strip().partition("=")
    if scheme.lower() != "sha256" or not digest:
        return False
    expected = expected_signature(raw, secret).partition("=")[2]
    return hmac.compare_digest(expected.encode(), digest.strip().lower().encode("utf-8", "replace"))


def verify_challenge(params: Mapping[str, str]) -> str | None:
    """The challenge to echo for a subscription handshake, or None when the token is wrong."""
    token = params.get("hub.verify_token", "")
    expected = settings.FACEBOOK_VERIFY_TOKEN
    if params.get("hub.mode") != "subscribe" or not expected:
        return None
    if not hmac.compare_digest(token.encode("utf-8"), expected.encode("utf-8")):
        return None
    challenge = params.get("hub.challenge", "")
    # Meta sends digits; anything else is not echoed back (no markup in our answer).
    return challenge if _CHALLENGE.fullmatch(challenge) else None


def delivery_fresh(payload: Any) -> bool:
    """Whether the signed body's newest ``entry[].time`` is recent (an old body is a replay)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
        return False
    moments = [
        moment_from_millis(entry.get("time"))
        for entry in payload["entry"]
        if isinstance(entry, dict)
    ]
    known = [m for m in moments if m is not None]
    return bool(known) and is_fresh(max(known))


def _media(attachment: dict) -> dict | None:
    payload = attachment.get("payload") or {}
    if not isinstance(payload, dict):
        return None
    url = payload.get("url")
    # The thumbs-up and other stickers come as images with a sticker id: not evidence.
    if attachment.get("type") not in {"image", "video"} or payload.get("sticker_id") or not url:
        return None
    return {"type": attachment["type"], "url": str(url)}


def _location(attachment: dict) -> tuple[float, float] | None:
    if attachment.get("type") != "location":
        return None
    coordinates = (attachment.get("payload") or {}).get("coordinates") or {}
    lat, lon = coordinate(coordinates.get("lat")), coordinate(coordinates.get("long"))
    return (lat, lon) if lat is not None and lon is not None else None


def _message(event: dict[str, Any], sender: str, sent_at: datetime) -> Incoming | None:
    message = event["message"]
    if not isinstance(message, dict) or message.get("is_echo"):
        return None
    mid = str(message.get("mid") or "")
    if not mid:
        return None
    attachments = [a for a in message.get("attachments") or [] if isinstance(a, dict)]
    media = [m for m in map(_media, attachments) if m]
    place = next((p for p in map(_location, attachments) if p), None)
    raw_text = message.get("text")
    text = raw_text if isinstance(raw_text, str) else ""
    if place:
        kind = InboundKind.LOCATION
    elif media:
        kind = InboundKind.MEDIA
    elif text:
        kind = InboundKind.TEXT
    else:
        kind = InboundKind.OTHER
    return Incoming(
        message_id=mid,
        sender_id=sender,
        sent_at=sent_at,
        kind=kind,
        text=text,
        attachments=media,
        lat=place[0] if place else None,
        lon=place[1] if place else None,
    )


def parse_events(payload: Any) -> list[Incoming]:
    """The messages and "Get started" postbacks in a webhook body; everything else is ignored."""
    if not isinstance(payload, dict) or payload.get("object") != "page":
        return []
    found: list[Incoming] = []
    for entry in payload.get("entry") or []:
        if not isinstance(entry, dict):
            continue
        for event in entry.get("messaging") or []:
            if not isinstance(event, dict):
                continue
            sender = str((event.get("sender") or {}).get("id") or "")
            sent_at = moment_from_millis(event.get("timestamp") or entry.get("time"))
            if not sender or sent_at is None:
                continue
            if "message" in event:
                incoming = _message(event, sender, sent_at)
            elif isinstance(event.get("postback"), dict):
                postback = event["postback"]
                mid = postback.get("mid") or f"postback:{sender}:{event.get('timestamp')}"
                incoming = Incoming(
                    message_id=str(mid), sender_id=sender, sent_at=sent_at, kind=InboundKind.START
                )
            else:
                incoming = None  # deliveries, reads, reactions…
            if incoming is not None:
                found.append(incoming)
    return found


def _raise_for(response: WebResponse) -> None:
    if 200 <= response.status < 300:
        return
    from phananh.notifications.adapters import DeliveryRefused

    body = response.json()
    error = body.get("error", {}) if isinstance(body, dict) else {}
    error = error if isinstance(error, dict) else {}
    code = error.get("code")
    detail = f"Messenger Send API answered HTTP {response.status}"
    if error:
        detail += f": code {code}, subcode {error.get('error_subcode')}: "
        detail += str(error.get("message", ""))[:300]
    if response.status >= 500 or response.status == 429 or code in _RETRYABLE_CODES:
        raise RuntimeError(detail)
    raise DeliveryRefused(detail)


def send_notification(notification: Notification, *, client: WebClient | None = None) -> None:
    """Outbox adapter: send the notification's body to the Messenger user ``notification.to``."""
    from phananh.notifications.adapters import DeliveryRefused

    token = settings.FACEBOOK_PAGE_TOKEN
    if not token:
        raise DeliveryRefused("Messenger is not configured (PHANANH_FACEBOOK_PAGE_TOKEN is empty)")
    query = {"access_token": token}
    if settings.FACEBOOK_APP_SECRET:
        # Graph API's proof that the caller also holds the app secret.
        query["appsecret_proof"] = hmac.new(
            settings.FACEBOOK_APP_SECRET.encode(), token.encode(), hashlib.sha256
        ).hexdigest()
    url = f"{settings.FACEBOOK_GRAPH_URL}/me/messages?{urllib.parse.urlencode(query)}"
    if notification.kind in REPLY_KINDS:
        kind: dict[str, str] = {"messaging_type": "RESPONSE"}
    else:
        kind = {"messaging_type": "MESSAGE_TAG", "tag": UPDATE_TAG}
    client = client or default_client()
    for part in split_text(notification.body):
        payload = {"recipient": {"id": notification.to}, **kind, "message": {"text": part}}
        try:
            response = client.post_json(url, payload)
        except WebError as error:
            raise RuntimeError(f"Messenger Send API unreachable: {error}") from error
        _raise_for(response)
