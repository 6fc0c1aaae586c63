"""The city loader: Huế's bundled folder, idempotent loads, and errors that say where."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from phananh.accounts.models import Agency
from phananh.catalog.defaults import default_catalogue
from phananh.catalog.models import Category, CategoryGroup, RoutingEntry
from phananh.cities.categories import category_row
from phananh.cities.data import city_read
from phananh.cities.loader import city_load
from phananh.cli import main
from phananh.config.city import DEFAULT_CITY_DIR
from phananh.core.datafiles import CityDataError, Record
from phananh.geo.models import Area
from phananh.sla.models import SlaPolicy

SONG_XANH = Path(__file__).resolve().parent / "data" / "song_xanh"


@pytest.fixture
def city(tmp_path) -> Path:
    """A copy of the second city's folder to spoil."""
    folder = tmp_path / "city"
    shutil.copytree(SONG_XANH, folder)
    return folder


def edit_json(path: Path, change) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def edit_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_hue_folder_is_complete():
    data = city_read(DEFAULT_CITY_DIR)
    assert (data.city.code, data.city.jurisdiction) == ("46", "hue.gov.vn")
    assert len(data.wards) == 40
    committees = [a for a in data.agencies if a.code.startswith("ubnd-")]
    assert len(committees) == 40 and len(data.agencies) == 58
    phu_xuan = next(a for a in committees if a.code == "ubnd-19753")
    assert (phu_xuan.name_vi, phu_xuan.name_en, phu_xuan.areas) == (
        "UBND phường Phú Xuân",
        "Phu Xuan Ward People's Committee",
        ("19753",),
    )
    quang_dien = next(a for a in committees if a.code == "ubnd-19867")
    assert quang_dien.name_vi == "UBND xã Quảng Điền"
    assert data.default_catalogue and not data.categories
    assert {row.category for row in data.routing} == set(data.category_codes())
    assert {(p.category, p.track) for p in data.policies} == {(None, "normal"), (None, "urgent")}
    assert data.city.boundaries.folder == "../shared/data/hue/wards"


def test_the_default_catalogue_has_the_shape_of_a_citys_categories():
    catalogue = default_catalogue()
    path = Path("default_catalogue.json")
    rows = [
        category_row(Record(path, f"categories[{i}]", item), catalogue=True)
        for i, item in enumerate(catalogue["categories"])
    ]
    assert len(rows) == 19 and len({row.code for row in rows}) == 19
    assert {row.group for row in rows} <= {group["code"] for group in catalogue["groups"]}


@pytest.mark.django_db
def test_hue_loads_the_design_defaults_and_a_second_load_changes_nothing():
    first = city_load(directory=DEFAULT_CITY_DIR, boundaries=[])
    assert first.changed
    assert {kind: t.created for kind, t in first.tallies.items()} == {
        "areas": 41,
        "boundaries": 0,
        "agencies": 58,
        "groups": 6,
        "categories": 19,
        "routing": 19,
        # The migration created Huế's default policies already: the file says the same.
        "policies": 0,
        # Green Sunday and the epidemic response (campaigns.json).
        "campaigns": 2,
    }
    assert first.tallies["policies"].unchanged == 2
    normal = SlaPolicy.objects.get(category=None, track="normal")
    assert (normal.triage_amount, normal.triage_unit) == (4, "working_hours")
    assert (normal.resolution_amount, normal.resolution_unit) == (7, "working_days")
    traffic = Category.objects.get(code="traffic")
    assert traffic.default_agency.code == "cong-an-thanh-pho"
    assert RoutingEntry.objects.filter(category=traffic, agency__code="phong-csgt").count() == 13
    stamps = {
        model: sorted(model.objects.values_list("pk", "updated_at"))
        for model in (Area, Agency, Category, SlaPolicy)
    }
    entries = sorted(RoutingEntry.objects.values_list("pk", flat=True))

    again = city_load(directory=DEFAULT_CITY_DIR, boundaries=[])
    assert not again.changed
    assert all(t.created == t.updated == 0 for t in again.tallies.values())
    assert again.tallies["agencies"].unchanged == 58
    assert again.tallies["routing"].unchanged == 19
    # Not one row was written: no update stamps moved, no routing row was replaced.
    assert {model: sorted(model.objects.values_list("pk", "updated_at")) for model in stamps} == (
        stamps
    )
    assert sorted(RoutingEntry.objects.values_list("pk", flat=True)) == entries
    assert CategoryGroup.objects.count() == 6


@pytest.mark.django_db
def test_an_edited_file_updates_only_what_changed(city):
    city_load(directory=city)
    edit_text(city / "wards.csv", "Phường Bến Đò,Ben Do Ward", "Phường Bến Đò,Ferry Landing Ward")
    edit_json(
        city / "routing.json",
        lambda d: d.update({"floating_market": {"rule": "agency", "agency": "ben-pha"}}),
    )
    result = city_load(directory=city)
    assert str(result.tallies["areas"]) == "0 created, 1 updated, 3 unchanged"
    # The committee's English name is made from the ward's.
    assert str(result.tallies["agencies"]) == "0 created, 1 updated, 5 unchanged"
    assert str(result.tallies["routing"]) == "0 created, 1 updated, 2 unchanged"
    assert Agency.objects.get(code="uy-ban-99001").name_en == "Ferry Landing Ward Committee"
    assert Category.objects.get(code="floating_market").default_agency.code == "ben-pha"


CASES = [
    (
        "wards.csv",
        lambda p: edit_text(p, "10.009,106.019", "north,106.019"),
        "wards.csv, row 3, field 'lat': expected a number, got 'north'",
    ),
    (
        "wards.csv",
        lambda p: edit_text(p, "99002,", "99001,"),
        "wards.csv, row 3, field 'code': '99001' is already another row's code",
    ),
    (
        "wards.csv",
        lambda p: edit_text(p, "lat,lon", "lat,longitude"),
        "wards.csv, row 1: the header has no column 'lon'",
    ),
    (
        "wards.csv",
        lambda p: edit_text(p, "commune,10.015", "district,10.015"),
        "wards.csv, row 4, field 'level': 'district' is not one of ward, commune",
    ),
    (
        "agencies.json",
        lambda p: edit_json(p, lambda d: d["agencies"][1].update(kind="company")),
        "agencies.json, agencies[1], field 'kind': 'company' is not one of ioc, ward,",
    ),
    (
        "agencies.json",
        lambda p: edit_json(p, lambda d: d["agencies"][2].update(parent="nobody")),
        "agencies.json, agency 'ban-kenh-rach', field 'parent': 'nobody' is not an agency of this "
        "file",
    ),
    (
        "agencies.json",
        lambda p: edit_json(p, lambda d: d["agencies"][1].update(kind="ioc")),
        "agencies.json: a city has one operations centre (kind 'ioc'); found 2",
    ),
    (
        "agencies.json",
        lambda p: edit_json(p, lambda d: d["area_committees"].update(code="pc-{ward}")),
        "agencies.json, area_committees, field 'code': unknown placeholder {ward}",
    ),
    (
        "agencies.json",
        lambda p: edit_json(p, lambda d: d["agencies"][0].update(email="not an address")),
        "agencies.json, agencies[0], field 'email': 'not an address' is not an email address",
    ),
    (
        "categories.json",
        lambda p: edit_json(p, lambda d: d["categories"][2].update(group="roads")),
        "categories.json, categories[2], field 'group': 'roads' is not a group of this city",
    ),
    (
        "categories.json",
        lambda p: edit_json(
            p, lambda d: (d.update(default_catalogue=True), d["categories"][2].update(code="noise"))
        ),
        "categories.json, categories[2], field 'code': 'noise' is already a category in the "
        "default catalogue",
    ),
    (
        "categories.json",
        lambda p: edit_json(p, lambda d: d["categories"][0].update(colour="blue")),
        "categories.json, categories[0], field 'colour': unknown field",
    ),
    (
        "routing.json",
        lambda p: edit_json(p, lambda d: d["canal"]["table"][0]["wards"].append("99009")),
        "routing.json, canal.table[0], field 'wards[2]': '99009' is not a ward of wards.csv",
    ),
    (
        "routing.json",
        lambda p: edit_json(p, lambda d: d["ferry"].pop("agency")),
        "routing.json, ferry, field 'agency': the agency rule needs an agency",
    ),
    (
        "routing.json",
        lambda p: edit_json(p, lambda d: d.update(noise={"rule": "area"})),
        "routing.json, noise: not a category of this city",
    ),
    (
        "routing.json",
        lambda p: edit_text(p, '"rule": "area"}', '"rule": "area"'),
        "routing.json: not valid JSON",
    ),
    (
        "policies.json",
        lambda p: edit_json(p, lambda d: d["policies"][0]["resolution"].update(amount=2.5)),
        "policies.json, policies[0].resolution, field 'amount': working_days takes a whole number",
    ),
    (
        "policies.json",
        lambda p: edit_json(p, lambda d: d["policies"][0]["triage"].update(unit="minutes")),
        "policies.json, policies[0].triage, field 'unit': 'minutes' is not one of working_hours,",
    ),
    (
        "city.json",
        lambda p: edit_json(p, lambda d: d["strings"]["vi"].pop("service_name")),
        "city.json, field 'strings.vi.service_name': is required",
    ),
    (
        "city.json",
        lambda p: edit_json(p, lambda d: d.update(jurisdicton="x")),
        "city.json, field 'jurisdicton': unknown field",
    ),
    (
        "agencies.json",
        lambda p: edit_json(p, lambda d: d["agencies"][0].update(parent="ban-kenh-rach")),
        "agencies.json, agency 'dieu-hanh', field 'parent': the parents form a loop",
    ),
    (
        "categories.json",
        lambda p: p.unlink(),
        "categories.json: file not found",
    ),
    (
        "boundaries/wards.geojson",
        lambda p: edit_text(p, '"type": "Polygon"', '"type": "Point"'),
        "wards.geojson: Area 99001: only Polygon or MultiPolygon.",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "spoil", "message"), CASES, ids=[c[2][:50] for c in CASES])
def test_a_wrong_file_is_a_clear_error_and_nothing_is_written(city, name, spoil, message):
    spoil(city / name)
    with pytest.raises(CityDataError) as error:
        city_load(directory=city)
    assert message in str(error.value)
    assert str(error.value).startswith(str(city / name.split("/")[0]).rsplit("/", 1)[0])
    assert not Area.objects.exists() and not Agency.objects.exists()


@pytest.mark.django_db
def test_the_command_prints_the_error_and_exits_2(city, capsys):
    edit_text(city / "wards.csv", "10.009,106.019", "north,106.019")
    assert main(["city", "load", str(city)]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"error: {city / 'wards.csv'}, row 3, field 'lat': expected a number, got 'north'\n"
    )
    assert "Traceback" not in captured.err and captured.out == ""
    assert main(["city", "load", str(city / "nowhere")]) == 2
    assert capsys.readouterr().err == f"error: {city / 'nowhere'}: not a folder\n"


def _campaigns_file(city: Path, **changes) -> None:
    campaign = {
        "slug": "ngay-xanh",
        "name_vi": "Ngày xanh",
        "starts_at": "2026-12-01T00:00:00+07:00",
        "ends_at": "2026-12-31T00:00:00+07:00",
        "categories": [],
        **changes,
    }
    (city / "campaigns.json").write_text(json.dumps({"campaigns": [campaign]}), encoding="utf-8")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"categories": ["karaoke"]},
            "field 'categories': 'karaoke' is not a category of this city",
        ),
        (
            {"ends_at": "2026-11-01T00:00:00+07:00"},
            "field 'ends_at': a campaign ends after it starts",
        ),
        ({"starts_at": "2026-12-01T00:00:00"}, "field 'starts_at': needs its offset"),
        ({"wards": ["00000"]}, "field 'wards': '00000' is not a ward of this city"),
    ],
)
def test_a_wrong_campaign_is_a_clear_error(city, changes, message):
    _campaigns_file(city, **changes)
    with pytest.raises(CityDataError) as error:
        city_load(directory=city)
    assert message in str(error.value) and "campaigns.json" in str(error.value)
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_a_campaign_loads_and_a_second_load_changes_nothing(city):
    from phananh.campaigns.models import Campaign

    _campaigns_file(city)
    assert city_load(directory=city).tallies["campaigns"].created == 1
    assert Campaign.objects.get().slug == "ngay-xanh"
    assert city_load(directory=city).tallies["campaigns"].unchanged == 1
