"""Text normalisation for search, classification and privacy: folding, chat words, redaction."""

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


# Chat abbreviations Vietnamese citizens type, written folded (after `fold`), → their full words.
CHAT_WORDS: dict[str, str] = {
    "ko": "khong",
    "k": "khong",
    "kh": "khong",
    "hok": "khong",
    "hong": "khong",
    "khg": "khong",
    "kg": "khong",
    "dc": "duoc",
    "dk": "duoc",
    "j": "gi",
    "ji": "gi",
    "ng": "nguoi",
    "mn": "moi nguoi",
    "mng": "moi nguoi",
    "nc": "nuoc",
    "ntn": "nhu the nao",
    "vs": "voi",
    "r": "roi",
    "bt": "biet",
    "cty": "cong ty",
    "ks": "khach san",
    "tp": "thanh pho",
    "p": "phuong",
    "q": "quan",
    "cq": "co quan",
    "ubnd": "uy ban nhan dan",
    "cs": "canh sat",
    "csgt": "canh sat giao thong",
    "qa": "qua",
    "wa": "qua",
    "lun": "luon",
    "nhiu": "nhieu",
    "bn": "bao nhieu",
    "mk": "minh",
    "ae": "anh em",
    "tr": "troi",
    "trc": "truoc",
    "ns": "noi",
    "thik": "thich",
    "hqua": "hom qua",
    "hnay": "hom nay",
    "bh": "bao gio",
    "sdt": "so dien thoai",
    "dt": "dien thoai",
}
_TOKEN = re.compile(r"[0-9a-z]+")


def normalize(text: str) -> str:
    """Folded text with chat abbreviations spelled out: the form classifiers and matchers read.

    Vietnamese and English words stay side by side ("den duong hong street light broken").
    """
    return " ".join(CHAT_WORDS.get(token, token) for token in _TOKEN.findall(fold(text)))


def tokens(text: str) -> list[str]:
    """The words of `normalize(text)`."""
    return normalize(text).split()


def clean(text: str) -> str:
    """NFC-normalise and trim user text, keeping its line breaks."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def redact_personal_data(text: str) -> str:
    """Mask phone numbers and email addresses before text is shown in public."""
    text = _EMAIL.sub("***@***", text)
    return _PHONE.sub("*** *** ***", text)
