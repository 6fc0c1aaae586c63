"""The map's grid: fixed to the globe, so a report stays in the same cluster however the map is
panned. A cell is a quarter of a 256-pixel tile's width (about 64 screen pixels) and a coarser
zoom's cell is exactly four of the next finer zoom's (the size halves, exactly, in floating
point), so `floor(lat / cell)` computed by Python or by the database names the same cell and a
parent is `(y // 2, x // 2)`.

Every report keeps the id of its finest cell (`Report.cell`, about 150 × 150 m, indexed): the
map's rollup recounts a cell and the duplicate lookup reads the few cells around a point by that
index, instead of a band of the (lat, lon) index across the whole city.
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


# A finest cell as one number: rows from −2¹⁷ and columns from −2¹⁸ made non-negative, the row
# in the high bits. Keep in step with CELL_ID_SQL (the migration that filled the column).
_ROW_OFFSET, _COLUMN_OFFSET, _COLUMN_BITS = 2**17, 2**18, 19


def cell_id(cell: Cell) -> int:
    y, x = cell
    return (y + _ROW_OFFSET) << _COLUMN_BITS | (x + _COLUMN_OFFSET)


def cell_from_id(value: int) -> Cell:
    return (value >> _COLUMN_BITS) - _ROW_OFFSET, (value & (2**_COLUMN_BITS - 1)) - _COLUMN_OFFSET


def point_cell_id(lat: float | None, lon: float | None) -> int | None:
    """The id of the finest cell holding a point (None without one)."""
    if lat is None or lon is None:
        return None
    return cell_id(cell_of(lat, lon))


def cell_ids_around(lat: float, lon: float, dlat: float, dlon: float) -> list[int]:
    """The ids of the finest cells a box of ±dlat, ±dlon degrees around a point touches."""
    south, west = cell_of(lat - dlat, lon - dlon)
    north, east = cell_of(lat + dlat, lon + dlon)
    return [cell_id((y, x)) for y in range(south, north + 1) for x in range(west, east + 1)]


_SIZE = cell_degrees(BASE_ZOOM)
CELL_ID_SQL = (
    f"((floor(lat / {_SIZE!r})::bigint + {_ROW_OFFSET}) << {_COLUMN_BITS})"
    f" | (floor(lon / {_SIZE!r})::bigint + {_COLUMN_OFFSET})"
)
