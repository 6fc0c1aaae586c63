"""The map grid's cell ids, and the report's cell kept from its point on every write."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from phananh.geo.grid import (
    CELL_ID_SQL,
    cell_from_id,
    cell_id,
    cell_ids_around,
    cell_of,
    point_cell_id,
)
from phananh.reports.actions.triage import report_relocate
from phananh.reports.models import Report


def test_cell_ids_round_trip_over_the_globe():
    chance = random.Random(3)
    for _ in range(2000):
        lat, lon = chance.uniform(-90, 90), chance.uniform(-180, 180)
        cell = cell_of(lat, lon)
        assert cell_from_id(cell_id(cell)) == cell
    assert point_cell_id(None, 107.5) is None
    assert point_cell_id(16.46, None) is None


def test_the_cells_around_a_point_cover_its_box():
    lat, lon, dlat, dlon = 16.4637, 107.5909, 0.0014, 0.0015
    around = set(cell_ids_around(lat, lon, dlat, dlon))
    chance = random.Random(5)
    for _ in range(500):
        point = (lat + chance.uniform(-dlat, dlat), lon + chance.uniform(-dlon, dlon))
        assert point_cell_id(*point) in around
    assert len(around) <= 9


@pytest.mark.django_db
def test_a_report_keeps_its_cell_when_created_moved_or_bulk_inserted(submit, people):
    report = submit(lat=16.4705, lon=107.5760)
    assert report.cell == point_cell_id(16.4705, 107.5760)
    moved = report_relocate(report=report, actor=people["operator"], lat=16.43, lon=107.55)
    assert Report.objects.get(pk=moved.pk).cell == point_cell_id(16.43, 107.55)
    nowhere = submit(lat=None, lon=None)
    assert Report.objects.get(pk=nowhere.pk).cell is None
    copy = Report.objects.get(pk=report.pk)
    copy.pk, copy.code, copy.lat, copy.lon = None, "PA-BULK001", 16.5, 107.6
    Report.objects.bulk_create([copy])
    assert Report.objects.get(code="PA-BULK001").cell == point_cell_id(16.5, 107.6)


@pytest.mark.django_db
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_migrations_sql_names_the_same_cell_as_python():
    chance = random.Random(11)
    points = [(chance.uniform(-89, 89), chance.uniform(-179, 179)) for _ in range(300)]
    points += [(16.4637, 107.5909), (-33.86, 151.2), (0.0, 0.0), (-0.0001, -0.0001)]
    with connection.cursor() as cursor:
        for lat, lon in points:
            cursor.execute(
                f"SELECT {CELL_ID_SQL} FROM (SELECT %s::float8 AS lat, %s::float8 AS lon) p",
                [lat, lon],
            )
            assert cursor.fetchone()[0] == point_cell_id(lat, lon), (lat, lon)


class _Editor:
    """What the migration's fill reads of a schema editor (SQLite's refuses to open in a test's
    transaction)."""

    connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


@pytest.mark.django_db
def test_the_migration_fills_every_located_reports_cell(submit):
    from importlib import import_module

    from django.apps import apps

    fill = import_module("phananh.reports.migrations.0019_report_cell").fill
    points = [(16.4637 + i * 0.003, 107.5909 - i * 0.002) for i in range(7)]
    reports = [submit(lat=lat, lon=lon) for lat, lon in points] + [submit(lat=None, lon=None)]
    Report.objects.update(cell=None)
    fill(apps, _Editor())
    cells = dict(Report.objects.values_list("pk", "cell"))
    assert [cells[r.pk] for r in reports] == [point_cell_id(*p) for p in points] + [None]
