"""The map's rollup: the reports that are not hidden, counted per grid cell at every zoom below
POINTS_ZOOM, by status and category, so the clusters of a whole city read a few hundred rows
instead of every report in the box.

BASE_ZOOM is counted from the reports; each coarser zoom sums its cells' four children. A pass
reads which reports changed since the last one (every change of status, place, category or
visibility records an event; a report received is stamped), recounts only their cells (and the
cell a report was moved from), then those cells' parents up to zoom 0. The first pass builds
everything. A pass holds the rollup's `RefreshMark` row lock, so two workers never write the same
cells at once (the second skips: the first one's next pass reads what it missed); a worker killed
mid-pass rolls back, its mark unmoved, and the next pass does the work again.

Which statuses are public is decided when the map is read (`reports/visibility.py`), so changing
PHANANH_PUBLISH_ON needs no rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils import timezone

from phananh.analytics.choices import Rollup
from phananh.analytics.models import MapCell, RefreshMark
from phananh.core import clock
from phananh.geo.grid import BASE_ZOOM, Cell, cell_from_id, cell_id, cell_of, parent
from phananh.reports.choices import Action
from phananh.reports.models import Event, Report

BATCH = 5000
BANDS_PER_QUERY = 100
OVERLAP = timedelta(minutes=10)  # as the other rollups: a transaction committed late is read
Key = tuple[int, int, str, int]  # y, x, status, category id


def _located() -> QuerySet[Report]:
    return Report.objects.filter(is_hidden=False, lat__isnull=False, lon__isnull=False)


def _counted(rows: Iterable[dict[str, Any]]) -> Iterator[MapCell]:
    for row in rows:
        y, x = cell_from_id(row["cell"])
        yield MapCell(
            zoom=BASE_ZOOM,
            y=y,
            x=x,
            status=row["status"],
            category_id=row["category_id"] or 0,
            n=row["n"],
            lat_sum=row["lat_sum"],
            lon_sum=row["lon_sum"],
            first_id=row["first"],
        )


def _grouped(reports: QuerySet[Report]) -> QuerySet[Report, dict[str, Any]]:
    """The reports counted per finest cell (`Report.cell`), status and category."""
    rows: QuerySet[Report, dict[str, Any]] = (
        reports.values("cell", "status", "category_id")
        .annotate(n=Count("id"), lat_sum=Sum("lat"), lon_sum=Sum("lon"), first=Min("id"))
        .order_by()
    )
    return rows


def _bands(cells: Iterable[Cell]) -> list[tuple[int, list[int]]]:
    """The cells as rows of the grid: (y, the columns in it), in order."""
    rows: dict[int, set[int]] = defaultdict(set)
    for y, x in cells:
        rows[y].add(x)
    return [(y, sorted(xs)) for y, xs in sorted(rows.items())]


def _cells_q(bands: list[tuple[int, list[int]]]) -> Q:
    condition = Q(pk__in=[])
    for y, xs in bands:
        condition |= Q(y=y, x__in=xs)
    return condition


def _base_count(cells: set[Cell]) -> list[MapCell]:
    """The finest zoom's rows of these cells, counted from the reports through the index on
    their cell (only these cells' reports are read)."""
    ids = sorted(cell_id(cell) for cell in cells)
    rows: list[MapCell] = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows.extend(_counted(_grouped(_located().filter(cell__in=chunk))))
    return rows


def _sum_children(children: Iterable[MapCell], zoom: int) -> list[MapCell]:
    """The rows of `zoom` from the rows of the next finer zoom."""
    sums: dict[Key, MapCell] = {}
    for child in children:
        y, x = parent((child.y, child.x))
        key = (y, x, child.status, child.category_id)
        row = sums.get(key)
        if row is None:
            sums[key] = MapCell(
                zoom=zoom,
                y=y,
                x=x,
                status=child.status,
                category_id=child.category_id,
                n=child.n,
                lat_sum=child.lat_sum,
                lon_sum=child.lon_sum,
                first_id=child.first_id,
            )
        else:
            row.n += child.n
            row.lat_sum += child.lat_sum
            row.lon_sum += child.lon_sum
            row.first_id = min(row.first_id, child.first_id)
    return list(sums.values())


def _rows_in(zoom: int, cells: set[Cell]) -> Iterator[MapCell]:
    bands = _bands(cells)
    for start in range(0, len(bands), BANDS_PER_QUERY):
        chunk = _cells_q(bands[start : start + BANDS_PER_QUERY])
        yield from MapCell.objects.filter(chunk, zoom=zoom).order_by()


def _replace(zoom: int, cells: set[Cell], rows: list[MapCell]) -> None:
    """Make the rows of these cells at this zoom exactly `rows` (under the pass's lock)."""
    bands = _bands(cells)
    for start in range(0, len(bands), BANDS_PER_QUERY):
        chunk = _cells_q(bands[start : start + BANDS_PER_QUERY])
        MapCell.objects.filter(chunk, zoom=zoom).delete()
    MapCell.objects.bulk_create(rows, batch_size=1000)


def _recount(cells: set[Cell]) -> None:
    """Count these cells of the finest zoom again, then their parents at every coarser zoom."""
    _replace(BASE_ZOOM, cells, _base_count(cells))
    for zoom in range(BASE_ZOOM - 1, -1, -1):
        cells = {parent(cell) for cell in cells}
        children = {(2 * y + dy, 2 * x + dx) for y, x in cells for dy in (0, 1) for dx in (0, 1)}
        _replace(zoom, cells, _sum_children(_rows_in(zoom + 1, children), zoom))


def _build() -> None:
    """Every cell of every zoom, from the reports (the first pass). Written in the grid's
    order, so that the rows of a box sit on a few pages of the table, not one page each."""
    MapCell.objects.all().delete()
    counted = _grouped(_located()).order_by("cell")  # the id's high bits are the row
    MapCell.objects.bulk_create(_counted(counted.iterator(BATCH)), batch_size=1000)
    for zoom in range(BASE_ZOOM - 1, -1, -1):
        # Children in (y, x) order give their parents in (y, x) order too.
        finer = MapCell.objects.filter(zoom=zoom + 1).order_by("y", "x").iterator(BATCH)
        MapCell.objects.bulk_create(_sum_children(finer, zoom), batch_size=1000)


def changed_cells(since: datetime, until: datetime) -> set[Cell]:
    """The finest zoom's cells of the reports received or changed in [since, until), and the
    cells reports were moved away from."""
    events = Event.objects.filter(created_at__gte=since, created_at__lt=until).order_by()
    ids = set(events.values_list("report_id", flat=True))
    received = Report.objects.filter(submitted_at__gte=since, submitted_at__lt=until).order_by()
    ids.update(received.values_list("id", flat=True))
    cells: set[Cell] = set()
    ordered = sorted(ids)
    for start in range(0, len(ordered), BATCH):
        points = Report.objects.filter(pk__in=ordered[start : start + BATCH]).order_by()
        cells.update(
            cell_from_id(value)
            for value in points.values_list("cell", flat=True)
            if value is not None
        )
    for payload in events.filter(action=Action.RELOCATE).values_list("payload", flat=True):
        lat, lon = (payload or {}).get("from") or (None, None)
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            cells.add(cell_of(lat, lon))
    return cells


def _mark() -> RefreshMark:
    mark, _created = RefreshMark.objects.get_or_create(
        rollup=Rollup.MAP, defaults={"made_on": timezone.localdate(clock.now())}
    )
    return mark


def map_rollup_refresh() -> int | None:
    """One pass; returns how many cells of the finest zoom it counted (-1 for a full build), or
    None when another worker's pass holds the rollup."""
    _mark()
    started = clock.now()
    with transaction.atomic():
        mark = (
            RefreshMark.objects.select_for_update(skip_locked=True)
            .filter(rollup=Rollup.MAP)
            .first()
        )
        if mark is None:
            return None
        if mark.at is None:
            _build()
            counted = -1
        else:
            since = min(mark.at, started) - OVERLAP
            cells = changed_cells(since, started)
            if cells:
                _recount(cells)
            counted = len(cells)
        RefreshMark.objects.filter(pk=mark.pk).update(at=started)
    return counted


def map_rollup_ready() -> bool:
    """Whether the first pass has finished (until then the map counts live)."""
    return RefreshMark.objects.filter(rollup=Rollup.MAP, at__isnull=False).exists()


def map_rollup_reset() -> None:
    """Have the next pass build everything again (after rows were loaded behind the events'
    back, as `phananh bench generate` does)."""
    RefreshMark.objects.filter(rollup=Rollup.MAP).update(at=None)


def map_cells_read(
    *, zoom: int, rows: range, columns: range, statuses: Iterable[str], category_id: int | None
) -> list[dict[str, Any]]:
    """Each occupied cell of the box at this zoom: its count, coordinate sums and oldest report,
    summed over the statuses given (and one category, when given)."""
    cells = MapCell.objects.filter(
        zoom=zoom,
        y__gte=rows.start,
        y__lt=rows.stop,
        x__gte=columns.start,
        x__lt=columns.stop,
        status__in=list(statuses),
    )
    if category_id is not None:
        cells = cells.filter(category_id=category_id)
    return list(
        cells.values("y", "x")
        .annotate(n=Sum("n"), lat_sum=Sum("lat_sum"), lon_sum=Sum("lon_sum"), first=Min("first_id"))
        .order_by()
    )
