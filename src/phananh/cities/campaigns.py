"""campaigns.json (optional): the city's campaigns, read and checked (docs/cities.md).

Each campaign has a slug, names and descriptions in both languages, its dates (`starts_at` and
`ends_at` in ISO 8601 with an offset, or `starts_in_days` / `ends_in_days` counted from the
day the folder is loaded — for demos, which must have a running campaign whatever the day),
the wards it covers (none: the whole city), the lasting categories it uses, and its own
categories with their routing, track, deadline policy and the lasting category named once the
campaign ends. `demo` (read by the demo only) lists the sample reports and volunteer events
the demo lives through the real services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from phananh.cities.categories import _step, slug_field
from phananh.core.datafiles import Record, json_items, json_object

TRACKS = ("normal", "urgent")


@dataclass(frozen=True)
class OwnCategoryRow:
    """A category that exists only while its campaign runs."""

    code: str
    name_vi: str
    name_en: str
    group: str
    agency: str | None  # None: the ward's People's Committee
    track: str
    triage: tuple[Decimal, str]
    acceptance: tuple[Decimal, str]
    resolution: tuple[Decimal, str]
    successor: str | None
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class CampaignRow:
    """A campaign of campaigns.json."""

    slug: str
    name_vi: str
    name_en: str
    description_vi: str
    description_en: str
    starts_at: datetime
    ends_at: datetime
    wards: tuple[str, ...]
    categories: tuple[str, ...]
    own: tuple[OwnCategoryRow, ...]
    demo: dict[str, Any]


def _moment(item: Record, field: str, days_field: str) -> datetime:
    text = item.optional_text(field, max_length=40)
    if text:
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise item.error(field, f"{text!r} is not an ISO 8601 moment") from None
        if timezone.is_naive(moment):
            raise item.error(field, "needs its offset (e.g. +07:00)")
        return moment
    days = item.integer(days_field, low=-3650, high=3650, default=10_000)
    if days == 10_000:
        raise item.error(field, f"give {field} or {days_field}")
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return today + timedelta(days=days)


def _own(
    item: Record, categories: set[str], groups: set[str], agencies: set[str]
) -> OwnCategoryRow:
    item.check_fields(
        {
            "code",
            "name_vi",
            "name_en",
            "group",
            "agency",
            "track",
            "triage",
            "acceptance",
            "resolution",
            "successor",
            "keywords",
        }
    )
    code = slug_field(item, "code", max_length=40)
    if code in categories:
        raise item.error("code", f"{code!r} is already a lasting category of this city")
    agency = item.optional_text("agency", max_length=60) or None
    if agency is not None and agency not in agencies:
        raise item.error("agency", f"{agency!r} is not an agency of this city")
    successor = item.optional_text("successor", max_length=40) or None
    if successor is not None and successor not in categories:
        raise item.error("successor", f"{successor!r} is not a lasting category of this city")
    return OwnCategoryRow(
        code=code,
        name_vi=item.text("name_vi", max_length=160),
        name_en=item.text("name_en", required=False, max_length=160),
        group=item.reference("group", groups, "category group"),
        agency=agency,
        track=item.choice("track", TRACKS, default="normal"),
        triage=_step(item, "triage"),
        acceptance=_step(item, "acceptance"),
        resolution=_step(item, "resolution"),
        successor=successor,
        keywords=tuple(item.text_list("keywords")),
    )


def campaigns_read(
    directory: Path,
    *,
    categories: set[str],
    groups: set[str],
    agencies: set[str],
    wards: set[str],
) -> list[CampaignRow]:
    """campaigns.json, checked against the city's categories, groups, agencies and wards."""
    path = directory / "campaigns.json"
    if not path.exists():
        return []
    record = json_object(path)
    record.check_fields({"campaigns"})
    rows: list[CampaignRow] = []
    own_codes: set[str] = set()
    for item in json_items(record, "campaigns"):
        item.check_fields(
            {
                "slug",
                "name_vi",
                "name_en",
                "description_vi",
                "description_en",
                "starts_at",
                "ends_at",
                "starts_in_days",
                "ends_in_days",
                "wards",
                "categories",
                "own_categories",
                "demo",
            }
        )
        starts_at = _moment(item, "starts_at", "starts_in_days")
        ends_at = _moment(item, "ends_at", "ends_in_days")
        if ends_at <= starts_at:
            raise item.error("ends_at", "a campaign ends after it starts")
        used = tuple(item.text_list("categories"))
        for code in used:
            if code not in categories:
                raise item.error("categories", f"{code!r} is not a category of this city")
        covered = tuple(item.text_list("wards"))
        for code in covered:
            if code not in wards:
                raise item.error("wards", f"{code!r} is not a ward of this city")
        own = tuple(
            _own(child, categories, groups, agencies)
            for child in json_items(item, "own_categories")
        )
        for category in own:
            if category.code in own_codes:
                raise item.error("own_categories", f"{category.code!r} is defined twice")
            own_codes.add(category.code)
        demo = item.nested("demo", required=False)
        rows.append(
            CampaignRow(
                slug=slug_field(item, "slug", max_length=60),
                name_vi=item.text("name_vi", max_length=160),
                name_en=item.text("name_en", required=False, max_length=160),
                description_vi=item.text("description_vi", required=False, max_length=2000),
                description_en=item.text("description_en", required=False, max_length=2000),
                starts_at=starts_at,
                ends_at=ends_at,
                wards=covered,
                categories=used,
                own=own,
                demo=dict(demo.values) if demo is not None else {},
            )
        )
    return rows
