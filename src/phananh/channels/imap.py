"""`phananh imap-poll`: read the intake mailbox over IMAP and hand each new message to the intake.

PHANANH_IMAP_URL names the mailbox: ``imaps://user:password@host[:993]/INBOX`` (TLS), or
``imap://…`` (plain, upgraded with STARTTLS when the server offers it). User and password are
percent-decoded, so an address as user name is written ``reports%40example.org``. Unread messages
are fetched without marking them (``BODY.PEEK[]``); a message is flagged ``\\Seen`` only once the
intake has taken it in, so one that failed (the database was down) is read again next time.
"""

from __future__ import annotations

import imaplib
import logging
import ssl
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.db import close_old_connections, connection

from phananh.channels.email_intake import email_receive

logger = logging.getLogger(__name__)
BATCH = 100


@dataclass(frozen=True)
class Mailbox:
    secure: bool
    host: str
    port: int
    user: str
    password: str
    folder: str


def mailbox_from_url(url: str) -> Mailbox:
    """Read PHANANH_IMAP_URL; raises ValueError saying what is wrong."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("imap", "imaps"):
        raise ValueError("PHANANH_IMAP_URL must start with imaps:// or imap://")
    if not parts.hostname or not parts.username:
        raise ValueError("PHANANH_IMAP_URL needs a user and a host: imaps://user:pass@host/INBOX")
    secure = parts.scheme == "imaps"
    return Mailbox(
        secure=secure,
        host=parts.hostname,
        port=parts.port or (993 if secure else 143),
        user=unquote(parts.username),
        password=unquote(parts.password or ""),
        folder=unquote(parts.path.lstrip("/")) or "INBOX",
    )


def _connect(box: Mailbox, timeout: float) -> imaplib.IMAP4:
    context = ssl.create_default_context()
    if box.secure:
        client: imaplib.IMAP4 = imaplib.IMAP4_SSL(
            box.host, box.port, ssl_context=context, timeout=timeout
        )
    else:
        client = imaplib.IMAP4(box.host, box.port, timeout=timeout)
        if "STARTTLS" in client.capabilities:
            client.starttls(ssl_context=context)
    client.login(box.user, box.password)
    return client


def imap_poll_once(url: str, *, timeout: float = 60) -> dict[str, int]:
    """Take in every unread message once; returns how many ended how (by outcome)."""
    box = mailbox_from_url(url)
    client = _connect(box, timeout)
    counts: dict[str, int] = {}
    try:
        status, _data = client.select(_quoted(box.folder))
        if status != "OK":
            raise RuntimeError(f"cannot open mailbox {box.folder!r}")
        status, data = client.uid("SEARCH", "UNSEEN")
        uids = (data[0] or b"").split() if status == "OK" and data else []
        for uid in uids[:BATCH]:
            outcome = _take(client, uid)
            counts[outcome] = counts.get(outcome, 0) + 1
    finally:
        try:
            client.logout()
        except Exception:  # the session is over either way
            logger.debug("IMAP logout failed", exc_info=True)
    return counts


def _quoted(folder: str) -> str:
    return folder if folder.isalnum() else '"' + folder.replace('"', '\\"') + '"'


def _take(client: imaplib.IMAP4, uid: bytes) -> str:
    # imaplib sends bytes arguments as they are; typeshed only lists str.
    status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")  # type: ignore[arg-type]
    raw = next((item[1] for item in data or [] if isinstance(item, tuple)), None)
    if status != "OK" or raw is None:
        logger.warning("IMAP message %s could not be fetched", uid)
        return "unfetched"
    _tidy_connection()
    try:
        result = email_receive(raw)
    except Exception:
        logger.exception("IMAP message %s left unread: the intake failed", uid)
        return "failed"
    finally:
        _tidy_connection()
    client.uid("STORE", uid, "+FLAGS", "(\\Seen)")  # type: ignore[arg-type]
    return result.outcome


def _tidy_connection() -> None:
    """Drop a broken or expired database connection between messages (a long-running process);
    never inside a transaction (tests run the intake inside theirs)."""
    if not connection.in_atomic_block:
        close_old_connections()
