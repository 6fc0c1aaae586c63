"""Writes for the catalogue: install the default categories, load a city's own, set routing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from phananh.accounts.models import Agency
from phananh.catalog.defaults import default_catalogue
from phananh.catalog.models import Category, CategoryGroup, RoutingEntry
from phananh.core.upsert import Outcome, row_upsert
from phananh.geo.models import Area


@transaction.atomic
def category_install_defaults() -> int:
    """Create the default groups and categories that are missing; edits made by admins are kept.

    Returns how many categories it created.
    """
    return len(catalogue_install_defaults()[1])


@transaction.atomic
def catalogue_install_defaults() -> tuple[int, list[str]]:
    """`category_install_defaults`, saying how many groups and which categories it created."""
    catalogue = default_catalogue()
    groups = {}
    groups_created = 0
    for order, group in enumerate(catalogue["groups"]):
        groups[group["code"]], was_created = CategoryGroup.objects.get_or_create(
            code=group["code"],
            defaults={"name_vi": group["name_vi"], "name_en": group["name_en"], "order": order},
        )
        groups_created += was_created
    created = []
    for order, item in enumerate(catalogue["categories"]):
        _category, was_created = Category.objects.get_or_create(
            code=item["code"],
            defaults={
                "name_vi": item["name_vi"],
                "name_en": item["name_en"],
                "description_vi": item["description_vi"],
                "description_en": item["description_en"],
                "group": groups[item["group"]],
                "keywords": item["keywords"],
                "routing_rule": item["routing_rule"],
                "urgent_hint": item["urgent_hint"],
                "attributes": item["attributes"],
                "order": order,
            },
        )
        if was_created:
            created.append(item["code"])
    return groups_created, created


@transaction.atomic
def category_group_upsert(
    *, code: str, name_vi: str, name_en: str = "", order: int = 0
) -> tuple[CategoryGroup, Outcome]:
    """Create a category group or bring its names and order to these values."""
    return row_upsert(
        CategoryGroup,
        lookup={"code": code},
        values={"name_vi": name_vi, "name_en": name_en, "order": order},
    )


@transaction.atomic
def category_upsert(
    *,
    code: str,
    name_vi: str,
    name_en: str = "",
    description_vi: str = "",
    description_en: str = "",
    group: CategoryGroup,
    keywords: list[str] | None = None,
    urgent_hint: bool = False,
    attributes: list[dict[str, Any]] | None = None,
    order: int = 0,
) -> tuple[Category, Outcome]:
    """Create a category or bring its names, texts, keywords and attributes to these values.

    Routing is left alone: `category_routing_sync` sets it.
    """
    return row_upsert(
        Category,
        lookup={"code": code},
        values={
            "name_vi": name_vi,
            "name_en": name_en,
            "description_vi": description_vi,
            "description_en": description_en,
            "group": group,
            "keywords": keywords or [],
            "urgent_hint": urgent_hint,
            "attributes": attributes or [],
            "order": order,
        },
    )


@transaction.atomic
def category_set_routing(
    *,
    category: Category,
    rule: str,
    agency: Agency | None = None,
    table: list[tuple[Area, Agency]] | None = None,
) -> Category:
    """Replace a category's routing rule, fixed/fallback agency and area→agency table."""
    category.routing_rule = rule
    category.default_agency = agency
    category.save(update_fields=["routing_rule", "default_agency", "updated_at"])
    if table is not None:
        category.routing.all().delete()
        RoutingEntry.objects.bulk_create(
            RoutingEntry(category=category, area=area, agency=target) for area, target in table
        )
    return category


@transaction.atomic
def category_routing_sync(
    *,
    category: Category,
    rule: str,
    agency: Agency | None = None,
    table: list[tuple[Area, Agency]] | None = None,
) -> bool:
    """Set a category's routing as `category_set_routing` does, only if it differs; True if so."""
    rows = table or []
    current = set(category.routing.values_list("area_id", "agency_id"))
    same = (
        category.routing_rule == rule
        and category.default_agency_id == (agency.pk if agency else None)
        and current == {(area.pk, target.pk) for area, target in rows}
        and len(current) == len(rows)
    )
    if same:
        return False
    category_set_routing(category=category, rule=rule, agency=agency, table=rows)
    return True


def category_window_set(
    *,
    category: Category,
    available_from: datetime | None,
    available_until: datetime | None,
    successor: Category | None,
    track: str = "",
) -> Category:
    """Make a category time-boxed (a campaign's): the window, the lasting category named after
    it, and the track every report in it takes (written only when something differs)."""
    wanted = (available_from, available_until, successor.pk if successor else None, track)
    if (
        category.available_from,
        category.available_until,
        category.successor_id,
        category.track,
    ) == wanted:
        return category
    category.available_from = available_from
    category.available_until = available_until
    category.successor = successor
    category.track = track
    category.save(
        update_fields=["available_from", "available_until", "successor", "track", "updated_at"]
    )
    return category
