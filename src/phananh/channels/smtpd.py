"""`phananh smtpd`: an SMTP receiver (aiosmtpd) for the intake address, in front of email_receive.

Put it behind the city's mail exchanger (which does spam filtering, TLS and SPF/DKIM/DMARC) and
relay the intake address to it; see docs/channels.md. Only the intake address is accepted
(anything else: 550); a message larger than PHANANH_INTAKE_EMAIL_MAX_BYTES is refused (552) while
it is sent; a database failure answers 451 so the sending server tries again later.
"""

from __future__ import annotations

import asyncio
import logging

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.conf import settings
from django.db import close_old_connections, connection

from phananh.channels.email_intake import email_receive

logger = logging.getLogger(__name__)


def _receive(raw: bytes) -> str:
    _tidy_connection()
    try:
        result = email_receive(raw)
    finally:
        _tidy_connection()
    return result.outcome


class IntakeHandler:
    """aiosmtpd hooks: accept mail for the intake address, hand each message to the intake."""

    def __init__(self, address: str | None = None) -> None:
        self.address = (address or settings.INTAKE_EMAIL).strip().lower()

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address.strip().lower() != self.address:
            return "550 5.1.1 No such recipient here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content or b""
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        if len(content) > settings.INTAKE_EMAIL_MAX_BYTES:
            return "552 5.3.4 Message too big"
        # As a delivering MTA does: the envelope sender, so bounces (MAIL FROM:<>) are known.
        raw = b"Return-Path: <" + (envelope.mail_from or "").encode("utf-8", "replace") + b">\r\n"
        try:
            outcome = await asyncio.to_thread(_receive, raw + content)
        except Exception:
            logger.exception("could not take in a message from %s", envelope.mail_from)
            return "451 4.3.0 Temporary failure, please try again later"
        return f"250 2.0.0 Message accepted ({outcome})"


def smtpd_controller(*, host: str | None = None, port: int | None = None) -> Controller:
    """A receiver ready to start (in its own thread) on the configured or given address."""
    # aiosmtpd logs every SMTP command at INFO; the intake logs each message's outcome.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    return Controller(
        IntakeHandler(),
        hostname=host or settings.SMTPD_HOST,
        port=settings.SMTPD_PORT if port is None else port,
        data_size_limit=settings.INTAKE_EMAIL_MAX_BYTES,
        enable_SMTPUTF8=True,
        decode_data=False,
        ready_timeout=10,
    )


def _tidy_connection() -> None:
    """Drop a broken or expired database connection between messages (a long-running process);
    never inside a transaction (tests run the intake inside theirs)."""
    if not connection.in_atomic_block:
        close_old_connections()
