"""The list page's map data: published reports in a box, clustered on a grid.

The grid is fixed to the globe (`geo/grid.py`), so a report stays in the same cluster
however the map is panned, and the box is widened to whole cells. Unfiltered, or filtered by
status or category, the clusters are read from the map rollup (`analytics/map_rollup.py`: a few
hundred rows for a city, refreshed every minute); with any other filter, or before the rollup's
first pass, one GROUP BY over the reports in the box counts them. Either way a second query reads
the few cells that hold a single report, which the map shows as that report. From POINTS_ZOOM on,
the reports themselves are returned, newest first, at most MAX_POINTS.
"""

from __future__ import annotations

import math
from typing import Any, cast

import orjson
from django.db.models import Count, F, Min, QuerySet, Sum, Value
from django.db.models.functions import Floor
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from phananh.analytics.map_rollup import map_cells_read, map_rollup_ready
from phananh.catalog.models import Category
from phananh.geo.grid import MAX_ZOOM, POINTS_ZOOM, cell_degrees
from phananh.reports.filters import ReportFilter
from phananh.reports.models import Report
from phananh.reports.selectors import report_list_public
from phananh.reports.visibility import published_statuses

MAX_POINTS = 500
# A 4K screen shows about 2,000 cells; more than this is not a map view but a crawl.
MAX_CELLS = 4096
TEXT_CHARS = 140
CACHE_SECONDS = 60


class MapQueryError(ValueError):
    """The request's box or zoom cannot be answered; the message is for the visitor."""


def parse_zoom(raw: str) -> int:
    if not raw.isdigit() or int(raw) > MAX_ZOOM:
        raise MapQueryError(_("Give the zoom as a whole number from 0 to 20."))
    return int(raw)


def parse_box(raw: str, *, zoom: int) -> tuple[float, float, float, float]:
    """West, south, east and north of `bbox`, widened to whole cells of the zoom's grid."""
    try:
        west, south, east, north = (float(part) for part in raw.split(","))
    except ValueError:
        raise MapQueryError(
            _("Give the map's box as bbox=west,south,east,north in decimal degrees.")
        ) from None
    if not all(math.isfinite(v) for v in (west, south, east, north)) or not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90
    ):
        raise MapQueryError(
            _("The box must lie within longitudes −180 to 180 and latitudes −90 to 90.")
        )
    if west >= east or south >= north:
        raise MapQueryError(_("In bbox, west must be less than east and south less than north."))
    cell = cell_degrees(zoom)
    left, right = math.floor(west / cell), math.ceil(east / cell)
    bottom, top = math.floor(south / cell), math.ceil(north / cell)
    if (right - left) * (top - bottom) > MAX_CELLS:
        raise MapQueryError(
            _("This box is too large for this zoom: zoom in or ask for a smaller box.")
        )
    return left * cell, bottom * cell, right * cell, top * cell


def _point(lon: float, lat: float, properties: dict) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": properties,
    }


def _report_feature(report: Report) -> dict:
    # Only what the public page shows: never the raw text or anything about the reporter.
    # The map only reads reports inside a box, so each has its point.
    return _point(
        cast(float, report.lon),
        cast(float, report.lat),
        {
            "count": 1,
            "code": report.code,
            "url": report.get_absolute_url(),
            "status": report.public_status,
            "status_label": str(report.public_status_label),
            "category": report.category.name if report.category else "",
            "text": Truncator(report.public_text).chars(TEXT_CHARS),
        },
    )


Row = dict[str, Any]  # one occupied cell: n, lat_sum, lon_sum, first (its oldest report)


def _cells_live(reports: QuerySet[Report], *, cell: float) -> list[Row]:
    """The box's cells counted from the reports (any filter)."""
    return list(
        reports.order_by()
        .annotate(cell_y=Floor(F("lat") / Value(cell)), cell_x=Floor(F("lon") / Value(cell)))
        .values("cell_y", "cell_x")
        .annotate(n=Count("id"), lat_sum=Sum("lat"), lon_sum=Sum("lon"), first=Min("id"))
    )


def _cells_rolled(
    filters: ReportFilter, *, zoom: int, box: tuple[float, float, float, float]
) -> list[Row] | None:
    """The box's cells read from the map rollup, or None when it cannot answer these filters."""
    if not filters.only("statuses", "category") or not map_rollup_ready():
        return None
    category_id = None
    if filters.category:
        found = Category.objects.filter(code=filters.category).values_list("pk", flat=True)
        category_id = found.first()
        if category_id is None:
            return []
    statuses = set(published_statuses())
    if filters.statuses:
        statuses &= set(filters.statuses)
    cell = cell_degrees(zoom)
    west, south, east, north = box
    return map_cells_read(
        zoom=zoom,
        rows=range(round(south / cell), round(north / cell)),
        columns=range(round(west / cell), round(east / cell)),
        statuses=sorted(statuses),
        category_id=category_id,
    )


def _clusters(rows: list[Row]) -> list[dict]:
    """One feature per occupied cell: a count, or the report when it holds one."""
    single_ids = [row["first"] for row in rows if row["n"] == 1]
    singles = (
        {r.pk: r for r in report_list_public().filter(pk__in=single_ids).order_by()}
        if single_ids
        else {}
    )
    features = []
    for row in rows:
        if row["n"] > 1:
            lat, lon = row["lat_sum"] / row["n"], row["lon_sum"] / row["n"]
            features.append(_point(lon, lat, {"count": row["n"]}))
        elif row["first"] in singles:  # else hidden since the count: leave it out
            features.append(_report_feature(singles[row["first"]]))
    return features


def _json(data: dict, status: int = 200) -> HttpResponse:
    return HttpResponse(orjson.dumps(data), status=status, content_type="application/json")


def _error(message: str) -> HttpResponse:
    return _json({"error": message}, status=400)


@require_GET
def report_map_data(request: HttpRequest) -> HttpResponse:
    """GeoJSON points for the map: clusters `{count}`, or single reports with their public facts."""
    try:
        zoom = parse_zoom(request.GET.get("zoom", ""))
        west, south, east, north = parse_box(request.GET.get("bbox", ""), zoom=zoom)
    except MapQueryError as error:
        return _error(str(error))
    filters = ReportFilter.from_query(request.GET)
    if filters.errors:
        return _error(" ".join(str(message) for message in filters.errors.values()))
    reports = filters.apply(report_list_public()).filter(
        lat__gte=south, lat__lt=north, lon__gte=west, lon__lt=east
    )
    truncated = False
    if zoom >= POINTS_ZOOM:
        found = list(reports[: MAX_POINTS + 1])
        truncated = len(found) > MAX_POINTS
        features = [_report_feature(report) for report in found[:MAX_POINTS]]
    else:
        rows = _cells_rolled(filters, zoom=zoom, box=(west, south, east, north))
        if rows is None:
            rows = _cells_live(reports, cell=cell_degrees(zoom))
        features = _clusters(rows)
    response = _json(
        {
            "type": "FeatureCollection",
            "features": features,
            "zoom": zoom,
            "bbox": [west, south, east, north],
            "count": sum(f["properties"]["count"] for f in features),
            "truncated": truncated,
        }
    )
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
