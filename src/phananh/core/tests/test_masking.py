"""The masking of personal data, measured on a labelled corpus (docs/privacy.md)."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phananh.core.personal_data import KINDS, PLATE, find_personal_data, luhn_valid
from phananh.core.tests.masking_metrics import corpus, evaluate
from phananh.core.text import redact_personal_data

ITEMS = corpus()
IDENTITY = ("phone", "citizen_id", "old_id", "passport")


def test_the_corpus_is_large_labelled_and_consistent():
    assert len(ITEMS) >= 200
    languages = {item["lang"] for item in ITEMS}
    assert {"vi", "vi-nodiac", "chat", "en", "plate"} <= languages
    for item in ITEMS:
        for span in item["spans"]:
            assert span["kind"] in KINDS
            assert 0 <= span["start"] < span["end"] <= len(item["text"])
            assert (
                item["text"][span["start"] : span["end"]].strip()
                == (item["text"][span["start"] : span["end"]])
            )
    # Sentences with nothing to mask keep precision honest: house numbers, dates, amounts…
    assert sum(1 for item in ITEMS if not item["spans"]) >= 80


@pytest.mark.parametrize("plates", [False, True])
def test_every_id_and_phone_is_masked_and_little_else(plates):
    metrics = evaluate(ITEMS, plates=plates)
    assert metrics.recall(*IDENTITY) == 1.0, metrics.misses
    assert metrics.recall() == 1.0, metrics.misses
    assert metrics.precision >= 0.95, metrics.wrong
    assert metrics.char_precision >= 0.95


def test_plates_are_left_unless_the_city_asks():
    text = "Xe 75A-123.45 đỗ trên vỉa hè"
    assert redact_personal_data(text) == text
    assert "123" not in redact_personal_data(text, plates=True)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Kiệt 10 (gọi 0966 111 210)", "Kiệt 10 (gọi "),
        ("Mã khách hàng 074706-00331 bị tính sai", "074706-00331"),
        ("Phản ánh PA-7K2M9QX từ 15/10/2026 lúc 7:30", "PA-7K2M9QX từ 15/10/2026 lúc 7:30"),
        ("Hóa đơn 1.500.000 đồng, phạt 500.000đ", "1.500.000 đồng, phạt 500.000đ"),
        ("Số 12/3 kiệt 47 Nguyễn Chí Thanh", "12/3 kiệt 47"),
    ],
)
def test_ordinary_numbers_stay(text, kept):
    assert kept in redact_personal_data(text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("CCCD 046203001234", "046203001234"),
        ("cmnd: 191234567", "191234567"),
        ("STK 0011004123456 Vietcombank", "0011004123456"),
        ("thẻ 4111 1111 1111 1111", "1111"),
        ("hộ chiếu C1234567", "1234567"),
        ("gọi +84 234 3822 123", "3822"),
        ("sdt0905123456", "0905123456"),
        ("lan (at) gmail (dot) com", "gmail"),
    ],
)
def test_identifying_numbers_go(text, secret):
    assert secret not in redact_personal_data(text)


def test_luhn():
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"0123456789 .-()+@abcđĐ:\n", "gọi ", "sđt", "CCCD", "cmnd", "STK "]),
        max_size=40,
    ).map("".join)
)
def test_masking_never_fails_and_is_idempotent(text):
    once = redact_personal_data(text)
    assert redact_personal_data(once) == once
    assert find_personal_data(once) == []
    assert find_personal_data(text, plates=True) is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_masking_accepts_any_text(text):
    masked = redact_personal_data(text)
    assert redact_personal_data(masked) == masked


def test_spans_are_sorted_and_apart():
    spans = find_personal_data(
        "0905 123 456, lan@gmail.com, CCCD 046203001234, xe 75A-123.45", plates=True
    )
    assert [s.kind for s in spans] == ["phone", "email", "citizen_id", PLATE]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
