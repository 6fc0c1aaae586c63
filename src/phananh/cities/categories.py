"""A city's categories.json, routing.json and policies.json read into typed, checked rows.

Part of `cities.data.city_read` (the same errors: file, row or item, field).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

from phananh.catalog.choices import RoutingRule
from phananh.catalog.defaults import default_catalogue
from phananh.core.datafiles import CityDataError, Record, json_items, json_object
from phananh.sla.choices import Unit

TRACKS = ("normal", "urgent")
ATTRIBUTE_TYPES = (
    "string",
    "number",
    "datetime",
    "text",
    "singlevaluelist",
    "multivaluelist",
)


def slug_field(record: Record, field: str, *, max_length: int, required: bool = True) -> str:
    """A code made of letters, digits, - and _ (what codes in URLs and the API may hold)."""
    value = record.text(field, max_length=max_length, required=required)
    if value:
        try:
            validate_slug(value)
        except ValidationError:
            raise record.error(field, f"{value!r}: use letters, digits, - and _ only") from None
    return value


@dataclass(frozen=True)
class GroupRow:
    """A category group of categories.json."""

    code: str
    name_vi: str
    name_en: str


@dataclass(frozen=True)
class CategoryRow:
    """A category of categories.json (the shape of the default catalogue's)."""

    code: str
    name_vi: str
    name_en: str
    description_vi: str
    description_en: str
    group: str
    keywords: list[str]
    urgent_hint: bool
    attributes: list[dict[str, Any]]


@dataclass(frozen=True)
class RoutingRow:
    """routing.json for one category: its rule, fixed or fallback agency, area→agency table."""

    category: str
    rule: str
    agency: str | None
    table: tuple[tuple[str, str], ...]  # (ward code, agency code)


@dataclass(frozen=True)
class PolicyRow:
    """A deadline policy of policies.json: per category (None: every category) and track."""

    category: str | None
    track: str
    triage: tuple[Decimal, str]
    acceptance: tuple[Decimal, str]
    resolution: tuple[Decimal, str]
    evaluation_days: int
    reminder_percent: int
    max_extensions: int


def _attributes(item: Record) -> list[dict[str, Any]]:
    attributes = item.array("attributes")
    for index, attribute in enumerate(attributes):
        where = f"attributes[{index}]"
        if not isinstance(attribute, dict):
            raise item.error(where, "expected an object")
        nested = Record(item.path, f"{item.where}.{where}", attribute)
        nested.check_fields(
            {
                "code",
                "datatype",
                "required",
                "variable",
                "order",
                "description_vi",
                "description_en",
                "values",
            }
        )
        slug_field(nested, "code", max_length=40)
        nested.choice("datatype", ATTRIBUTE_TYPES)
        nested.text("description_vi", max_length=500)
        for value in json_items(nested, "values"):
            value.check_fields({"key", "name_vi", "name_en"})
            value.text("key", max_length=100)
            value.text("name_vi")
    return attributes


def category_row(item: Record, *, catalogue: bool = False) -> CategoryRow:
    """One category entry, checked; the default catalogue's (`catalogue`) also has a rule."""
    item.check_fields(
        {
            "code",
            "name_vi",
            "name_en",
            "description_vi",
            "description_en",
            "group",
            "keywords",
            "routing_rule",
            "urgent_hint",
            "attributes",
        }
    )
    if catalogue:
        item.choice("routing_rule", RoutingRule)
    elif "routing_rule" in item.values:
        raise item.error("routing_rule", "a city sets the rule of its categories in routing.json")
    return CategoryRow(
        code=slug_field(item, "code", max_length=40),
        name_vi=item.text("name_vi", max_length=160),
        name_en=item.text("name_en", required=False, max_length=160),
        description_vi=item.text("description_vi", required=False, max_length=5000),
        description_en=item.text("description_en", required=False, max_length=5000),
        group=item.text("group", max_length=40),
        keywords=item.text_list("keywords"),
        urgent_hint=item.flag("urgent_hint"),
        attributes=_attributes(item),
    )


def categories_read(directory: Path) -> tuple[bool, list[GroupRow], list[CategoryRow]]:
    """categories.json: the default catalogue in or not, the city's own groups and categories."""
    path = directory / "categories.json"
    record = json_object(path)
    record.check_fields({"default_catalogue", "groups", "categories"})
    with_defaults = record.flag("default_catalogue")
    defaults = default_catalogue() if with_defaults else {"groups": [], "categories": []}
    groups = []
    group_codes = {group["code"] for group in defaults["groups"]}
    for item in json_items(record, "groups"):
        item.check_fields({"code", "name_vi", "name_en"})
        group = GroupRow(
            code=slug_field(item, "code", max_length=40),
            name_vi=item.text("name_vi", max_length=120),
            name_en=item.text("name_en", required=False, max_length=120),
        )
        if group.code in group_codes:
            raise item.error("code", f"{group.code!r} is already a group")
        group_codes.add(group.code)
        groups.append(group)
    categories = []
    codes = {category["code"] for category in defaults["categories"]}
    for item in json_items(record, "categories"):
        category = category_row(item)
        if category.code in codes:
            where = "in the default catalogue" if with_defaults else "in this file"
            raise item.error("code", f"{category.code!r} is already a category {where}")
        if category.group not in group_codes:
            raise item.error("group", f"{category.group!r} is not a group of this city")
        codes.add(category.code)
        categories.append(category)
    if not codes:
        raise CityDataError(path, "no categories: set default_catalogue or list some")
    return with_defaults, groups, categories


def routing_read(
    directory: Path, categories: set[str], agencies: set[str], wards: set[str]
) -> list[RoutingRow]:
    """routing.json (optional), each reference checked against the city's other files."""
    path = directory / "routing.json"
    if not path.exists():
        return []
    record = json_object(path)
    routing = []
    for code in record.values:
        if code not in categories:
            raise CityDataError(path, "not a category of this city", where=code)
        entry = record.nested(code)
        entry.check_fields({"rule", "agency", "table"})
        rule = entry.choice("rule", RoutingRule)
        agency = entry.optional_text("agency", max_length=64) or None
        if agency is not None and agency not in agencies:
            raise entry.error("agency", f"{agency!r} is not an agency of agencies.json")
        if rule == RoutingRule.AGENCY and agency is None:
            raise entry.error("agency", "the agency rule needs an agency")
        if rule == RoutingRule.AREA and agency is not None:
            raise entry.error("agency", "the area rule takes no agency (the ward's committee)")
        table: list[tuple[str, str]] = []
        seen: set[str] = set()
        for row in json_items(entry, "table"):
            row.check_fields({"agency", "wards"})
            if rule != RoutingRule.TABLE:
                raise row.error("agency", f"only the table rule has a table (this is {rule!r})")
            target = row.text("agency", max_length=64)
            if target not in agencies:
                raise row.error("agency", f"{target!r} is not an agency of agencies.json")
            for index, ward in enumerate(row.text_list("wards")):
                if ward not in wards:
                    raise row.error(f"wards[{index}]", f"{ward!r} is not a ward of wards.csv")
                if ward in seen:
                    raise row.error(f"wards[{index}]", f"{ward!r} is in the table twice")
                seen.add(ward)
                table.append((ward, target))
        routing.append(RoutingRow(category=code, rule=rule, agency=agency, table=tuple(table)))
    return routing


def _step(policy: Record, field: str) -> tuple[Decimal, str]:
    step = policy.nested(field)
    step.check_fields({"amount", "unit"})
    unit = step.choice("unit", Unit)
    amount = step.decimal("amount", places=2, high=Decimal("9999.99"))
    if unit == Unit.WORKING_DAYS and amount != amount.to_integral_value():
        raise step.error("amount", "working_days takes a whole number")
    return amount, unit


def policies_read(directory: Path, categories: set[str]) -> list[PolicyRow]:
    """policies.json (optional): one policy per category (or every category) and track."""
    path = directory / "policies.json"
    if not path.exists():
        return []
    record = json_object(path)
    record.check_fields({"policies"})
    policies = []
    seen: set[tuple[str | None, str]] = set()
    for item in json_items(record, "policies"):
        item.check_fields(
            {
                "category",
                "track",
                "triage",
                "acceptance",
                "resolution",
                "evaluation_days",
                "reminder_percent",
                "max_extensions",
            }
        )
        category = item.optional_text("category", max_length=40) or None
        if category is not None and category not in categories:
            raise item.error("category", f"{category!r} is not a category of this city")
        track = item.choice("track", TRACKS)
        if (category, track) in seen:
            raise item.error("track", f"a second {track} policy for {category or 'every category'}")
        seen.add((category, track))
        policies.append(
            PolicyRow(
                category=category,
                track=track,
                triage=_step(item, "triage"),
                acceptance=_step(item, "acceptance"),
                resolution=_step(item, "resolution"),
                evaluation_days=item.integer("evaluation_days", low=1, high=365, default=7),
                reminder_percent=item.integer("reminder_percent", low=1, high=99, default=75),
                max_extensions=item.integer("max_extensions", low=0, high=10, default=1),
            )
        )
    return policies
