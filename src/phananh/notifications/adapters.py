"""Send adapters: how one outbox row leaves the building, one function per channel.

The contract, for anyone adding a channel (Facebook Messenger, Zalo OA, …):

* An adapter is ``send(notification) -> None``. It delivers ``notification.body`` (and
  ``notification.subject`` where the channel has one) to ``notification.to``, whose meaning is the
  channel's: an email address (``email``), a phone number in international or national form
  (``sms``), the platform's recipient id (``facebook``: the page-scoped id, ``zalo``: the follower's
  user id). ``notification.kind`` and ``notification.report_id`` are there for logging and for
  adapters that add buttons or links.
* It returns only once the provider accepted the message. On any failure it raises: the message
  (``str(exc)``) is kept as ``last_error`` and the outbox retries on its schedule (5 minutes,
  then every 30 minutes, for a day). Raise :class:`DeliveryRefused` when retrying cannot help
  (the recipient blocked the page, the address does not exist): the row fails at once.
* It must not touch the database for the notification itself (the outbox records the result)
  and must bound its own network time (a timeout on every request).
* Register it once at import time of your app, e.g. in ``AppConfig.ready()``::

      from phananh.notifications.adapters import register_adapter
      register_adapter("facebook", send_messenger)

  Registering a channel again replaces its adapter; tests stand in for a provider with
  ``with adapter_override("facebook", fake): ...``, which restores the real one after.

Built in: ``email`` (Django's mail backend) and ``sms`` (an HTTP gateway, wire format in
:func:`send_sms` and docs/channels.md). A row whose channel has no adapter fails at once with
``last_error`` naming the channel.
"""

from __future__ import annotations

import json
import logging
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage

from phananh.notifications.choices import OptionalKind

if TYPE_CHECKING:
    from phananh.notifications.models import Notification

logger = logging.getLogger(__name__)

Adapter = Callable[["Notification"], None]

# Kinds whose email answers a message someone sent us (RFC 3834 "auto-replied"); every other
# email we send is "auto-generated". Either value keeps auto-responders from answering back.
REPLY_KINDS = frozenset({"email_reply"})
# Kinds written to a report's reporter about it (notifications.choices.OptionalKind values).
REPORTER_KINDS = frozenset(OptionalKind.values)


class DeliveryRefused(Exception):
    """The provider refused the message for good: retrying cannot help."""


class UnknownChannel(DeliveryRefused):
    """No adapter is registered for the notification's channel."""


_registry: dict[str, Adapter] = {}
_lock = threading.Lock()


def register_adapter(channel: str, send: Adapter) -> None:
    """Make `send` the adapter for `channel` (replacing any earlier one)."""
    if not channel or not callable(send):
        raise ValueError("register_adapter needs a channel name and a callable")
    with _lock:
        _registry[channel] = send


def unregister_adapter(channel: str) -> None:
    """Forget a channel's adapter (tests restoring the registry)."""
    with _lock:
        _registry.pop(channel, None)


@contextmanager
def adapter_override(channel: str, send: Adapter) -> Iterator[None]:
    """Use `send` for `channel` inside the block, then restore what was there (for tests)."""
    with _lock:
        previous = _registry.get(channel)
        _registry[channel] = send
    try:
        yield
    finally:
        with _lock:
            if previous is None:
                _registry.pop(channel, None)
            else:
                _registry[channel] = previous


def adapter_for(channel: str) -> Adapter:
    """The adapter for a channel; raises UnknownChannel when none is registered."""
    try:
        return _registry[channel]
    except KeyError:
        raise UnknownChannel(f"no send adapter is registered for channel {channel!r}") from None


def registered_channels() -> list[str]:
    """The channels that can be delivered, sorted (for the admin and the docs)."""
    return sorted(_registry)


def send_email(notification: Notification) -> None:
    """Send through Django's configured mail backend (SMTP in production)."""
    auto = "auto-replied" if notification.kind in REPLY_KINDS else "auto-generated"
    headers = {"Auto-Submitted": auto, "X-Auto-Response-Suppress": "All"}
    # The queued message's own headers (List-Unsubscribe…), never overriding ours.
    for name, value in (notification.headers or {}).items():
        headers.setdefault(str(name), str(value))
    # A reporter answers by replying: the reply goes to the intake address (docs/channels.md).
    if settings.INTAKE_EMAIL and notification.kind in REPLY_KINDS | REPORTER_KINDS:
        headers["Reply-To"] = settings.INTAKE_EMAIL
    message = EmailMessage(
        subject=notification.subject,
        body=notification.body,
        to=[notification.to],
        headers=headers,
    )
    if message.send() != 1:
        raise RuntimeError("the mail backend did not accept the message")


def send_sms(notification: Notification) -> None:
    """POST one text message to the HTTP SMS gateway.

    Wire format (``PHANANH_SMS_GATEWAY_FORMAT=json``, the default)::

        POST $PHANANH_SMS_GATEWAY_URL
        Authorization: Bearer $PHANANH_SMS_GATEWAY_TOKEN
        Content-Type: application/json; charset=utf-8
        Idempotency-Key: phananh-<notification id>

        {"to": "+84905123456", "text": "<the body, UTF-8>", "reference": "phananh-<id>"}

    With ``form`` the same three fields go as ``application/x-www-form-urlencoded`` and the token
    also as a ``token`` field (for gateways that cannot read headers). Any 2xx answer means
    accepted; 4xx other than 408/429 is a refusal (no retry); anything else, or no answer within
    ``PHANANH_SMS_GATEWAY_TIMEOUT`` seconds, is retried.
    """
    url = settings.SMS_GATEWAY_URL
    if not url:
        raise DeliveryRefused("SMS gateway not configured (PHANANH_SMS_GATEWAY_URL is empty)")
    reference = f"phananh-{notification.pk}"
    # The subject is for email; a text message carries the body alone (it names the report).
    text = notification.body
    fields = {"to": notification.to, "text": text, "reference": reference}
    headers = {"Idempotency-Key": reference, "User-Agent": "phananh"}
    token = settings.SMS_GATEWAY_TOKEN
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if settings.SMS_GATEWAY_FORMAT == "form":
        if token:
            fields["token"] = token
        data = urllib.parse.urlencode(fields).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    else:
        data = json.dumps(fields, ensure_ascii=False).encode()
        headers["Content-Type"] = "application/json; charset=utf-8"
    if not url.startswith(("https://", "http://")):
        raise DeliveryRefused("PHANANH_SMS_GATEWAY_URL must be an http(s) URL")
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.SMS_GATEWAY_TIMEOUT) as response:  # noqa: S310
            status = response.status
            detail = response.read(500).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status = error.code
        detail = error.read(500).decode("utf-8", "replace")
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise RuntimeError(f"SMS gateway unreachable: {error}") from error
    if 200 <= status < 300:
        return
    message = f"SMS gateway answered HTTP {status}: {detail.strip()[:300]}"
    if 400 <= status < 500 and status not in (408, 429):
        raise DeliveryRefused(message)
    raise RuntimeError(message)


register_adapter("email", send_email)
register_adapter("sms", send_sms)
