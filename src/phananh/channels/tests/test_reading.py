"""How the chat reads what people type: commands, language, tracking codes, ward names."""

from __future__ import annotations

import pytest

from phananh.channels.places import area_named_in
from phananh.channels.reading import (
    CANCEL,
    DONE,
    GREETING,
    NO,
    YES,
    code_at_start,
    command_of,
    guess_language,
)


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("Hủy", CANCEL),
        ("huỷ bỏ", CANCEL),
        ("cancel", CANCEL),
        ("Có", YES),
        ("OK!", YES),
        ("đồng ý", YES),
        ("yes", YES),
        ("không", NO),
        ("ko", NO),
        ("k", NO),
        ("No.", NO),
        ("xong", DONE),
        ("Bỏ qua", DONE),
        ("skip", DONE),
        ("Xin chào", GREETING),
        ("hello", GREETING),
        ("Rác đầy đường", ""),
    ],
)
def test_commands(text, command):
    assert command_of(text) == command


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Đèn đường hỏng", "vi"),
        ("den duong hong o kiet 5", "vi"),
        ("The street light is broken near my hotel", "en"),
        ("hello", "en"),
        ("ok", None),
        ("PA-1234567", None),
    ],
)
def test_language_guess(text, language):
    assert guess_language(text) == language


def test_tracking_code_at_the_start(settings):
    settings.REPORT_CODE_PREFIX = "PA"
    assert code_at_start("pa-1234abc: it is the school gate") == (
        "PA-1234ABC",
        "it is the school gate",
    )
    assert code_at_start("  PA-1234ABC") == ("PA-1234ABC", "")
    assert code_at_start("PA-1234ABCD more") is None
    assert code_at_start("about PA-1234ABC") is None


@pytest.mark.django_db
def test_ward_names_in_typed_addresses(phu_xuan, vy_da):
    assert area_named_in("12 Lê Lợi, Phú Xuân") == phu_xuan
    assert area_named_in("12 le loi p. phu xuan") == phu_xuan
    assert area_named_in("near the river, Vy Da Ward") == vy_da
    assert area_named_in("PHƯỜNG VỸ DẠ") == vy_da
    assert area_named_in("12 Lê Lợi") is None
    assert area_named_in("") is None
