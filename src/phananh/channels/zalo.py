"""Zalo Official Account: the webhook's signature and events, and the OA message API adapter.

Formulas and links are in docs/channels-social.md. In short:

* events: POST signed with ``X-ZEvent-Signature: mac=`` + hex(SHA-256(app id + raw body +
  timestamp + OA secret key)), where the timestamp is the body's own ``timestamp`` field;
* ``user_send_text``, ``user_send_image`` (``message.attachments[].payload.url``),
  ``user_send_location`` (``payload.coordinates.latitude/longitude``) and ``follow`` are taken;
* sending: POST ``$PHANANH_ZALO_API_URL/v3.0/oa/message/cs`` with the header
  ``access_token`` and ``{"recipient": {"user_id": …}, "message": {"text": …}}``; the answer is
  HTTP 200 with ``{"error": 0, …}`` on success and a non-zero ``error`` otherwise.
"""

from __future__ import annotations

import hashlib
import hmac
import json
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

PLATFORM = Platform.ZALO
SIGNATURE_HEADER = "HTTP_X_ZEVENT_SIGNATURE"
MESSAGE_PATH = "/v3.0/oa/message/cs"
# Zalo errors retrying cannot fix: bad parameters, a user who does not follow or blocked the OA.
_REFUSED_CODES = {-201, -213}


def is_configured() -> bool:
    return bool(settings.ZALO_APP_ID and settings.ZALO_OA_SECRET)


def signed_timestamp(raw: bytes) -> str | None:
    """The body's ``timestamp`` field as the text that takes part in the signature."""
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("timestamp") in (None, ""):
        return None
    value = payload["timestamp"]
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def expected_signature(raw: bytes, *, app_id: str, secret: str, timestamp: str) -> str:
    """``mac=`` + hex SHA-256 of app id + raw body + timestamp + OA secret key, in that order."""
    digest = hashlib.sha256(
        app_id.encode("utf-8") + raw + timestamp.encode("utf-8") + secret.encode("utf-8")
    ).hexdigest()
    return f"mac={digest}"


def signature_valid(raw: bytes, header: str | None, *, app_id: str, secret: str) -> bool:
    """Check ``X-ZEvent-Signature`` in constant time, on the body exactly as received."""
    if not header or not app_id or not secret:
        return False
    timestamp = signed_timestamp(raw)
    if timestamp is None:
        return False
    value = header.strip()
    # Zalo writes "mac=<hex>"; the bare hex is taken too.
    digest = value[4:] if value.lower().startswith("mac=") else value
    expected = expected_signature(raw, app_id=app_id, secret=secret, timestamp=timestamp)[4:]
    return hmac.compare_digest(expected.encode(), digest.strip().lower().encode("utf-8", "replace"))


def delivery_fresh(payload: Any) -> bool:
    """Whether the signed ``timestamp`` is recent (an old body is a replay)."""
    return isinstance(payload, dict) and is_fresh(moment_from_millis(payload.get("timestamp")))


def _attachments(message: dict) -> list[dict]:
    return [a for a in message.get("attachments") or [] if isinstance(a, dict)]


def _location(message: dict) -> tuple[float, float] | None:
    candidates = [
        (a.get("payload") or {}).get("coordinates") or {}
        for a in _attachments(message)
        if a.get("type") == "location"
    ]
    if isinstance(message.get("location"), dict):
        candidates.append(message["location"])
    for point in candidates:
        if not isinstance(point, dict):
            continue
        lat = coordinate(point.get("latitude", point.get("lat")))
        lon = coordinate(point.get("longitude", point.get("long", point.get("lon"))))
        if lat is not None and lon is not None:
            return lat, lon
    return None


def parse_events(payload: Any) -> list[Incoming]:
    """The one event in a webhook body when it is a message or a follow; else nothing."""
    if not isinstance(payload, dict):
        return []
    name = payload.get("event_name")
    sent_at = moment_from_millis(payload.get("timestamp"))
    raw_message = payload.get("message")
    message = raw_message if isinstance(raw_message, dict) else {}
    if name == "follow":
        sender = str((payload.get("follower") or {}).get("id") or "")
        if not sender or sent_at is None:
            return []
        return [
            Incoming(
                message_id=f"follow:{sender}:{payload.get('timestamp')}",
                sender_id=sender,
                sent_at=sent_at,
                kind=InboundKind.START,
            )
        ]
    if name not in {"user_send_text", "user_send_image", "user_send_location"}:
        return []
    sender = str((payload.get("sender") or {}).get("id") or "")
    mid = str(message.get("msg_id") or message.get("mid") or "")
    if not sender or not mid or sent_at is None:
        return []
    raw_text = message.get("text")
    text = raw_text if isinstance(raw_text, str) else ""
    if name == "user_send_location":
        place = _location(message)
        if place is None:
            return []
        return [
            Incoming(
                message_id=mid,
                sender_id=sender,
                sent_at=sent_at,
                kind=InboundKind.LOCATION,
                lat=place[0],
                lon=place[1],
            )
        ]
    if name == "user_send_image":
        media = [
            {"type": "image", "url": str(a["payload"]["url"])}
            for a in _attachments(message)
            if a.get("type") == "image"
            and isinstance(a.get("payload"), dict)
            and a["payload"].get("url")
        ]
        if not media:
            return []
        return [
            Incoming(
                message_id=mid,
                sender_id=sender,
                sent_at=sent_at,
                kind=InboundKind.MEDIA,
                text=text,
                attachments=media,
            )
        ]
    if not text:
        return []
    return [
        Incoming(
            message_id=mid, sender_id=sender, sent_at=sent_at, kind=InboundKind.TEXT, text=text
        )
    ]


def _raise_for(response: WebResponse) -> None:
    from phananh.notifications.adapters import DeliveryRefused

    body = response.json()
    if 200 <= response.status < 300 and isinstance(body, dict) and body.get("error") == 0:
        return
    if not isinstance(body, dict) or "error" not in body:
        detail = f"Zalo OA API answered HTTP {response.status} without a result"
        raise RuntimeError(detail)
    code = body.get("error")
    detail = f"Zalo OA API error {code}: {str(body.get('message', ''))[:300]}"
    if code in _REFUSED_CODES:
        raise DeliveryRefused(detail)
    raise RuntimeError(detail)


def send_notification(notification: Notification, *, client: WebClient | None = None) -> None:
    """Outbox adapter: send the notification's body to the Zalo follower ``notification.to``."""
    from phananh.notifications.adapters import DeliveryRefused

    token = settings.ZALO_ACCESS_TOKEN
    if not token:
        raise DeliveryRefused("Zalo is not configured (PHANANH_ZALO_ACCESS_TOKEN is empty)")
    url = settings.ZALO_API_URL + MESSAGE_PATH
    client = client or default_client()
    for part in split_text(notification.body):
        payload = {"recipient": {"user_id": notification.to}, "message": {"text": part}}
        try:
            response = client.post_json(url, payload, headers={"access_token": token})
        except WebError as error:
            raise RuntimeError(f"Zalo OA API unreachable: {error}") from error
        _raise_for(response)
