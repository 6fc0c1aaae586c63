"""The public map's grid: fixed to the globe, so a report stays in the same cluster however the
map is panned. A cell is a quarter of a 256-pixel tile's width (about 64 screen pixels) and a
coarser zoom's cell is exactly four of the next finer zoom's (the size halves, exactly, in
floating point), so `floor(lat / cell)` computed by Python or by the database names the same cell
and a parent is `(y // 2, x // 2)`.
"""

from __future__ import annotations

import math

MAX_ZOOM = 20
POINTS_ZOOM = 17  # from here on the map shows the reports themselves, not clusters
BASE_ZOOM = POINTS_ZOOM - 1  # the finest zoom the rollup counts
CELLS_PER_TILE = 4

Cell = tuple[int, int]  # (y, x): floor(lat / size), floor(lon / size)


def cell_degrees(zoom: int) -> float:
    """The grid's cell size at a zoom, in degrees."""
    return 360 / 2**zoom / CELLS_PER_TILE


def cell_of(lat: float, lon: float, zoom: int = BASE_ZOOM) -> Cell:
    size = cell_degrees(zoom)
    return math.floor(lat / size), math.floor(lon / size)


def parent(cell: Cell) -> Cell:
    return cell[0] // 2, cell[1] // 2
