"""Reading an incoming email: who sent it, whether a machine did, its text and its attachments.

Pure functions over the standard library's parser (no database), written so that malformed MIME
degrades to "less text" or "no attachment", never to an exception.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser

from django.conf import settings

logger = logging.getLogger(__name__)
# Local parts that only machines write from (bounces, delivery reports).
_MACHINE_SENDERS = {"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"}
_BULK = {"bulk", "junk", "list"}
# Where the quoted original starts in a reply (Gmail, Outlook, Apple Mail, Vietnamese clients).
_QUOTE_HEADER = re.compile(
    r"^\s*(on\s.+wrote:|vào\s.+đã viết:|le\s.+a écrit\s?:|-{2,}\s*original message\s*-{2,}|"
    r"-{2,}\s*thư gốc\s*-{2,}|from:\s.+|từ:\s.+|sent from my .+|gửi từ .+)\s*$",
    re.IGNORECASE,
)
_SUBJECT_PREFIX = re.compile(r"^\s*((re|fw|fwd|tr|aw|sv|vs|wg)\s*(\[\d+\])?\s*:\s*)+", re.I)


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class ParsedEmail:
    message_id: str
    sender: str
    sender_name: str
    # Where answers go: Reply-To when the sender set one, else the sender.
    reply_to: str
    subject: str
    text: str
    attachments: list[Attachment] = field(default_factory=list)
    # Parts that are neither photo nor video (a PDF…), skipped: their names, for the reply.
    other_files: list[str] = field(default_factory=list)
    automatic: str = ""


def parse(raw: bytes) -> EmailMessage:
    """The message, parsed leniently (defects are recorded, not raised)."""
    return BytesParser(policy=policy.default).parsebytes(raw)


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a header the parser cannot decode: treat as absent
        return ""
    return str(value or "").strip()


def message_id_of(message: Message, raw: bytes) -> str:
    """The Message-ID, or a digest of the bytes when there is none (MTAs redeliver the same)."""
    value = _header(message, "Message-ID").strip("<> \t\r\n")
    if not value:
        return "sha256:" + hashlib.sha256(raw).hexdigest()
    return value if len(value) <= 200 else "sha256:" + hashlib.sha256(value.encode()).hexdigest()


def sender_of(message: Message, headers: tuple[str, ...] = ("From", "Sender")) -> tuple[str, str]:
    """(address in lower case, display name): from the first of `headers` that holds one."""
    for name in headers:
        value = _header(message, name)
        if not value:
            continue
        try:
            pairs = getaddresses([value])
        except Exception:
            pairs = [parseaddr(value)]
        for display, address in pairs:
            address = address.strip().lower()
            if "@" in address and " " not in address and len(address) <= 254:
                return address, display.strip()[:150]
    return "", ""


def automatic_reason(message: Message, sender: str) -> str:
    """Why this message was written by a machine (never answer it, never file it), or ""."""
    auto = _header(message, "Auto-Submitted").lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    precedence = _header(message, "Precedence").lower()
    if precedence in _BULK:
        return f"Precedence: {precedence}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-AutoReply-From"):
        if _header(message, name):
            return name
    if _header(message, "List-Id") or _header(message, "List-Unsubscribe"):
        return "mailing list"
    if message.get_content_type() == "multipart/report":
        return "delivery report"
    if message.get_content_type() == "message/delivery-status":
        return "delivery report"
    return_path = _header(message, "Return-Path")
    if return_path and return_path.strip("<> \t") == "":
        return "empty Return-Path"
    if not sender:
        return "no sender"
    local = sender.split("@", 1)[0]
    if local in _MACHINE_SENDERS:
        return "sender is a mail server"
    own = {settings.INTAKE_EMAIL, parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower()}
    if sender in own:
        return "sent by ourselves"
    return ""


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML body: no scripts, styles or comments; blocks become lines."""

    _SKIP = {"script", "style", "head", "title", "noscript", "template"}
    _BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._quote = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag == "blockquote":
            self._quote += 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag == "blockquote" and self._quote:
            self._quote -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping and not self._quote:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of HTML, safely (nothing is interpreted; quoted replies are left out)."""
    parser = _TextOfHtml()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # broken markup: fall back to dropping tags
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _content(part: EmailMessage) -> str | bytes | None:
    try:
        return part.get_content()
    except Exception:  # unknown charset, broken encoding: decode what can be decoded
        try:
            payload = part.get_payload(decode=True)
        except Exception:
            return None
        if not isinstance(payload, bytes):
            return None
        if part.get_content_maintype() == "text":
            return payload.decode("utf-8", "replace")
        return payload


def without_quotes(text: str) -> str:
    """The new words of a reply: quoted lines, the quoted original and a signature removed."""
    kept: list[str] = []
    for line in text.splitlines():
        if line.rstrip() in ("--", "-- ") or _QUOTE_HEADER.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    result = "\n".join(kept).strip()
    return re.sub(r"\n{3,}", "\n\n", result)


def clean_subject(subject: str) -> str:
    """The subject without "Re:", "Fwd:" and the like."""
    return _SUBJECT_PREFIX.sub("", subject or "").strip()


def read(raw: bytes) -> ParsedEmail:
    """Everything the intake needs from the raw bytes of one message."""
    message = parse(raw)
    sender, name = sender_of(message)
    plain: list[str] = []
    markup: list[str] = []
    attachments: list[Attachment] = []
    others: list[str] = []
    try:
        parts = list(message.walk())
    except Exception:
        parts = [message]
    for part in parts:
        try:
            if part.is_multipart():
                continue
            maintype = part.get_content_maintype()
            disposition = part.get_content_disposition()
            filename = part.get_filename() or ""
        except Exception:  # a part whose headers cannot be read is skipped
            logger.info("skipped an unreadable MIME part", exc_info=True)
            continue
        if maintype in ("image", "video"):
            data = _content(part)
            if isinstance(data, bytes) and data:
                attachments.append(Attachment(filename, part.get_content_type(), data))
            continue
        if maintype == "text" and disposition != "attachment" and not filename:
            content = _content(part)
            if isinstance(content, str):
                (markup if part.get_content_subtype() == "html" else plain).append(content)
            continue
        if disposition == "attachment" or filename:
            others.append(filename or part.get_content_type())
    body = "\n\n".join(plain) if plain else "\n\n".join(html_to_text(m) for m in markup)
    return ParsedEmail(
        message_id=message_id_of(message, raw),
        sender=sender,
        sender_name=name,
        reply_to=sender_of(message, ("Reply-To",))[0] or sender,
        subject=" ".join(_header(message, "Subject").split())[:255],
        text=body.replace("\r\n", "\n"),
        attachments=attachments,
        other_files=others,
        automatic=automatic_reason(message, sender),
    )
