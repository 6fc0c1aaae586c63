"""The map rollup: every zoom's cells equal a live count, a pass recounts only what changed and
leaves exactly what a full build would, and two workers never write the same cells at once."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from phananh.analytics import map_rollup
from phananh.analytics.choices import Rollup
from phananh.analytics.map_rollup import map_cells_read, map_rollup_ready, map_rollup_refresh
from phananh.analytics.models import MapCell, RefreshMark
from phananh.core import clock
from phananh.core.periodic import periodic_jobs
from phananh.geo.grid import BASE_ZOOM, cell_degrees, cell_of
from phananh.publication.map_views import _cells_live
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.moderation import report_hide
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign, report_relocate
from phananh.reports.choices import Status
from phananh.reports.models import Report
from phananh.reports.selectors import report_list_public
from phananh.reports.visibility import published_statuses

pytestmark = pytest.mark.django_db

WORLD = range(-(2**30), 2**30)


def later(hours: float):
    """The clock, some hours on: a pass reads only what was stamped after its previous pass
    (less ten minutes), so the fixtures' reports must be older than that."""
    return clock.at(timezone.now() + timedelta(hours=hours))


def rolled(zoom: int, statuses=None, category_id=None) -> dict[tuple[int, int], tuple]:
    rows = map_cells_read(
        zoom=zoom,
        rows=WORLD,
        columns=WORLD,
        statuses=statuses or published_statuses(),
        category_id=category_id,
    )
    return {(r["y"], r["x"]): (r["n"], round(r["lat_sum"], 9), r["first"]) for r in rows}


def live(zoom: int, reports=None) -> dict[tuple[int, int], tuple]:
    rows = _cells_live(
        report_list_public() if reports is None else reports, cell=cell_degrees(zoom)
    )
    return {
        (int(r["cell_y"]), int(r["cell_x"])): (r["n"], round(r["lat_sum"], 9), r["first"])
        for r in rows
    }


def table() -> set[tuple]:
    fields = ("zoom", "y", "x", "status", "category_id", "n", "first_id")
    return {
        (*row[:-2], row[-2], round(row[-1], 9))
        for row in MapCell.objects.values_list(*fields, "lat_sum")
    }


@pytest.fixture
def scattered(submit, people, ward_agency):
    """Forty reports scattered over Huế (some on one spot), in several statuses, one hidden."""
    chance = random.Random(17)
    reports = []
    for i in range(40):
        if i % 8 == 0:
            lat, lon = 16.4705, 107.5760  # a crowded corner: many reports in one cell
        else:
            lat, lon = 16.40 + chance.random() * 0.12, 107.52 + chance.random() * 0.12
        report = submit(lat=lat, lon=lon)
        if i % 3:
            report = report_assign(report=report, actor=people["operator"], agency=ward_agency)
        reports.append(report)
    Report.objects.filter(pk=reports[5].pk).update(is_hidden=True)
    Report.objects.filter(pk=reports[7].pk).update(status=Status.CLOSED)
    return reports


def test_every_zoom_equals_a_live_count(scattered, noise):
    assert not map_rollup_ready()
    assert map_rollup_refresh() == -1  # the first pass builds everything
    assert map_rollup_ready()
    for zoom in range(0, BASE_ZOOM + 1):
        assert rolled(zoom) == live(zoom), zoom
    # Filtered by status and category the same way as the list.
    assigned = report_list_public().filter(status=Status.ASSIGNED)
    assert rolled(12, statuses=[Status.ASSIGNED]) == live(12, assigned)
    assert rolled(12, category_id=noise.pk) == live(12)
    assert rolled(12, category_id=noise.pk + 1000) == {}
    # Zoomed out, the whole city is a few rows (one a cell and status), not forty reports.
    assert MapCell.objects.filter(zoom=8).count() <= 6  # two cells, three statuses


def test_a_pass_recounts_what_changed_and_leaves_what_a_build_would(
    scattered, submit, people, ward_agency
):
    with later(1):
        map_rollup_refresh()
    moved = scattered[3]  # still new: the operations centre may move it
    with later(2):
        new = report_assign(
            report=submit(lat=16.45, lon=107.61), actor=people["operator"], agency=ward_agency
        )
        report_relocate(report=moved, actor=people["operator"], lat=16.43, lon=107.55)
        report_hide(report=scattered[2], actor=people["operator"], reason="spam")
        handled = scattered[4]
        report_agency_accept(report=handled, actor=people["officer"])
        report_resolve(report=handled, actor=people["officer"], result="Đã xử lý")
    with later(2.1):
        counted = map_rollup_refresh()
    # The new, moved (from and to), hidden and handled reports' cells, and no other.
    expected = {cell_of(r.lat, r.lon) for r in (new, scattered[2], handled)}
    expected |= {cell_of(16.43, 107.55), cell_of(moved.lat, moved.lon)}
    assert counted == len(expected)
    for zoom in (BASE_ZOOM, 14, 12, 8, 0):
        assert rolled(zoom) == live(zoom), zoom
    incremental = table()
    RefreshMark.objects.filter(rollup=Rollup.MAP).update(at=None)
    assert map_rollup_refresh() == -1
    assert table() == incremental


def test_a_pass_costs_what_changed_not_the_table(scattered, submit, people, ward_agency):
    with later(1):
        map_rollup_refresh()

    def one_change_pass(hours: float) -> list[str]:
        with later(hours):
            report = submit(lat=16.44, lon=107.58)
            report_assign(report=report, actor=people["operator"], agency=ward_agency)
        with later(hours + 0.1), CaptureQueriesContext(connection) as queries:
            assert map_rollup_refresh() == 1
        return [query["sql"] for query in queries]

    small = one_change_pass(2)
    with later(3):
        for i in range(30):
            submit(lat=16.41 + i * 0.003, lon=107.53 + i * 0.002)
    with later(3.5):
        map_rollup_refresh()
    larger = one_change_pass(4)
    # The mark, the changes, then at each zoom a read, a delete and a write: never more with
    # more reports, and the reports read only through ranges of indexed columns.
    assert len(larger) <= len(small) + BASE_ZOOM + 1 <= 12 + 4 * (BASE_ZOOM + 1)
    read = [sql for sql in larger if 'FROM "reports_' in sql]
    assert len(read) == 5
    assert all(
        '"created_at" >=' in sql
        or '"submitted_at" >=' in sql
        or '"id" IN' in sql
        or '"cell" IN' in sql
        for sql in read
    ), read
    cells = [sql for sql in larger if 'FROM "analytics_mapcell"' in sql]
    assert cells and all('"analytics_mapcell"."zoom" =' in sql for sql in cells)


def test_a_failed_pass_leaves_the_mark_and_the_next_one_does_the_work(
    scattered, submit, monkeypatch
):
    with later(1):
        map_rollup_refresh()
    before = RefreshMark.objects.get(rollup=Rollup.MAP).at
    with later(2):
        report = submit(lat=16.46, lon=107.60)

    def killed(cells):
        MapCell.objects.all().delete()  # half done, then the worker dies
        raise RuntimeError("worker killed")

    monkeypatch.setattr(map_rollup, "_recount", killed)
    with later(2.1), pytest.raises(RuntimeError):
        map_rollup_refresh()
    assert RefreshMark.objects.get(rollup=Rollup.MAP).at == before
    assert MapCell.objects.exists()  # rolled back
    monkeypatch.undo()
    with later(2.2):
        assert map_rollup_refresh() == 1
    assert rolled(BASE_ZOOM)[cell_of(report.lat, report.lon)][0] >= 1
    assert rolled(12) == live(12)


def test_the_worker_refreshes_it_every_minute():
    jobs = {job.name: job for job in periodic_jobs()}
    assert jobs["analytics.map"].task_path == "phananh.analytics.tasks.refresh_map"
    assert jobs["analytics.map"].every() == 60


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_a_second_worker_skips_while_the_first_holds_the_rollup(scattered):
    with later(1):
        map_rollup_refresh()
    holding, release = threading.Event(), threading.Event()

    def first_worker():
        try:
            with transaction.atomic():
                RefreshMark.objects.select_for_update().get(rollup=Rollup.MAP)
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first_worker)
    thread.start()
    try:
        assert holding.wait(10)
        assert map_rollup_refresh() is None  # skipped, at once
    finally:
        release.set()
        thread.join()
    with later(2):
        assert map_rollup_refresh() == 0
