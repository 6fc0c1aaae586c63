"""A city's folder read into typed, validated data (docs/cities.md); nothing is written here.

`city_read(DIR)` reads city.json, wards.csv, agencies.json, categories.json and, when present,
routing.json, policies.json and campaigns.json (`cities/campaigns.py`), checks every value and
every reference between them, and expands the People's Committee rule into one agency per ward.
Any mistake is a `CityDataError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from phananh.accounts.choices import AgencyKind
from phananh.catalog.defaults import default_catalogue
from phananh.cities.campaigns import CampaignRow, campaigns_read
from phananh.cities.categories import (
    CategoryRow,
    GroupRow,
    PolicyRow,
    RoutingRow,
    categories_read,
    policies_read,
    routing_read,
    slug_field,
)
from phananh.config.city import STRING_NAMES, city_site_read
from phananh.core.datafiles import CityDataError, Record, csv_rows, json_items, json_object
from phananh.geo.choices import AreaLevel

COMMITTEE_PLACEHOLDERS = {"area_code", "area_name_vi", "area_short_name_vi", "area_name_en"}


@dataclass(frozen=True)
class BoundaryHint:
    """Where the city's ward polygons may be found, and which GeoJSON properties name them."""

    folder: str
    code_property: str = "code"
    name_property: str = "fullName"
    name_en_property: str = "fullNameEn"

    def files(self, city_dir: Path) -> list[Path]:
        """The *.geojson files of the folder: relative to the city's folder, else to the
        current directory (a checkout beside data that may not be committed)."""
        folder = Path(self.folder).expanduser()
        candidates = [folder] if folder.is_absolute() else [city_dir / folder, Path.cwd() / folder]
        for candidate in candidates:
            if candidate.is_dir():
                return sorted(candidate.glob("*.geojson"))
        return []


@dataclass(frozen=True)
class CityInfo:
    """city.json: the city as an area, its Open311 jurisdiction, its boundary hint."""

    code: str
    name_vi: str
    name_en: str
    level: str
    lat: float
    lon: float
    jurisdiction: str
    boundaries: BoundaryHint | None


@dataclass(frozen=True)
class WardRow:
    """A row of wards.csv: a ward or commune with an interior point."""

    code: str
    name_vi: str
    name_en: str
    level: str
    lat: float
    lon: float


@dataclass(frozen=True)
class AgencyRow:
    """An agency of agencies.json, or a People's Committee made by its rule."""

    code: str
    kind: str
    name_vi: str
    name_en: str
    parent: str | None
    email: str | None
    phone: str | None
    address: str | None
    areas: tuple[str, ...] | None  # None: leave the agency's areas as they are


@dataclass(frozen=True)
class CityData:
    """Everything `city_load` writes, validated."""

    directory: Path
    city: CityInfo
    wards: list[WardRow]
    agencies: list[AgencyRow]
    default_catalogue: bool
    groups: list[GroupRow]
    categories: list[CategoryRow]
    routing: list[RoutingRow]
    policies: list[PolicyRow]
    campaigns: list[CampaignRow] = field(default_factory=list)

    def category_codes(self) -> list[str]:
        """Codes of every category the city has: the default catalogue's, then its own."""
        default = [c["code"] for c in default_catalogue()["categories"]]
        return (default if self.default_catalogue else []) + [c.code for c in self.categories]


def _email(record: Record, field: str) -> str | None:
    value = record.optional_text(field, max_length=254)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise record.error(field, f"{value!r} is not an email address") from None
    return value


def _point(record: Record) -> tuple[float, float]:
    return (
        record.number("lat", low=-90, high=90),
        record.number("lon", low=-180, high=180),
    )


def _city(directory: Path) -> CityInfo:
    path = directory / "city.json"
    record = json_object(path)
    record.check_fields(
        {"code", "name_vi", "name_en", "level", "point", "jurisdiction", "strings", "boundaries"}
    )
    point = record.nested("point")
    point.check_fields({"lat", "lon"})
    lat, lon = _point(point)
    site = city_site_read(directory)
    languages = dict(settings.LANGUAGES)
    for language in site.strings:
        if language not in languages:
            raise record.error(
                f"strings.{language}", f"not a language of this site ({', '.join(languages)})"
            )
    for name in STRING_NAMES:
        if not site.strings.get(settings.LANGUAGE_CODE, {}).get(name):
            raise record.error(f"strings.{settings.LANGUAGE_CODE}.{name}", "is required")
    hint = record.nested("boundaries", required=False)
    boundaries = None
    if hint is not None:
        hint.check_fields({"folder", "about", "code_property", "name_property", "name_en_property"})
        boundaries = BoundaryHint(
            folder=hint.text("folder", max_length=1000),
            code_property=hint.text("code_property", required=False, default="code"),
            name_property=hint.text("name_property", required=False, default="fullName"),
            name_en_property=hint.text("name_en_property", required=False, default="fullNameEn"),
        )
        hint.text("about", required=False, max_length=2000)
    return CityInfo(
        code=record.text("code", max_length=32),
        name_vi=record.text("name_vi"),
        name_en=record.text("name_en", required=False),
        level=record.choice("level", AreaLevel, default=AreaLevel.CITY),
        lat=lat,
        lon=lon,
        jurisdiction=site.jurisdiction,
        boundaries=boundaries,
    )


def _wards(directory: Path, city: CityInfo) -> list[WardRow]:
    path = directory / "wards.csv"
    wards: list[WardRow] = []
    seen: set[str] = {city.code}
    for row in csv_rows(path, required={"code", "name_vi", "name_en", "level", "lat", "lon"}):
        code = row.text("code", max_length=32)
        if code in seen:
            what = "the city's own code" if code == city.code else "another row's code"
            raise row.error("code", f"{code!r} is already {what}")
        seen.add(code)
        lat, lon = _point(row)
        wards.append(
            WardRow(
                code=code,
                name_vi=row.text("name_vi"),
                name_en=row.text("name_en", required=False),
                level=row.choice("level", [AreaLevel.WARD, AreaLevel.COMMUNE]),
                lat=lat,
                lon=lon,
            )
        )
    if not wards:
        raise CityDataError(path, "no wards: a city needs at least one")
    return wards


def _agency(item: Record, ward_codes: set[str]) -> AgencyRow:
    item.check_fields(
        {"code", "kind", "name_vi", "name_en", "parent", "email", "phone", "address", "areas"}
    )
    areas = None
    if "areas" in item.values:
        areas = tuple(item.text_list("areas"))
        for index, code in enumerate(areas):
            if code not in ward_codes:
                raise item.error(f"areas[{index}]", f"{code!r} is not a ward of wards.csv")
    parent = item.optional_text("parent", max_length=64)
    return AgencyRow(
        code=slug_field(item, "code", max_length=64),
        kind=item.choice("kind", AgencyKind),
        name_vi=item.text("name_vi"),
        name_en=item.text("name_en", required=False),
        parent=parent or None,
        email=_email(item, "email"),
        phone=item.optional_text("phone", max_length=32),
        address=item.optional_text("address", max_length=255),
        areas=areas,
    )


def _per_level(rule: Record, field: str, levels: list[str], *, required: bool) -> dict[str, str]:
    """A template, or an object of one template per area level."""
    value = rule.values.get(field)
    if isinstance(value, dict):
        by_level = rule.nested(field)
        by_level.check_fields(set(levels))
        return {
            level: by_level.template(level, COMMITTEE_PLACEHOLDERS, required=True)
            for level in levels
        }
    template = rule.template(field, COMMITTEE_PLACEHOLDERS, required=required)
    return dict.fromkeys(levels, template)


def _committees(rule: Record, wards: list[WardRow]) -> list[AgencyRow]:
    """The People's Committee rule: one agency of kind `ward` serving each ward of the levels."""
    rule.check_fields({"levels", "code", "name_vi", "name_en", "email", "phone", "parent"})
    levels = rule.text_list("levels") or [AreaLevel.WARD, AreaLevel.COMMUNE]
    for index, level in enumerate(levels):
        if level not in (AreaLevel.WARD, AreaLevel.COMMUNE):
            raise rule.error(f"levels[{index}]", f"{level!r} is not one of ward, commune")
    code = rule.template("code", COMMITTEE_PLACEHOLDERS)
    names_vi = _per_level(rule, "name_vi", levels, required=True)
    names_en = _per_level(rule, "name_en", levels, required=False)
    email = rule.template("email", COMMITTEE_PLACEHOLDERS, required=False)
    phone = rule.template("phone", COMMITTEE_PLACEHOLDERS, required=False)
    parent = rule.optional_text("parent", max_length=64)
    committees = []
    for ward in wards:
        if ward.level not in levels:
            continue
        words = ward.name_vi.split(" ", 1)
        values = {
            "area_code": ward.code,
            "area_name_vi": ward.name_vi,
            "area_short_name_vi": words[1] if len(words) == 2 else ward.name_vi,
            "area_name_en": ward.name_en,
        }
        made = Record(
            rule.path,
            f"{rule.where} for ward {ward.code}",
            {
                "code": code.format(**values),
                "kind": AgencyKind.WARD,
                "name_vi": names_vi[ward.level].format(**values),
                "name_en": names_en[ward.level].format(**values),
                "email": email.format(**values) or None,
                "phone": phone.format(**values) or None,
                "parent": parent,
                "areas": [ward.code],
            },
        )
        committees.append(_agency(made, {ward.code}))
    return committees


def _agencies(directory: Path, wards: list[WardRow]) -> list[AgencyRow]:
    path = directory / "agencies.json"
    record = json_object(path)
    record.check_fields({"agencies", "area_committees"})
    ward_codes = {ward.code for ward in wards}
    agencies = [_agency(item, ward_codes) for item in json_items(record, "agencies")]
    rule = record.nested("area_committees", required=False)
    if rule is not None:
        agencies += _committees(rule, wards)
    by_code: dict[str, AgencyRow] = {}
    for agency in agencies:
        if agency.code in by_code:
            raise CityDataError(path, f"two agencies have the code {agency.code!r}")
        by_code[agency.code] = agency
    for agency in agencies:
        seen = {agency.code}
        parent = agency.parent
        while parent is not None:
            where = f"agency {agency.code!r}"
            if parent not in by_code:
                raise CityDataError(
                    path, f"{parent!r} is not an agency of this file", where=where, field="parent"
                )
            if parent in seen:
                raise CityDataError(path, "the parents form a loop", where=where, field="parent")
            seen.add(parent)
            parent = by_code[parent].parent
    iocs = [agency.code for agency in agencies if agency.kind == AgencyKind.IOC]
    if len(iocs) != 1:
        raise CityDataError(
            path, f"a city has one operations centre (kind 'ioc'); found {len(iocs)}"
        )
    return agencies


def city_read(directory: Path) -> CityData:
    """Read and check a city's folder; raises CityDataError naming the file, row and field."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CityDataError(directory, "not a folder")
    city = _city(directory)
    wards = _wards(directory, city)
    agencies = _agencies(directory, wards)
    with_defaults, groups, categories = categories_read(directory)
    data = CityData(
        directory=directory,
        city=city,
        wards=wards,
        agencies=agencies,
        default_catalogue=with_defaults,
        groups=groups,
        categories=categories,
        routing=[],
        policies=[],
    )
    codes = set(data.category_codes())
    routing = routing_read(
        directory, codes, {agency.code for agency in agencies}, {ward.code for ward in wards}
    )
    policies = policies_read(directory, codes)
    campaigns = campaigns_read(
        directory,
        categories=codes,
        groups={g["code"] for g in default_catalogue()["groups"]} | {g.code for g in groups},
        agencies={agency.code for agency in agencies},
        wards={ward.code for ward in wards},
    )
    return replace(data, routing=routing, policies=policies, campaigns=campaigns)
