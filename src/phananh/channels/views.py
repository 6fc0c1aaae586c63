"""The Messenger and Zalo webhooks: check, store each message once, answer 200 at once.

Order of checks, so a forged or broken request never leaves a trace: channel configured (else
404), body size (413), signature on the raw body (403), JSON (400), freshness of the signed
moment (403, a replay), then the messages are stored and the worker answers them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from phananh.channels import facebook, zalo
from phananh.channels.inbound import inbound_accept
from phananh.channels.social import WEBHOOK_MAX_BYTES, Incoming

_MALFORMED = object()


def _refuse(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


def _read_body(request: HttpRequest) -> bytes | None:
    """The raw body, or None when it is larger than the webhook limit."""
    declared = request.META.get("CONTENT_LENGTH") or ""
    if declared.isdigit() and int(declared) > WEBHOOK_MAX_BYTES:
        return None
    raw = request.read(WEBHOOK_MAX_BYTES + 1)
    return None if len(raw) > WEBHOOK_MAX_BYTES else raw


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _MALFORMED


def _too_large() -> JsonResponse:
    return _refuse(413, "too_large", _("The request body is too large."))


def _bad_signature() -> JsonResponse:
    return _refuse(403, "bad_signature", _("The signature is missing or wrong."))


def _malformed() -> JsonResponse:
    return _refuse(400, "bad_json", _("The request body is not valid JSON."))


def _stale() -> JsonResponse:
    return _refuse(403, "stale", _("This delivery is too old to be taken (a replay?)."))


def _accept(platform: str, events: Iterable[Incoming]) -> int:
    accepted = 0
    with transaction.atomic():
        for incoming in events:
            accepted += inbound_accept(platform=platform, incoming=incoming) is not None
    return accepted


@csrf_exempt
@require_http_methods(["GET", "POST"])
def facebook_webhook(request: HttpRequest) -> HttpResponse:
    """Messenger: the subscription handshake (GET) and signed message events (POST)."""
    if not facebook.is_configured():
        raise Http404("Messenger is not configured.")
    if request.method == "GET":
        challenge = facebook.verify_challenge(request.GET)
        if challenge is None:
            return _refuse(403, "bad_verify_token", _("The verification token is wrong."))
        return HttpResponse(challenge, content_type="text/plain; charset=utf-8")
    raw = _read_body(request)
    if raw is None:
        return _too_large()
    header = request.META.get(facebook.SIGNATURE_HEADER)
    if not facebook.signature_valid(raw, header, settings.FACEBOOK_APP_SECRET):
        return _bad_signature()
    payload = _json(raw)
    if payload is _MALFORMED:
        return _malformed()
    events = facebook.parse_events(payload)
    if events and not facebook.delivery_fresh(payload):
        return _stale()
    _accept(facebook.PLATFORM, events)
    return HttpResponse("EVENT_RECEIVED", content_type="text/plain")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def zalo_webhook(request: HttpRequest) -> HttpResponse:
    """Zalo OA: signed events (POST); a GET only tells the console the address is live."""
    if not zalo.is_configured():
        raise Http404("Zalo is not configured.")
    if request.method == "GET":
        return JsonResponse({"status": "ok"})
    raw = _read_body(request)
    if raw is None:
        return _too_large()
    header = request.META.get(zalo.SIGNATURE_HEADER)
    if not header:
        return _bad_signature()
    payload = _json(raw)
    if payload is _MALFORMED:
        return _malformed()
    if not zalo.signature_valid(
        raw, header, app_id=settings.ZALO_APP_ID, secret=settings.ZALO_OA_SECRET
    ):
        return _bad_signature()
    events = zalo.parse_events(payload)
    if events and not zalo.delivery_fresh(payload):
        return _stale()
    _accept(zalo.PLATFORM, events)
    return JsonResponse({"status": "received"})
