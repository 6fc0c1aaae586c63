"""The one loader of a city's folder: areas, boundaries, agencies, categories, routing, policies.

Every file is read and checked first (`cities.data.city_read`), then everything is written in
one transaction through the apps' services, upserting by code: a second load of the same folder
changes nothing and says so. Any mistake in a file is a `CityDataError` and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from phananh.accounts.models import Agency
from phananh.accounts.services import agency_set_areas, agency_set_parent, agency_upsert
from phananh.campaigns.services import Step, campaign_category_create, campaign_upsert
from phananh.catalog.choices import RoutingRule
from phananh.catalog.defaults import default_catalogue
from phananh.catalog.selectors import category_by_code, category_group_by_code
from phananh.catalog.services import (
    catalogue_install_defaults,
    category_group_upsert,
    category_routing_sync,
    category_upsert,
)
from phananh.cities.data import CityData, city_read
from phananh.core.datafiles import CityDataError
from phananh.core.errors import DomainError
from phananh.core.upsert import CREATED, UNCHANGED, UPDATED, Outcome
from phananh.geo.models import Area
from phananh.geo.services import PropertyMapping, area_import_files, area_upsert
from phananh.sla.policy_services import policy_upsert

KINDS = (
    "areas",
    "boundaries",
    "agencies",
    "groups",
    "categories",
    "routing",
    "policies",
    "campaigns",
)


@dataclass
class Tally:
    """How many rows of one kind a load created, updated and left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome: Outcome) -> None:
        """Count one row's outcome."""
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class CityLoadResult:
    """What a load did, per kind of row, and the rows the demo goes on with."""

    data: CityData
    boundary_files: list[Path]
    tallies: dict[str, Tally] = field(default_factory=lambda: {kind: Tally() for kind in KINDS})
    areas: dict[str, Area] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    created_categories: set[str] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        """Whether the load created or updated anything."""
        return any(tally.created or tally.updated for tally in self.tallies.values())

    def lines(self) -> list[str]:
        """The summary `phananh city load` prints."""
        city = self.data.city
        lines = [f"City {city.name_vi} ({city.code}) from {self.data.directory}:"]
        for kind in KINDS:
            tally = self.tallies[kind]
            if kind == "boundaries":
                if not self.boundary_files:
                    hint = self.data.city.boundaries
                    where = f" (looked in {hint.folder})" if hint else ""
                    lines.append(f"  {kind + ':':<12}no GeoJSON files{where}")
                    continue
                lines.append(f"  {kind + ':':<12}{tally} ({len(self.boundary_files)} file(s))")
                continue
            lines.append(f"  {kind + ':':<12}{tally}")
        lines.append(
            "Loaded." if self.changed else "Nothing changed: the database already matches."
        )
        return lines


def _outcome(created: bool, changed: bool) -> Outcome:
    return CREATED if created else UPDATED if changed else UNCHANGED


def _places(data: CityData, result: CityLoadResult) -> None:
    city = data.city
    tally = result.tallies["areas"]
    parent, outcome = area_upsert(
        code=city.code,
        name_vi=city.name_vi,
        name_en=city.name_en,
        level=city.level,
        lat=city.lat,
        lon=city.lon,
    )
    tally.add(outcome)
    result.areas[city.code] = parent
    for ward in data.wards:
        result.areas[ward.code], outcome = area_upsert(
            code=ward.code,
            name_vi=ward.name_vi,
            name_en=ward.name_en,
            level=ward.level,
            lat=ward.lat,
            lon=ward.lon,
            parent=parent,
        )
        tally.add(outcome)


def _boundaries(data: CityData, result: CityLoadResult) -> None:
    hint = data.city.boundaries
    mapping = PropertyMapping(
        code=hint.code_property if hint else "code",
        name_vi=hint.name_property if hint else "fullName",
        name_en=hint.name_en_property if hint else "fullNameEn",
    )
    tally = result.tallies["boundaries"]
    for path in result.boundary_files:
        try:
            imported = area_import_files(paths=[path], mapping_=mapping)
        except DomainError as exc:
            message = str(exc.message).removeprefix(f"{path}: ")
            raise CityDataError(path, message) from None
        tally.created += imported.created
        tally.updated += imported.updated
        tally.unchanged += imported.unchanged


def _agencies(data: CityData, result: CityLoadResult) -> None:
    tally = result.tallies["agencies"]
    outcomes: dict[str, tuple[bool, bool]] = {}
    for row in data.agencies:
        agency, outcome = agency_upsert(
            code=row.code,
            name_vi=row.name_vi,
            name_en=row.name_en,
            kind=row.kind,
            email=row.email,
            phone=row.phone,
            address=row.address,
        )
        result.agencies[row.code] = agency
        outcomes[row.code] = (outcome == CREATED, outcome == UPDATED)
    for row in data.agencies:
        agency = result.agencies[row.code]
        changed = agency_set_parent(
            agency=agency, parent=result.agencies[row.parent] if row.parent else None
        )
        if row.areas is not None:
            areas = [result.areas[code] for code in row.areas]
            changed = agency_set_areas(agency=agency, areas=areas) or changed
        created, updated = outcomes[row.code]
        tally.add(_outcome(created, updated or changed))


def _categories(data: CityData, result: CityLoadResult) -> None:
    groups_tally, categories_tally = result.tallies["groups"], result.tallies["categories"]
    group_offset = category_offset = 0
    if data.default_catalogue:
        catalogue = default_catalogue()
        group_offset, category_offset = len(catalogue["groups"]), len(catalogue["categories"])
        groups_created, installed = catalogue_install_defaults()
        groups_tally.created += groups_created
        groups_tally.unchanged += group_offset - groups_created
        categories_tally.created += len(installed)
        categories_tally.unchanged += category_offset - len(installed)
        result.created_categories.update(installed)
    groups = category_group_by_code()
    for index, row in enumerate(data.groups):
        groups[row.code], outcome = category_group_upsert(
            code=row.code, name_vi=row.name_vi, name_en=row.name_en, order=group_offset + index
        )
        groups_tally.add(outcome)
    for index, category_row in enumerate(data.categories):
        _category, outcome = category_upsert(
            code=category_row.code,
            name_vi=category_row.name_vi,
            name_en=category_row.name_en,
            description_vi=category_row.description_vi,
            description_en=category_row.description_en,
            group=groups[category_row.group],
            keywords=category_row.keywords,
            urgent_hint=category_row.urgent_hint,
            attributes=category_row.attributes,
            order=category_offset + index,
        )
        categories_tally.add(outcome)
        if outcome == CREATED:
            result.created_categories.add(category_row.code)


def _routing(data: CityData, result: CityLoadResult) -> None:
    categories = category_by_code([row.category for row in data.routing])
    tally = result.tallies["routing"]
    for row in data.routing:
        changed = category_routing_sync(
            category=categories[row.category],
            rule=row.rule,
            agency=result.agencies[row.agency] if row.agency else None,
            table=[(result.areas[ward], result.agencies[agency]) for ward, agency in row.table],
        )
        new = row.category in result.created_categories
        tally.add(_outcome(new, changed))


def _policies(data: CityData, result: CityLoadResult) -> None:
    categories = category_by_code([row.category for row in data.policies if row.category])
    tally = result.tallies["policies"]
    for row in data.policies:
        _policy, outcome = policy_upsert(
            category=categories[row.category] if row.category else None,
            track=row.track,
            triage=row.triage,
            acceptance=row.acceptance,
            resolution=row.resolution,
            evaluation_days=row.evaluation_days,
            reminder_percent=row.reminder_percent,
            max_extensions=row.max_extensions,
        )
        tally.add(outcome)


def _campaigns(data: CityData, result: CityLoadResult) -> None:
    tally = result.tallies["campaigns"]
    codes = {code for row in data.campaigns for code in row.categories}
    codes |= {own.successor for row in data.campaigns for own in row.own if own.successor}
    categories = category_by_code(sorted(codes))
    groups = category_group_by_code()
    areas = {area.code: area for area in Area.objects.filter(code__in=[w.code for w in data.wards])}
    agencies = {agency.code: agency for agency in Agency.objects.all()}
    for row in data.campaigns:
        campaign, outcome = campaign_upsert(
            slug=row.slug,
            name_vi=row.name_vi,
            name_en=row.name_en,
            description_vi=row.description_vi,
            description_en=row.description_en,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            areas=[areas[code] for code in row.wards],
            categories=[categories[code] for code in row.categories],
        )
        for own in row.own:
            campaign_category_create(
                campaign=campaign,
                code=own.code,
                name_vi=own.name_vi,
                name_en=own.name_en,
                group=groups[own.group],
                rule=RoutingRule.AGENCY if own.agency else RoutingRule.AREA,
                agency=agencies[own.agency] if own.agency else None,
                track=own.track,
                triage=Step(*own.triage),
                acceptance=Step(*own.acceptance),
                resolution=Step(*own.resolution),
                successor=categories.get(own.successor) if own.successor else None,
                keywords=list(own.keywords),
            )
        tally.add(outcome)


def city_load(*, directory: Path, boundaries: list[Path] | None = None) -> CityLoadResult:
    """Read, check and load a city's folder; `boundaries` replaces the GeoJSON files city.json
    points at ([] imports none)."""
    return city_load_data(data=city_read(Path(directory)), boundaries=boundaries)


def city_load_data(*, data: CityData, boundaries: list[Path] | None = None) -> CityLoadResult:
    """Write a city's checked data in one transaction (see `city_load`)."""
    if boundaries is None:
        hint = data.city.boundaries
        boundaries = hint.files(data.directory) if hint else []
    result = CityLoadResult(data=data, boundary_files=[Path(path) for path in boundaries])
    with transaction.atomic():
        _places(data, result)
        _boundaries(data, result)
        _agencies(data, result)
        _categories(data, result)
        _routing(data, result)
        _policies(data, result)
        _campaigns(data, result)
    return result
