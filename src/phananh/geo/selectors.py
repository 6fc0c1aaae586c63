"""Reads for areas: which area contains a point, lists for pickers and filters."""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from shapely.geometry import Point, shape
from shapely.prepared import PreparedGeometry, prep

from phananh.core.configcache import config_cached
from phananh.core.names import Named
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


def area_choices_leaf() -> tuple[Named, ...]:
    """`area_list_leaf()` as options (code and names), from the process's copy."""
    return config_cached(
        "geo.leaf_choices",
        lambda: tuple(
            Named(*row) for row in area_list_leaf().values_list("code", "name_vi", "name_en")
        ),
    )


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in metres."""
    return _km(lat1, lon1, lat2, lon2) * 1000.0


def box_around(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    """The (min_lat, max_lat, min_lon, max_lon) box that holds every point within `radius_m`
    of the point: indexed range filters find candidates, `distance_m` decides."""
    dlat = math.degrees(radius_m / 6_371_000.0)
    dlon = dlat / max(math.cos(math.radians(min(abs(lat) + dlat, 89.9))), 1e-6)
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def area_for_point(lat: float, lon: float) -> tuple[Area | None, str]:
    """The leaf area containing the point and how it was found ("polygon" or "nearest")."""
    leaves = config_cached("geo.leaves", _leaves)
    point = Point(lon, lat)
    for leaf in leaves:
        inside_box = leaf.min_lat <= lat <= leaf.max_lat and leaf.min_lon <= lon <= leaf.max_lon
        if inside_box and leaf.covers(point):
            return copy.copy(leaf.area), "polygon"
    best: tuple[float, Leaf] | None = None
    for leaf in leaves:
        distance = _km(lat, lon, leaf.area.lat, leaf.area.lon)
        if best is None or distance < best[0]:
            best = (distance, leaf)
    if best is None or best[0] > NEAREST_MAX_KM:
        return None, "outside"
    return copy.copy(best[1].area), "nearest"


@dataclass(frozen=True)
class Leaf:
    """An active ward or commune as the point lookup reads it: the row (without its polygon),
    its bounding box and its polygon, prepared the first time a point falls in the box."""

    area: Area
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float
    polygon: dict[str, Any] | None
    prepared: dict[str, PreparedGeometry] = field(default_factory=dict, compare=False)

    def covers(self, point: Point) -> bool:
        if self.polygon is None:
            return False
        geometry = self.prepared.get("polygon")
        if geometry is None:  # two threads may both prepare it: the same result
            geometry = self.prepared.setdefault("polygon", prep(shape(self.polygon)))
        return bool(geometry.covers(point))


def _leaves() -> list[Leaf]:
    """Every active leaf area, by id (the order the database query had)."""
    found = []
    leaves = Area.objects.filter(level__in=LEAF_LEVELS, is_active=True).order_by("pk")
    polygons = dict(leaves.exclude(geometry=None).values_list("pk", "geometry"))
    for area in leaves.defer("geometry"):
        geometry = polygons.get(area.pk)
        south, north, west, east = area.min_lat, area.max_lat, area.min_lon, area.max_lon
        if south is None or north is None or west is None or east is None:
            south, north, west, east, geometry = math.inf, -math.inf, math.inf, -math.inf, None
        found.append(
            Leaf(
                area=area,
                min_lat=south,
                max_lat=north,
                min_lon=west,
                max_lon=east,
                polygon=geometry or None,
            )
        )
    return found


def area_outline_rings(tolerance: float = 0.0008) -> list[list[tuple[float, float]]]:
    """The wards' simplified outer rings as (lon, lat) points, to draw them under a chart
    (simplified once per process until an area changes: ~400 ms for Huế's 40 polygons)."""
    return config_cached(f"geo.outline_rings.{tolerance}", lambda: _outline_rings(tolerance))


def _outline_rings(tolerance: float) -> list[list[tuple[float, float]]]:
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
