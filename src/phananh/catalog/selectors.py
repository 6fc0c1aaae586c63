"""Reads for the catalogue: categories for pickers, and routing (which agency handles what)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from phananh.accounts.models import Agency
from phananh.accounts.selectors import agency_serving_area
from phananh.catalog.choices import RoutingRule
from phananh.catalog.models import Category, CategoryGroup, RoutingEntry
from phananh.core import clock
from phananh.core.configcache import config_cached
from phananh.geo.models import Area


def available_now() -> Q:
    """Categories inside their availability window (a campaign's run), or without one."""
    now = clock.now()
    return (Q(available_from__isnull=True) | Q(available_from__lte=now)) & (
        Q(available_until__isnull=True) | Q(available_until__gt=now)
    )


def category_list_public() -> QuerySet[Category]:
    """Categories a citizen may choose now, in catalogue order."""
    return Category.objects.filter(available_now(), is_active=True, is_public=True).select_related(
        "group"
    )


def category_list_active() -> QuerySet[Category]:
    return Category.objects.filter(available_now(), is_active=True).select_related("group")


def category_get_offered(code: str) -> Category | None:
    """A public category by code, in its window or not: the intake says why one cannot be
    chosen any more (a campaign's category after the campaign) and what to choose instead."""
    return config_cached("catalog.offered", _categories_offered).get(code) if code else None


def category_get_public(code: str) -> Category | None:
    """A category a citizen may choose now, by code (category_list_public's, without a query)."""
    category = category_get_offered(code)
    return category if category is not None and category.is_available(clock.now()) else None


def category_codes_available() -> tuple[str, ...]:
    """The codes a citizen may choose now, without a query: what a list of categories depends
    on besides the saved rows (a campaign's category opens and closes with time)."""
    now = clock.now()
    offered = config_cached("catalog.offered", _categories_offered)
    return tuple(code for code, category in offered.items() if category.is_available(now))


def _categories_offered() -> dict[str, Category]:
    # What the intake and routing read of a category come with it: its successor, its group and
    # its default agency.
    offered = Category.objects.filter(is_active=True, is_public=True).select_related(
        "successor", "group", "default_agency"
    )
    return {category.code: category for category in offered}


def category_by_code(codes: list[str]) -> dict[str, Category]:
    """The categories with these codes (active or not), by code."""
    return Category.objects.in_bulk(codes, field_name="code")


def category_group_by_code() -> dict[str, CategoryGroup]:
    """Every category group, by code."""
    return CategoryGroup.objects.in_bulk(field_name="code")


@dataclass(frozen=True)
class Route:
    """A routing decision: the agency (or none) and the rule that produced it, explained."""

    agency: Agency | None
    rule: str
    explanation: str


def route_for(category: Category | None, area: Area | None) -> Route:
    """Apply the category's routing rule to the area; never raises, says why when it finds none."""
    if category is None:
        return Route(None, "none", _("No category yet: the operations centre decides."))
    if category.routing_rule == RoutingRule.AGENCY:
        if category.default_agency and category.default_agency.is_active:
            agency = category.default_agency
            return Route(
                agency,
                RoutingRule.AGENCY,
                _("%(agency)s: every %(category)s report goes to this agency.")
                % {"agency": agency.name, "category": category.name},
            )
        return Route(None, RoutingRule.AGENCY, _("The category has no agency configured."))
    if area is None:
        return Route(None, category.routing_rule, _("The place is not inside a known area."))
    if category.routing_rule == RoutingRule.TABLE:
        entry = (
            RoutingEntry.objects.filter(category=category, area=area, agency__is_active=True)
            .select_related("agency")
            .first()
        )
        if entry:
            return Route(
                entry.agency,
                RoutingRule.TABLE,
                _("%(agency)s: the routing table sends %(category)s reports in %(area)s here.")
                % {"agency": entry.agency.name, "category": category.name, "area": area.name},
            )
        if category.default_agency and category.default_agency.is_active:
            return Route(
                category.default_agency,
                RoutingRule.TABLE,
                _("%(agency)s: no table row for %(area)s, so the category's default agency.")
                % {"agency": category.default_agency.name, "area": area.name},
            )
        return Route(None, RoutingRule.TABLE, _("No table row for this area."))
    committee = agency_serving_area(area.pk)
    if committee is None:
        return Route(None, RoutingRule.AREA, _("No People's Committee serves this area."))
    return Route(
        committee,
        RoutingRule.AREA,
        _("%(agency)s: %(category)s reports go to the ward of the point.")
        % {"agency": committee.name, "category": category.name},
    )
