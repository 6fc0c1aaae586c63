import pytest

from phananh.core.text import clean, fold, redact_personal_data


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đường ngập", "duong ngap"),
        ("ĐÈN ĐƯỜNG  hỏng\n", "den duong hong"),
        ("Thuận Hoá", "thuan hoa"),
        ("Thuận Hóa", "thuan hoa"),
        ("Tiếng ồn karaoke", "tieng on karaoke"),
    ],
)
def test_fold_removes_diacritics_and_case(text, folded):
    assert fold(text) == folded


def test_clean_keeps_lines_and_normalises():
    decomposed = "Hue\u0301"  # e + combining acute
    assert clean(f"  {decomposed}\r\nline two  \r\n") == "Hué\nline two"


@pytest.mark.parametrize(
    "text",
    [
        "Gọi tôi 0905 123 456 nhé",
        "sdt 0905.123.456",
        "call +84 905 123 456",
        "email lan.nguyen+hue@gmail.com giúp",
    ],
)
def test_redaction_hides_phones_and_emails(text):
    redacted = redact_personal_data(text)
    for secret in ("905", "123 456", "lan.nguyen", "gmail"):
        assert secret not in redacted


def test_redaction_leaves_ordinary_numbers():
    text = "Ổ gà sâu 30 cm ở số 12 Lê Lợi từ ngày 15/10/2026"
    assert redact_personal_data(text) == text
