"""Finding personal data in free text: phone numbers, emails, identity, bank and card numbers.

Pure (no Django, no database): `find_personal_data(text)` returns the spans to mask and what each
one is; `core.text.redact_personal_data` replaces them. docs/privacy.md says what is found, what
is deliberately left (house numbers, dates, amounts, tracking codes, references such as
"074706-00331") and how precision and recall are measured on the labelled corpus in
`core/tests/data/masking_corpus.jsonl`.

How numbers are read: runs of digits joined by one to three separators (space, dot, dash,
brackets) form a chain; from each position the longest run of consecutive groups that is a
number of a known shape wins — a Vietnamese mobile (10 digits, 03/05/07/08/09…), a landline
(11 digits, 02…), +84/0084 forms, foreign numbers after "+", a 12-digit citizen ID (CCCD), a card
number that passes Luhn. So "Kiệt 10 0905 123 456" masks the phone and keeps the 10, and a
reference grouped 6-5 such as "074706-00331" is no phone of any shape and stays. Other numbers
count only in context: a 9-digit old ID after "CMND", an account number after "STK" or a bank's
name, a short local number after "gọi"/"ĐT", a passport number after "hộ chiếu".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PHONE = "phone"
EMAIL = "email"
CITIZEN_ID = "citizen_id"  # CCCD, 12 digits
OLD_ID = "old_id"  # CMND, 9 digits
PASSPORT = "passport"
BANK_ACCOUNT = "bank_account"
CARD = "card"
PLATE = "plate"
KINDS = (PHONE, EMAIL, CITIZEN_ID, OLD_ID, PASSPORT, BANK_ACCOUNT, CARD, PLATE)


@dataclass(frozen=True)
class PersonalSpan:
    """`text[start:end]` is personal data of this kind."""

    start: int
    end: int
    kind: str


# ── Emails ───────────────────────────────────────────────────────────────────────────────
_PROVIDERS = (
    r"(?:gmail|yahoo|ymail|hotmail|outlook|live|icloud|me|gmx|proton(?:mail)?|mail|zoho|aol|"
    r"fpt|vnn|vnpt|hue)"
)
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]{0,63}"
    r"\s?@\s?"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\s?\.\s?[A-Za-z0-9-]{2,63})+(?![\w-])"
)
# A provider without its ending ("lan@gmail"), common in chat.
_EMAIL_BARE = re.compile(
    rf"(?<![\w.+-])[A-Za-z0-9][\w.+-]{{0,63}}\s?@\s?{_PROVIDERS}(?![\w.-])", re.I
)
# Spelled out against scrapers: "lan (at) gmail (dot) com", "lan a còng gmail chấm com".
_AT = r"(?:\s*[\(\[\{]\s*(?:at|@|a còng|a cong)\s*[\)\]\}]\s*|\s+(?:a còng|a cong|at)\s+)"
_DOT = r"(?:\s*[\(\[\{]\s*(?:dot|chấm|cham|\.)\s*[\)\]\}]\s*|\s+(?:dot|chấm|cham)\s+|\.)"
_EMAIL_SPELLED = re.compile(
    rf"(?<![\w.+-])[A-Za-z0-9][\w.+-]{{0,63}}{_AT}[A-Za-z0-9-]{{2,63}}(?:{_DOT}[A-Za-z]{{2,10}})+(?![\w-])",
    re.I,
)

# ── Numbers ──────────────────────────────────────────────────────────────────────────────
_DIGITS = re.compile(r"\d+")
# A digit group glued to a letter is part of a code ("75A", "A1", "FT2631…"), except after
# the words people glue to their number in a hurry ("sdt0905…", "zalo0905…").
_GLUE_WORDS = re.compile(r"(?:sdt|sđt|dt|đt|tel|zalo|phone|stk|tk|cccd|cmnd|cmt|lh)$", re.I)
_WORD_END = re.compile(r"[^\W\d_]+$")
# A letter O typed for a zero inside a number ("09O5 123 456").
_LETTER_O = re.compile(r"(?<=\d)[Oo](?=\d)|(?<=\d)[Oo](?=[Oo]\d)")
# Amounts: 1.500.000 (never a leading zero, groups of three) or followed by a currency.
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")
_CURRENCY_AFTER = re.compile(
    r"\s?(?:đ|d|đồng|dong|vnd|vnđ|k|(?:nghìn|ngàn|nghin|ngan)(?!\s+h)|triệu|trieu|tỷ|ty|usd|\$|€)(?!\w)",
    re.I,
)
# A long run glued to letters ("sdt0905123456") is still read on its own.
_GLUED = re.compile(r"\d{9,}")
_SEPARATOR = re.compile(r"[ \t\u00a0.\-\u2013\u2014()]{1,3}")
_MOBILE = re.compile(r"0(?:3[2-9]|5[2-9]|7[06-9]|8[1-9]|9\d)\d{7}")
_LANDLINE = re.compile(r"02\d{9}")
_OLD_MOBILE = re.compile(r"01[2-9]\d{8}")
_SERVICE = ("1800", "1900")  # toll-free and paid service lines: an organisation's, not a person's
_CCCD_GROUPINGS = {(12,), (4, 4, 4), (3, 3, 3, 3), (6, 6), (3, 9), (3, 3, 6), (2, 10)}

# Context, matched in folded text (no diacritics, lower case) just before a number.
_BEFORE = r"[^\d\n]{0,28}$"
_ID_WORDS = (
    r"cmnd|cmtnd|cmt|cccd|cancuoc|chung minh(?: nhan dan| thu)?|can cuoc(?: cong dan)?|"
    r"dinh danh|so id|id card|identity(?: card)?|id no|id number|national id|citizen id|"
    r"giay to tuy than|gplx|bang lai(?: xe)?|giay phep lai xe|driver'?s? licen[cs]e|"
    r"bhxh|bhyt|bao hiem xa hoi|bao hiem y te|the bao hiem"
)
_PASSPORT_WORDS = r"ho chieu|passport|pass no|hc so|\bhc\b|\bpp\b"
_BANKS = (
    r"vietcombank|vcb|techcombank|tcb|bidv|agribank|vietinbank|vtb|mb ?bank|mbbank|\bmb\b|acb|"
    r"vpbank|sacombank|tpbank|shb|hdbank|ocb|vib|msb|seabank|eximbank|scb|lpbank|lienvietpostbank|"
    r"abbank|namabank|bac a bank|baoviet ?bank|kienlongbank|pvcombank|oceanbank|momo|zalopay|"
    r"vnpay|shopeepay|viettel ?money"
)
_BANK_WORDS = (
    rf"stk|so tk|\btk\b|so tai khoan|tai khoan(?: ngan hang)?|account(?: number| no)?|acct|a/c|"
    rf"bank account|ngan hang|chuyen khoan|\bck\b|iban|{_BANKS}"
)
_PHONE_WORDS = (
    r"sdt|so dien thoai|dien thoai|\bdt\b|dtdd|di dong|didong|goi|call|phone|tel|mobile|"
    r"zalo|lien he|\blh\b|so may|nhan tin|sms|whatsapp|viber|contact|cell|mob|fax"
)
_ID_BEFORE = re.compile(rf"(?:{_ID_WORDS}){_BEFORE}")
_PASSPORT_BEFORE = re.compile(rf"(?:{_PASSPORT_WORDS}){_BEFORE}")
_BANK_BEFORE = re.compile(rf"(?:{_BANK_WORDS}){_BEFORE}")
_BANK_AFTER = re.compile(rf"^[^\d\n]{{0,16}}(?:{_BANKS}|ngan hang|\bbank\b)")
_PHONE_BEFORE = re.compile(rf"(?:{_PHONE_WORDS}){_BEFORE}")

# Passports: Vietnam's are a letter and 7 digits (C1234567); others 1–2 letters, 7–8 digits.
_PASSPORT = re.compile(r"(?<![\w-])[A-Z]{1,2}\d{7,8}(?![\w-])")
_PASSPORT_SPACED = re.compile(r"(?<![\w-])[A-Z]{1,2}\s\d{7,8}(?![\w-])")
_ALNUM_ID = re.compile(r"(?<![\w-])[A-Za-z0-9]{6,15}(?![\w-])")
# A US-style number a tourist may give: (415) 555-0123.
_US_PHONE = re.compile(r"(?<!\w)\(\d{3}\)\s?\d{3}[\s.-]\d{4}(?!\w)")
# Vietnamese plates: 75A-123.45, 75A12345, 29H1-123.45, 75-B1 234.56, 43C 1234.
_PLATE = re.compile(
    r"(?<![\w.-])\d{2}\s?-?\s?[A-Z]{1,2}\d?\s?[-.\s]?\s?(?:\d{3}[.\s]?\d{2}|\d{4})(?![\w.-])", re.I
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def luhn_valid(digits: str) -> bool:
    """The card-number checksum (ISO/IEC 7812)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _contexts(text: str, start: int, end: int) -> set[str]:
    before = _fold(text[max(0, start - 40) : start])
    after = _fold(text[end : end + 24])
    found = set()
    if _ID_BEFORE.search(before):
        found.add("id")
    if _PASSPORT_BEFORE.search(before):
        found.add("passport")
    if _BANK_BEFORE.search(before) or _BANK_AFTER.search(after):
        found.add("bank")
    if _PHONE_BEFORE.search(before):
        found.add("phone")
    return found


def _classify(digits: str, sizes: tuple[int, ...], plus: bool, context: set[str]) -> str | None:
    """What a number made of these digit groups is, or None if it is not personal."""
    length = len(digits)
    if plus or digits.startswith("00"):
        rest = digits[2:] if digits.startswith("00") and not plus else digits
        if rest.startswith("84"):
            national = rest[2:].removeprefix("0")
            if _MOBILE.fullmatch("0" + national) or _LANDLINE.fullmatch("0" + national):
                return PHONE
        elif plus and 8 <= length <= 15:
            return PHONE
    if digits.startswith("84") and (
        _MOBILE.fullmatch("0" + digits[2:]) or _LANDLINE.fullmatch("0" + digits[2:])
    ):
        return PHONE
    if _MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits) or _OLD_MOBILE.fullmatch(digits):
        return PHONE
    if length == 12 and digits[0] == "0" and sizes in _CCCD_GROUPINGS:
        return CITIZEN_ID
    if "id" in context and length in (9, 12):
        return OLD_ID if length == 9 else CITIZEN_ID
    if "passport" in context and 8 <= length <= 10:
        return PASSPORT
    if "bank" in context and 6 <= length <= 19:
        return BANK_ACCOUNT
    card_grouping = len(sizes) == 1 or all(size == 4 for size in sizes[:-1]) or sizes == (4, 6, 5)
    if 13 <= length <= 19 and digits[0] != "0" and card_grouping and luhn_valid(digits):
        return CARD
    if "phone" in context and 7 <= length <= 11 and not digits.startswith(_SERVICE):
        return PHONE
    if "id" in context and 8 <= length <= 15:
        return OLD_ID
    return None


def _standalone(text: str, match: re.Match) -> bool:
    """A digit group that is a number of its own, not part of a code."""
    after = text[match.end() : match.end() + 1]
    if after.isalpha():
        return False
    word = _WORD_END.search(text, max(0, match.start() - 12), match.start())
    return word is None or bool(_GLUE_WORDS.search(word.group()))


def _chains(text: str) -> list[list[re.Match]]:
    """Digit groups, chained where only separators lie between them."""
    chains: list[list[re.Match]] = []
    for match in _DIGITS.finditer(text):
        if not _standalone(text, match):
            chains.append([])
            continue
        if chains and chains[-1]:
            last = chains[-1][-1]
            if _SEPARATOR.fullmatch(text[last.end() : match.start()]):
                chains[-1].append(match)
                continue
        chains.append([match])
    return [chain for chain in chains if chain]


def _amount(text: str, start: int, end: int, context: set[str]) -> bool:
    """Whether `text[start:end]` is an amount of money (500000 đồng; 1.500.000 unless it
    follows "CMND" or "SĐT", where dotted groups are an ID or a phone)."""
    if _CURRENCY_AFTER.match(text, end):
        return True
    return bool(_THOUSANDS.fullmatch(text, start, end)) and not context & {
        "id",
        "phone",
        "passport",
    }


def _number_spans(text: str) -> list[PersonalSpan]:
    spans: list[PersonalSpan] = []
    for chain in _chains(text):
        index = 0
        while index < len(chain):
            found = None
            first = chain[index]
            plus = text[max(0, first.start() - 2) : first.start()].endswith(("+", "+("))
            prefix = 0
            if plus:
                prefix = 2 if text[max(0, first.start() - 2) : first.start()] == "(+" else 1
            context = _contexts(text, first.start(), chain[-1].end())
            digits = ""
            sizes: tuple[int, ...] = ()
            for stop in range(index, min(len(chain), index + 12)):
                group = chain[stop].group()
                digits += group
                sizes += (len(group),)
                if len(digits) > 19:
                    break
                if _amount(text, first.start(), chain[stop].end(), context):
                    continue
                kind = _classify(digits, sizes, plus, context)
                if kind is not None:
                    found = (stop, kind)
            if found is None:
                index += 1
                continue
            stop, kind = found
            begin = first.start() - prefix
            # "(0234) 3822 123": the bracket opened before the area code goes with the number.
            if text[begin - 1 : begin] == "(" and ")" in text[begin : chain[stop].end()]:
                begin -= 1
            spans.append(PersonalSpan(begin, chain[stop].end(), kind))
            index = stop + 1
    return spans


def _ascii_digits(text: str) -> str:
    """Full-width and other Unicode digits as ASCII ones (one character each: offsets stay)."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text
    )


def _blank(text: str, spans: list[PersonalSpan]) -> str:
    """The text with these spans replaced by NULs of the same length (offsets stay)."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = "\0" * (span.end - span.start)
    return "".join(chars)


def _merge(spans: list[PersonalSpan]) -> list[PersonalSpan]:
    """Sorted spans without overlaps (the earlier, then the longer, wins)."""
    result: list[PersonalSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if result and span.start < result[-1].end:
            continue
        result.append(span)
    return result


def find_personal_data(text: str, *, plates: bool = False) -> list[PersonalSpan]:
    """Every span of `text` that identifies a person, in order and without overlaps.

    `plates` also finds vehicle number plates (a city's choice: PHANANH_MASK_PLATES).
    """
    if not text:
        return []
    spans: list[PersonalSpan] = []
    for pattern in (_EMAIL, _EMAIL_BARE, _EMAIL_SPELLED):
        work = _blank(text, spans)
        spans += [PersonalSpan(m.start(), m.end(), EMAIL) for m in pattern.finditer(work)]
    spans = _merge(spans)
    if plates:
        work = _blank(text, spans)
        spans = _merge(
            spans + [PersonalSpan(m.start(), m.end(), PLATE) for m in _PLATE.finditer(work)]
        )
    work = _blank(text, spans)
    found = [PersonalSpan(m.start(), m.end(), PASSPORT) for m in _PASSPORT.finditer(work)]
    found += [PersonalSpan(m.start(), m.end(), PHONE) for m in _US_PHONE.finditer(work)]
    for match in _PASSPORT_SPACED.finditer(work):
        if "passport" in _contexts(work, match.start(), match.end()):
            found.append(PersonalSpan(match.start(), match.end(), PASSPORT))
    for match in _ALNUM_ID.finditer(work):
        token = match.group()
        if sum(ch.isdigit() for ch in token) >= 5 and not token.isdigit():
            context = _contexts(work, match.start(), match.end())
            if "passport" in context:
                found.append(PersonalSpan(match.start(), match.end(), PASSPORT))
            elif "id" in context:
                found.append(PersonalSpan(match.start(), match.end(), OLD_ID))
            elif "bank" in context:
                found.append(PersonalSpan(match.start(), match.end(), BANK_ACCOUNT))
    spans = _merge(spans + found)
    work = _LETTER_O.sub("0", _ascii_digits(_blank(text, spans)))
    numbers = _number_spans(work)
    numbers += [
        PersonalSpan(m.start(), m.end(), kind)
        for m in _GLUED.finditer(work)
        if (kind := _classify(m.group(), (len(m.group()),), False, set())) is not None
    ]
    return _merge(spans + numbers)


MASKS = {
    PHONE: "*** *** ***",
    EMAIL: "***@***",
    CITIZEN_ID: "************",
    OLD_ID: "*********",
    PASSPORT: "********",
    BANK_ACCOUNT: "**********",
    CARD: "**** **** **** ****",
    PLATE: "**-***.**",
}


def mask_spans(text: str, spans: list[PersonalSpan]) -> str:
    """Replace each span with the mask of its kind (masks hold no digits: masking is idempotent)."""
    parts: list[str] = []
    position = 0
    for span in spans:
        parts.append(text[position : span.start])
        parts.append(MASKS[span.kind])
        position = span.end
    parts.append(text[position:])
    return "".join(parts)
