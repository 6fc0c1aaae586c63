"""Photos as witnesses: their GPS proposes the place; their date and place are checked."""

from __future__ import annotations

from datetime import timedelta

import pytest

from phananh.conftest import gps_jpeg_bytes
from phananh.core import clock
from phananh.intelligence.selectors import photo_warnings
from phananh.reports.choices import Action

pytestmark = pytest.mark.django_db

LAT, LON = 16.4705, 107.5760


def test_a_photo_with_gps_places_a_report_sent_without_a_place(submit, phu_xuan):
    report = submit(lat=None, lon=None, uploads=[gps_jpeg_bytes(16.4791, 107.5743)])
    assert report.lat == pytest.approx(16.4791, abs=1e-5)
    assert report.lon == pytest.approx(107.5743, abs=1e-5)
    assert report.area == phu_xuan
    assert report.events.get(action=Action.SUBMIT).payload["located_from"] == "photo"


def test_the_reporters_own_pin_wins_over_the_photo(submit):
    report = submit(uploads=[gps_jpeg_bytes(16.30, 107.80)])
    assert (report.lat, report.lon) == (LAT, LON)
    assert report.events.get(action=Action.SUBMIT).payload["located_from"] == "reporter"


def test_old_or_distant_photos_are_flagged(submit, settings):
    settings.PHOTO_MAX_AGE_DAYS = 14
    settings.PHOTO_MAX_DISTANCE_M = 1000
    taken = (clock.now() - timedelta(days=60)).strftime("%Y:%m:%d %H:%M:%S")
    recent = (clock.now() - timedelta(hours=3)).strftime("%Y:%m:%d %H:%M:%S")
    report = submit(
        uploads=[
            gps_jpeg_bytes(16.52, 107.5760, taken),  # 5.5 km north, two months old
            gps_jpeg_bytes(LAT + 0.001, LON, recent),  # 110 m away, this morning
        ]
    )
    media = list(report.media.order_by("id"))
    warnings = photo_warnings(report, media)
    assert {(w.media_id, w.kind) for w in warnings} == {(media[0].pk, "old"), (media[0].pk, "far")}
    far = next(w for w in warnings if w.kind == "far")
    assert 5000 < far.distance_m < 6000
    assert next(w for w in warnings if w.kind == "old").days >= 59
