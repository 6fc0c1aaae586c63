"""Text normalisation used for search and for privacy: diacritic folding and redaction."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Vietnamese phone numbers (0xx… or +84…), with spaces, dots or dashes between groups.
_PHONE = re.compile(r"(?<![\w+])(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\w)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def fold(text: str) -> str:
    """Lower-case, NFC-normalised text without diacritics ("Đường ngập" → "duong ngap")."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d").replace("\u0111", "d")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def clean(text: str) -> str:
    """NFC-normalise and trim user text, keeping its line breaks."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def redact_personal_data(text: str) -> str:
    """Mask phone numbers and email addresses before text is shown in public."""
    text = _EMAIL.sub("***@***", text)
    return _PHONE.sub("*** *** ***", text)
