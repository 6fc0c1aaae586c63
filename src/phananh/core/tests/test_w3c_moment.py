"""`core.db.w3c_moment`: PostgreSQL writes a moment in the W3C form itself, character for
character what `api.open311.formats.w3c_datetime` writes from the datetime (SQLite's rows keep
the datetime, which the encoder formats)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from phananh.api.open311.formats import w3c_datetime
from phananh.core.db import w3c_moment

MOMENTS = [
    datetime(2026, 5, 4, 3, 0, 0, tzinfo=UTC),
    datetime(2026, 1, 15, 23, 59, 59, 999_999, tzinfo=UTC),  # whole seconds, never rounded up
    datetime(2026, 7, 1, 12, 30, 5, 250_000, tzinfo=UTC),  # summer time where there is one
    datetime(1999, 12, 31, 17, 0, 0, tzinfo=UTC),  # the next day in Huế
]
# Huế's zone, a whole negative offset with summer time, half and three-quarter hours, UTC.
ZONES = [
    "Asia/Ho_Chi_Minh",
    "America/New_York",
    "Asia/Kolkata",
    "America/St_Johns",
    "Pacific/Chatham",
    "UTC",
]


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ZONES)
def test_the_database_writes_each_moment_as_python_does(zone):
    user = get_user_model().objects.create(email="moments@example.org", last_login=None)
    with override_settings(TIME_ZONE=zone):
        for moment in MOMENTS:
            get_user_model().objects.filter(pk=user.pk).update(date_joined=moment)
            rows = get_user_model().objects.filter(pk=user.pk)
            row = rows.values(
                joined=w3c_moment(rows, "date_joined"), seen=w3c_moment(rows, "last_login")
            ).get()
            written = (
                row["joined"] if isinstance(row["joined"], str) else w3c_datetime(row["joined"])
            )
            assert written == w3c_datetime(moment)
            assert row["seen"] is None


@pytest.mark.django_db
def test_huế_moments_read_as_the_city_writes_them():
    user = get_user_model().objects.create(email="hue@example.org", date_joined=MOMENTS[3])
    rows = get_user_model().objects.filter(pk=user.pk)
    value = rows.values(joined=w3c_moment(rows, "date_joined")).get()["joined"]
    assert (value if isinstance(value, str) else w3c_datetime(value)) == "2000-01-01T00:00:00+07:00"
