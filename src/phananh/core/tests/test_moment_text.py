"""One way to write a moment in each language: unambiguous, and never ending in a period."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from phananh.core.dates import day_text, moment_text

# 17:00 in Huế (UTC+7) on 2 December 2026.
MOMENT = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "moment", "day", "short"),
    [
        ("en", "2 December 2026, 17:00", "2 December 2026", "2 Dec 2026, 17:00"),
        ("vi", "17:00 ngày 2/12/2026", "2/12/2026", "17:00 ngày 2/12/2026"),
    ],
)
def test_moments_read_naturally_in_both_languages(language, moment, day, short):
    with translation.override(language):
        assert moment_text(MOMENT) == moment
        assert day_text(MOMENT) == day == day_text(date(2026, 12, 2))
        # Templates write the same thing through the format names.
        page = Template('{{ m|date:"DATETIME_FORMAT" }}|{{ m|date:"SHORT_DATETIME_FORMAT" }}')
        assert page.render(Context({"m": MOMENT})) == f"{moment}|{short}"
    assert moment_text(None) == "-"
