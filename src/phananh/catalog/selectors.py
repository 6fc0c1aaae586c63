"""Reads for the catalogue: categories for pickers, and routing (which agency handles what)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from phananh.accounts.models import Agency
from phananh.accounts.selectors import agency_serving_area
from phananh.catalog.choices import RoutingRule
from phananh.catalog.models import Category, CategoryGroup, RoutingEntry
from phananh.core import clock
from phananh.core.configcache import config_cached
from phananh.core.names import Named
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


def _choices(**only: bool) -> tuple[Named, ...]:
    rows = Category.objects.filter(is_active=True, **only).values_list(
        "code", "name_vi", "name_en", "available_from", "available_until"
    )
    return tuple(Named(*row) for row in rows)


def category_choices_public() -> list[Named]:
    """`category_list_public()` as options (code and names), from the process's copy."""
    now = clock.now()
    copy = config_cached("catalog.public_choices", lambda: _choices(is_public=True))
    return [c for c in copy if c.available_at(now)]


def category_choices_active() -> list[Named]:
    """`category_list_active()` as options (code and names), from the process's copy."""
    now = clock.now()
    return [c for c in config_cached("catalog.active_choices", _choices) if c.available_at(now)]


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
    """A routing decision: the agency (or none), the rule that produced it and why (`reason`, a
    code of `ROUTE_REASONS`); `explanation` says it in the active language."""

    agency: Agency | None
    rule: str
    reason: str
    category: Category | None = None
    area: Area | None = None

    @property
    def explanation(self) -> str:
        return route_explanation(
            self.reason, agency=self.agency, category=self.category, area=self.area
        )


# Why a rule chose what it chose: stored as the code, written in the reader's language.
ROUTE_REASONS = {
    "none": gettext_noop("No category yet: the operations centre decides."),
    "manual": gettext_noop("Chosen by the operations centre."),
    "fixed": gettext_noop("%(agency)s: every %(category)s report goes to this agency."),
    "fixed_missing": gettext_noop("The category has no agency configured."),
    "no_area": gettext_noop("The place is not inside a known area."),
    "table_row": gettext_noop(
        "%(agency)s: the routing table sends %(category)s reports in %(area)s here."
    ),
    "table_default": gettext_noop(
        "%(agency)s: no table row for %(area)s, so the category's default agency."
    ),
    "no_row": gettext_noop("No table row for this area."),
    "no_committee": gettext_noop("No People's Committee serves this area."),
    "committee": gettext_noop("%(agency)s: %(category)s reports go to the ward of the point."),
}


def route_explanation(
    reason: str, *, agency: Agency | None, category: Category | None, area: Area | None
) -> str:
    """Why a report went (or would go) where it did, in the active language, from its data."""
    message = ROUTE_REASONS.get(reason)
    if message is None:
        return ""
    return _(message) % {
        "agency": agency.name if agency else "",
        "category": category.name if category else "",
        "area": area.name if area else "",
    }


def route_reason_guess(
    rule: str, *, agency: Agency | None, category: Category | None, area: Area | None
) -> str:
    """The reason of a decision stored before reasons were (its text is in the language it was
    made in): read again from its rule and outcome."""
    if rule in ("manual", "none"):
        return rule
    if rule == RoutingRule.AGENCY:
        return "fixed" if agency else "fixed_missing"
    if area is None:
        return "no_area"
    if rule == RoutingRule.AREA:
        return "committee" if agency else "no_committee"
    if agency is None:
        return "no_row"
    return "table_default" if category and agency.pk == category.default_agency_id else "table_row"


def rule_label(rule: str) -> str:
    """A rule's name for people (the console shows it beside a suggestion)."""
    if rule == "manual":
        return _("Chosen by the operations centre.")
    if rule == "none":
        return _("no category yet")
    return str(RoutingRule(rule).label) if rule in RoutingRule.values else rule


def route_for(category: Category | None, area: Area | None) -> Route:
    """Apply the category's routing rule to the area; never raises, says why when it finds none."""
    if category is None:
        return Route(None, "none", "none")
    if category.routing_rule == RoutingRule.AGENCY:
        if category.default_agency and category.default_agency.is_active:
            agency = category.default_agency
            return Route(agency, RoutingRule.AGENCY, "fixed", category, area)
        return Route(None, RoutingRule.AGENCY, "fixed_missing", category, area)
    if area is None:
        return Route(None, category.routing_rule, "no_area", category)
    if category.routing_rule == RoutingRule.TABLE:
        entry = (
            RoutingEntry.objects.filter(category=category, area=area, agency__is_active=True)
            .select_related("agency")
            .first()
        )
        if entry:
            return Route(entry.agency, RoutingRule.TABLE, "table_row", category, area)
        if category.default_agency and category.default_agency.is_active:
            return Route(
                category.default_agency, RoutingRule.TABLE, "table_default", category, area
            )
        return Route(None, RoutingRule.TABLE, "no_row", category, area)
    committee = agency_serving_area(area.pk)
    if committee is None:
        return Route(None, RoutingRule.AREA, "no_committee", category, area)
    return Route(committee, RoutingRule.AREA, "committee", category, area)
