"""Writes for areas: create or update areas and import boundaries from GeoJSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from shapely.geometry import mapping, shape
from shapely.validation import make_valid

from phananh.core.errors import InvalidInput
from phananh.core.upsert import Outcome, row_upsert
from phananh.geo.choices import AreaLevel
from phananh.geo.models import Area


@dataclass(frozen=True)
class PropertyMapping:
    """Which GeoJSON feature properties hold an area's code and names."""

    code: str = "code"
    name_vi: str = "fullName"
    name_en: str = "fullNameEn"
    level: str | None = None
    default_level: str = AreaLevel.WARD


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def area_upsert(
    *,
    code: str,
    name_vi: str,
    name_en: str = "",
    level: str,
    lat: float,
    lon: float,
    parent: Area | None = None,
) -> tuple[Area, Outcome]:
    """Create an area or update its names, level, point and parent; keeps any imported boundary."""
    return row_upsert(
        Area,
        lookup={"code": code},
        values={
            "name_vi": name_vi,
            "name_en": name_en,
            "level": level,
            "lat": lat,
            "lon": lon,
            "parent": parent,
        },
    )


def _level_of(props: dict[str, Any], mapping_: PropertyMapping) -> str:
    if mapping_.level and props.get(mapping_.level) in AreaLevel.values:
        return str(props[mapping_.level])
    name = str(props.get(mapping_.name_vi) or "")
    if name.startswith("Xã"):
        return AreaLevel.COMMUNE
    if name.startswith("Phường"):
        return AreaLevel.WARD
    return mapping_.default_level


def _features(document: dict[str, Any]) -> list[dict[str, Any]]:
    if document.get("type") == "FeatureCollection":
        return list(document.get("features") or [])
    if document.get("type") == "Feature":
        return [document]
    raise InvalidInput("Not a GeoJSON Feature or FeatureCollection.", code="not_geojson")


@transaction.atomic
def area_import_geojson(
    *, document: dict[str, Any], mapping_: PropertyMapping | None = None
) -> ImportResult:
    """Create or update one area per polygon feature; running it twice changes nothing."""
    mapping_ = mapping_ or PropertyMapping()
    result = ImportResult()
    for feature in _features(document):
        props = feature.get("properties") or {}
        code = str(props.get(mapping_.code) or feature.get("id") or "").strip()
        if not code:
            raise InvalidInput(f"A feature has no '{mapping_.code}' property.", code="no_code")
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in {"Polygon", "MultiPolygon"}:
            raise InvalidInput(f"Area {code}: only Polygon or MultiPolygon.", code="bad_geometry")
        geom = shape(geometry)
        if not geom.is_valid:
            geom = make_valid(geom)
        min_lon, min_lat, max_lon, max_lat = geom.bounds
        interior = geom.representative_point()
        existing = Area.objects.filter(code=code).first()
        values = {
            "name_vi": str(props.get(mapping_.name_vi) or (existing and existing.name_vi) or code),
            "name_en": str(props.get(mapping_.name_en) or (existing and existing.name_en) or ""),
            "level": existing.level if existing else _level_of(props, mapping_),
            "geometry": mapping(geom) if geom.geom_type != "GeometryCollection" else geometry,
            "min_lat": min_lat,
            "min_lon": min_lon,
            "max_lat": max_lat,
            "max_lon": max_lon,
        }
        values["geometry"] = json.loads(json.dumps(values["geometry"]))
        if existing is None:
            Area.objects.create(code=code, lat=interior.y, lon=interior.x, **values)
            result.created += 1
            continue
        changed = [name for name, value in values.items() if getattr(existing, name) != value]
        if not changed:
            result.unchanged += 1
            continue
        for name in changed:
            setattr(existing, name, values[name])
        if "geometry" in changed:
            existing.geometry_version += 1
            changed.append("geometry_version")
        existing.save(update_fields=[*changed, "updated_at"])
        result.updated += 1
    return result


def area_import_files(
    *, paths: list[Path], mapping_: PropertyMapping | None = None
) -> ImportResult:
    """Import every GeoJSON file given (each a Feature or FeatureCollection)."""
    total = ImportResult()
    for path in paths:
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InvalidInput(f"{path}: {exc}", code="unreadable") from exc
        part = area_import_geojson(document=document, mapping_=mapping_)
        total.created += part.created
        total.updated += part.updated
        total.unchanged += part.unchanged
    return total
