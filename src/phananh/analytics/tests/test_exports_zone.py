"""Exports show times on the configured clock (settings.TIME_ZONE, or the active zone)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.analytics.exports import stream_csv, stream_xlsx
from phananh.core import clock

# 00:30 UTC: 07:30 in Huế, 01:30 in Paris (winter), 19:30 the day before in New York.
AWARE = datetime(2026, 11, 28, 0, 30, tzinfo=UTC)
NAIVE = datetime(2026, 1, 2, 3, 4, 5)


def csv_row(header: list[str], row: list[object]) -> list[str]:
    text = b"".join(stream_csv(header, [row])).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))[1]


def xlsx_row(header: list[str], row: list[object]) -> list[object]:
    data = b"".join(stream_xlsx(header, [row]))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [cell.value for cell in sheet[2]]


@pytest.mark.parametrize(
    ("zone", "shown_csv", "shown_xlsx"),
    [
        ("Asia/Ho_Chi_Minh", "2026-11-28T07:30:00+07:00", datetime(2026, 11, 28, 7, 30)),
        ("Europe/Paris", "2026-11-28T01:30:00+01:00", datetime(2026, 11, 28, 1, 30)),
        ("America/New_York", "2026-11-27T19:30:00-05:00", datetime(2026, 11, 27, 19, 30)),
    ],
)
def test_export_times_follow_the_configured_zone(
    zone: str, shown_csv: str, shown_xlsx: datetime
) -> None:
    with override_settings(TIME_ZONE=zone):
        # Naive values carry no zone to convert from: they stay as they are, in every zone.
        assert csv_row(["t", "n"], [AWARE, NAIVE]) == [shown_csv, "2026-01-02T03:04:05"]
        assert xlsx_row(["t", "n"], [AWARE, NAIVE]) == [shown_xlsx, NAIVE]


def test_a_datetime_subclass_follows_the_zone_too() -> None:
    class Stamp(datetime):
        pass

    value = Stamp(2026, 11, 28, 0, 30, tzinfo=UTC)
    with override_settings(TIME_ZONE="Europe/Paris"):
        assert csv_row(["t"], [value]) == ["2026-11-28T01:30:00+01:00"]
        assert xlsx_row(["t"], [value]) == [datetime(2026, 11, 28, 1, 30)]


def test_the_active_zone_wins_and_is_fixed_when_the_export_starts() -> None:
    # A streamed response is read after the view returned, when an activated zone may be gone.
    with timezone.override(ZoneInfo("Europe/Paris")):
        csv_chunks = stream_csv(["t"], [[AWARE]])
        xlsx_chunks = stream_xlsx(["t"], [[AWARE]])
    text = b"".join(csv_chunks).decode("utf-8-sig")
    assert text.splitlines()[1] == "2026-11-28T01:30:00+01:00"
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_chunks))).active
    assert sheet["A2"].value == datetime(2026, 11, 28, 1, 30)


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Adak"])
def test_the_workbook_parts_are_stamped_on_the_configured_clock(zone: str) -> None:
    with override_settings(TIME_ZONE=zone):
        data = b"".join(stream_xlsx(["a"], [[1]]))
    wall = datetime.now(ZoneInfo(zone)).replace(tzinfo=None)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        stamps = {datetime(*info.date_time) for info in archive.infolist()}
        core = archive.read("docProps/core.xml").decode()
    # Zip times have a 2-second grain and no zone: they are the zone's wall clock.
    assert all(abs(stamp - wall) < timedelta(minutes=1) for stamp in stamps)
    # The document properties are in UTC whatever the zone.
    created = core.split("<dcterms:created")[1].split(">")[1].split("<")[0]
    moment = datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs(moment - datetime.now(UTC)) < timedelta(minutes=1)


@pytest.mark.django_db
def test_the_dashboard_export_shows_submission_times_in_the_configured_zone(
    client, submit, people
) -> None:
    with clock.at(AWARE):
        report = submit(text="Đèn đường hỏng cả tuần nay ở kiệt 5 Lê Lợi")
    assert report.submitted_at == AWARE
    client.force_login(User.objects.get(pk=people[Role.OPERATOR].user_id))
    url = reverse("analytics:export", args=["csv"])
    shown = {}
    for zone in ("Asia/Ho_Chi_Minh", "America/New_York"):
        with override_settings(TIME_ZONE=zone):
            body = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
        _header, row = list(csv.reader(io.StringIO(body, newline="")))
        shown[zone] = row[1]  # "Submitted"
    assert shown == {
        "Asia/Ho_Chi_Minh": "2026-11-28T07:30:00+07:00",
        "America/New_York": "2026-11-27T19:30:00-05:00",
    }
