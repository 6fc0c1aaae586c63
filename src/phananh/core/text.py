"""Text normalisation for search, classification and privacy: folding, chat words, redaction."""

from __future__ import annotations

import re
import unicodedata

from phananh.core.personal_data import find_personal_data, mask_spans

_SPACES = re.compile(r"\s+")


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


def redact_personal_data(text: str, *, plates: bool = False) -> str:
    """Mask what identifies a person before text is shown to the public or an agency.

    Phone numbers, email addresses, citizen and old ID numbers, passports, bank accounts and
    card numbers (and vehicle plates when `plates`), found by `core.personal_data`; ordinary
    numbers (house numbers, dates, amounts, codes, references) stay. Pure and idempotent.
    """
    if not text:
        return text or ""
    return mask_spans(text, find_personal_data(text, plates=plates))
