"""Reading what people type in a chat: commands, the language, a tracking code at the start."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings

from phananh.core.text import fold, normalize

CANCEL, YES, NO, DONE, GREETING, THANKS = "cancel", "yes", "no", "done", "greeting", "thanks"
# What people type, written as `core.text.normalize` spells it (no diacritics, chat words out).
_COMMANDS: dict[str, set[str]] = {
    CANCEL: {"huy", "huy bo", "cancel", "restart", "bat dau lai", "lam lai", "stop", "dung lai"},
    YES: {
        "yes", "y", "ok", "okay", "oke", "co", "dong y", "dung", "dung roi", "gui", "gui di",
        "send", "vang", "da", "u", "chinh xac", "correct", "yes please", "co gui", "ok gui",
    },
    NO: {"no", "n", "khong", "khong gui", "sai", "chua dung", "khong dung", "nope", "khong phai"},
    DONE: {
        "xong", "done", "skip", "bo qua", "khong co", "khong co anh", "next", "tiep", "tiep tuc",
        "het", "finish", "finished", "no photo", "no photos", "continue", "xong roi",
    },
    GREETING: {
        "hi", "hello", "hey", "chao", "xin chao", "chao ban", "alo", "start", "bat dau",
        "get started", "help", "giup", "tro giup", "menu", "hello there",
    },
    THANKS: {
        "thanks", "thank you", "cam on", "cam on ban", "thank", "tks", "thx", "thank you so much",
    },
}  # fmt: skip
_EN_WORDS = {
    "the", "is", "are", "there", "a", "an", "please", "street", "road", "light", "lights",
    "broken", "trash", "garbage", "rubbish", "noise", "noisy", "hello", "hi", "help", "near",
    "my", "this", "it", "of", "in", "on", "and", "not", "working", "flood", "flooded", "water",
    "hole", "dirty", "car", "cars", "parked", "sidewalk", "tree", "fallen", "smell", "loud",
    "music", "night", "taxi", "hotel", "since", "days", "has", "been", "at", "for", "with",
}  # fmt: skip
_VI_WORDS = {
    "khong", "co", "duong", "bi", "o", "nha", "rac", "den", "nuoc", "ngap", "hong", "toi",
    "minh", "ban", "chao", "xin", "gan", "phuong", "xa", "cua", "va", "la", "qua", "roi",
    "nhieu", "dang", "kiet", "hem", "ho", "cay", "on", "dem", "ngay", "nay", "ma", "thi",
}  # fmt: skip


def command_of(text: str) -> str:
    """Which command a short message is ("" for free text)."""
    words = normalize(text)
    for command, phrases in _COMMANDS.items():
        if words in phrases:
            return command
    return ""


def code_at_start(text: str) -> tuple[str, str] | None:
    """(tracking code, the rest) when a message starts with a tracking code, else None."""
    prefix = re.escape(settings.REPORT_CODE_PREFIX)
    match = re.match(rf"\s*({prefix}-[0-9A-Z]{{7}})(?![0-9A-Z])(.*)", text, re.I | re.S)
    if match is None:
        return None
    return match.group(1).upper(), match.group(2).strip(" \t\r\n:;,.-–")


def guess_language(text: str) -> str | None:
    """ "vi" or "en" when the text says so clearly (Vietnamese letters, common words), else None."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    if "đ" in text.lower() or any(unicodedata.category(ch) == "Mn" for ch in decomposed):
        return "vi"
    words = re.findall(r"[a-z]+", fold(text))
    english = sum(word in _EN_WORDS for word in words)
    vietnamese = sum(word in _VI_WORDS for word in words)
    if english > vietnamese:
        return "en"
    if vietnamese > english:
        return "vi"
    return None
