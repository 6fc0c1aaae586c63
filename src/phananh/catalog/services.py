"""Writes for the catalogue: install the default categories, set routing."""

from __future__ import annotations

from django.db import transaction

from phananh.accounts.models import Agency
from phananh.catalog.defaults import CATEGORY_GROUPS, DEFAULT_CATEGORIES
from phananh.catalog.models import Category, CategoryGroup, RoutingEntry
from phananh.geo.models import Area


@transaction.atomic
def category_install_defaults() -> int:
    """Create the default groups and categories that are missing; edits made by admins are kept."""
    groups = {}
    for order, group in enumerate(CATEGORY_GROUPS):
        groups[group["code"]], _ = CategoryGroup.objects.get_or_create(
            code=group["code"],
            defaults={"name_vi": group["name_vi"], "name_en": group["name_en"], "order": order},
        )
    created = 0
    for order, item in enumerate(DEFAULT_CATEGORIES):
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
        created += was_created
    return created


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
