"""Reads for areas: which area contains a point, lists for pickers and filters."""

from __future__ import annotations

import math
from functools import lru_cache

from django.db.models import QuerySet
from shapely.geometry import Point, shape
from shapely.prepared import PreparedGeometry, prep

from phananh.geo.choices import LEAF_LEVELS
from phananh.geo.models import Area

# Beyond this distance from every known area point, a point is not in the city.
NEAREST_MAX_KM = 30.0


def area_list_leaf() -> QuerySet[Area]:
    """Wards and communes, for pickers and filters (without their polygons: those are heavy)."""
    return (
        Area.objects.filter(level__in=LEAF_LEVELS, is_active=True)
        .defer("geometry")
        .order_by("name_vi")
    )


@lru_cache(maxsize=512)
def _prepared(area_id: int, version: int, updated_at: str) -> PreparedGeometry | None:
    # Keyed by the row's last change too: ids can be reused after a delete (SQLite).
    geometry = Area.objects.values_list("geometry", flat=True).get(pk=area_id)
    return prep(shape(geometry)) if geometry else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def area_for_point(lat: float, lon: float) -> tuple[Area | None, str]:
    """The leaf area containing the point and how it was found ("polygon" or "nearest")."""
    leaves = Area.objects.filter(level__in=LEAF_LEVELS, is_active=True)
    candidates = leaves.filter(
        min_lat__lte=lat, max_lat__gte=lat, min_lon__lte=lon, max_lon__gte=lon
    ).only("id", "geometry_version", "updated_at")
    point = Point(lon, lat)
    for area in candidates:
        geometry = _prepared(area.pk, area.geometry_version, area.updated_at.isoformat())
        if geometry is not None and geometry.covers(point):
            return leaves.get(pk=area.pk), "polygon"
    best: tuple[float, int] | None = None
    for pk, alat, alon in leaves.values_list("pk", "lat", "lon"):
        distance = _km(lat, lon, alat, alon)
        if best is None or distance < best[0]:
            best = (distance, pk)
    if best is None or best[0] > NEAREST_MAX_KM:
        return None, "outside"
    return leaves.get(pk=best[1]), "nearest"


def area_outline_rings(tolerance: float = 0.0008) -> list[list[tuple[float, float]]]:
    """The wards' simplified outer rings as (lon, lat) points, to draw them under a chart."""
    from shapely.geometry import mapping

    rings: list[list[tuple[float, float]]] = []
    rows = Area.objects.filter(level__in=LEAF_LEVELS, is_active=True, geometry__isnull=False)
    for geometry in rows.values_list("geometry", flat=True):
        simple = mapping(shape(geometry).simplify(tolerance, preserve_topology=True))
        polygons = (
            simple["coordinates"]
            if simple["type"] == "MultiPolygon"
            else [simple["coordinates"]]
            if simple["type"] == "Polygon"
            else []
        )
        rings.extend([(float(x), float(y)) for x, y, *_z in polygon[0]] for polygon in polygons)
    return rings
