"""Area import from the real Huế GeoJSON, idempotency, and point → area."""

from __future__ import annotations

import json

import pytest

from phananh.cli import main
from phananh.conftest import HUE_WARDS
from phananh.core.errors import InvalidInput
from phananh.geo.models import Area
from phananh.geo.selectors import area_for_point
from phananh.geo.services import PropertyMapping, area_import_files, area_import_geojson

pytestmark = pytest.mark.django_db

CENTRAL = ["19753_phu_xuan.geojson", "19777_vy_da.geojson", "19789_thuan_hoa.geojson"]


def square(code: str, lon: float, lat: float, size: float = 0.01, **props) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {
        "type": "Feature",
        "properties": {"code": code, "fullName": f"Phường {code}", **props},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_import_real_hue_wards_is_idempotent_and_places_points(hue_wards):
    paths = [HUE_WARDS / name for name in CENTRAL]
    first = area_import_files(paths=paths)
    assert (first.created, first.updated) == (3, 0)
    again = area_import_files(paths=paths)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Area.objects.count() == 3
    phu_xuan = Area.objects.get(code="19753")
    assert phu_xuan.name_vi == "Phường Phú Xuân"
    assert phu_xuan.name_en == "Phu Xuan Ward"
    assert phu_xuan.level == "ward"
    assert phu_xuan.min_lat < 16.47 < phu_xuan.max_lat
    # The Imperial City's Ngọ Môn gate is in Phú Xuân.
    area, how = area_for_point(16.4676, 107.5791)
    assert (area.code, how) == ("19753", "polygon")
    # A point at Vỹ Dạ.
    area, how = area_for_point(16.4740, 107.6070)
    assert (area.code, how) == ("19777", "polygon")


def test_cli_areas_import(capsys, hue_wards):
    assert main(["areas", "import", str(HUE_WARDS / CENTRAL[0])]) == 0
    assert "1 created" in capsys.readouterr().out
    assert main(["areas", "import", str(HUE_WARDS / CENTRAL[0])]) == 0
    assert "1 unchanged" in capsys.readouterr().out


def test_import_any_feature_collection_with_a_property_mapping():
    document = {
        "type": "FeatureCollection",
        "features": [
            square("A1", 106.70, 10.77, ma="A1", ten="Phường Bến Nghé", en="Ben Nghe", cap="ward"),
            square("A2", 106.71, 10.77, ma="A2", ten="Xã Cần Giờ", en="Can Gio", cap="commune"),
        ],
    }
    mapping = PropertyMapping(code="ma", name_vi="ten", name_en="en", level="cap")
    result = area_import_geojson(document=document, mapping_=mapping)
    assert result.created == 2
    assert Area.objects.get(code="A2").level == "commune"
    assert Area.objects.get(code="A1").name_en == "Ben Nghe"
    # Moving a boundary updates it and bumps its version (so cached shapes are rebuilt).
    document["features"][0] = square("A1", 106.69, 10.76, ma="A1", ten="Phường Bến Nghé")
    result = area_import_geojson(document=document, mapping_=mapping)
    assert (result.updated, result.unchanged) == (1, 1)
    assert Area.objects.get(code="A1").geometry_version == 1
    area, how = area_for_point(10.765, 106.695)
    assert (area.code, how) == ("A1", "polygon")


def test_point_without_polygons_goes_to_the_nearest_area_point(phu_xuan, vy_da):
    area, how = area_for_point(16.4760, 107.6000)
    assert (area, how) == (vy_da, "nearest")
    area, how = area_for_point(21.0278, 105.8342)  # Hà Nội: not in this city
    assert (area, how) == (None, "outside")


@pytest.mark.parametrize(
    "document",
    [
        {"type": "Topology"},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": []}},
        {
            "type": "Feature",
            "properties": {"code": "X"},
            "geometry": {"type": "Point", "coordinates": [1, 2]},
        },
    ],
)
def test_bad_geojson_is_a_clear_error(document):
    with pytest.raises(InvalidInput):
        area_import_geojson(document=document)
    assert not Area.objects.exists()


def test_unreadable_file_is_reported(tmp_path, capsys):
    path = tmp_path / "broken.geojson"
    path.write_text("{not json")
    assert main(["areas", "import", str(path)]) == 2
    assert "broken.geojson" in capsys.readouterr().err
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    assert main(["areas", "import", str(path)]) == 0
