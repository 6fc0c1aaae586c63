"""What a client needs to know besides reports: categories (with their Open311 attributes),
wards, agencies and their public scorecards. All public, all small, all read-only.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.decorators import decorate_view

from phananh.accounts.selectors import agency_list_active
from phananh.analytics.choices import PeriodKind, SubjectKind
from phananh.analytics.selectors import scorecard_city, scorecard_period, scorecard_table
from phananh.api.v1.directory_schemas import (
    AgencyList,
    AgencyOut,
    AreaList,
    CategoryList,
    CategoryOut,
    ScorecardTable,
    attributes_out,
    scorecard_out,
)
from phananh.api.v1.errors import not_found, validation_error
from phananh.api.v1.schemas import ErrorOut
from phananh.catalog.selectors import category_codes_available, category_list_public
from phananh.core.conditional import conditional
from phananh.core.dates import EARLIEST, LATEST, in_range, range_message
from phananh.geo.selectors import area_list_leaf

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from phananh.accounts.models import Agency
    from phananh.catalog.models import Category

_RANGE = f"{EARLIEST.isoformat()} to {LATEST.isoformat()}"
router = Router(tags=["directory"])

ERRORS = frozenset({400, 401, 404, 429})


def _english() -> bool:
    return (translation.get_language() or "vi").startswith("en")


def _category_out(category: Category) -> dict[str, Any]:
    return {
        "code": category.code,
        "name": category.name,
        "description": category.description,
        "group": {"code": category.group.code, "name": category.group.name},
        "urgent_hint": category.urgent_hint,
        "attributes": attributes_out(category.attributes, _english()),
    }


@router.get("/categories", response={200: CategoryList, ERRORS: ErrorOut}, summary="Categories")
@decorate_view(conditional(lambda request: category_codes_available()))
def category_list(request: HttpRequest) -> dict[str, Any]:
    """The categories a citizen may choose, in catalogue order, with their Open311 attributes."""
    return {"results": [_category_out(c) for c in category_list_public()]}


@router.get(
    "/categories/{code}", response={200: CategoryOut, ERRORS: ErrorOut}, summary="One category"
)
def category_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    category = category_list_public().filter(code=code[:40]).first()
    if category is None:
        raise not_found(_("No category with this code."))
    return _category_out(category)


@router.get("/areas", response={200: AreaList, ERRORS: ErrorOut}, summary="Wards and communes")
@decorate_view(conditional())
def area_list(request: HttpRequest) -> dict[str, Any]:
    """The wards and communes a report can be placed in, with an interior point of each."""
    areas = (
        area_list_leaf()
        .select_related("parent")
        .only("code", "name_vi", "name_en", "level", "lat", "lon", "parent__code")
    )
    return {
        "results": [
            {
                "code": a.code,
                "name": a.name,
                "level": a.level,
                "lat": a.lat,
                "lon": a.lon,
                "parent": a.parent.code if a.parent is not None else None,
            }
            for a in areas
        ]
    }


def _agency_out(agency: Agency) -> dict[str, Any]:
    return {
        "code": agency.code,
        "name": agency.name,
        "kind": agency.kind,
        "parent": agency.parent.code if agency.parent is not None else None,
        "areas": sorted(area.code for area in agency.areas.all()),
        "url": settings.SITE_URL + reverse("publication:agency-detail", args=[agency.code]),
    }


def _agencies() -> QuerySet[Agency]:
    return agency_list_active().prefetch_related("areas").order_by("kind", "code")


@router.get("/agencies", response={200: AgencyList, ERRORS: ErrorOut}, summary="Agencies")
@decorate_view(conditional())
def agency_list(request: HttpRequest) -> dict[str, Any]:
    """Active agencies: the operations centre, ward committees, departments, companies."""
    return {"results": [_agency_out(a) for a in _agencies()]}


@router.get("/agencies/{code}", response={200: AgencyOut, ERRORS: ErrorOut}, summary="One agency")
def agency_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    agency = _agencies().filter(code=code[:64]).first()
    if agency is None:
        raise not_found(_("No agency with this code."))
    return _agency_out(agency)


@router.get(
    "/scorecards",
    response={200: ScorecardTable, ERRORS: ErrorOut},
    summary="Scorecards and ranking",
)
def scorecards(
    request: HttpRequest,
    period: str = Query(
        PeriodKind.ROLLING_30.value, description="month, quarter, year or rolling30"
    ),
    by: str = Query(SubjectKind.AGENCY.value, description="agency, area or category"),
    day: date = Query(  # noqa: B008
        None,
        alias="date",
        description=f"A day in the period wanted, YYYY-MM-DD, {_RANGE} (default: today).",
    ),
) -> dict[str, Any]:
    """Each agency's (or ward's, or category's) numbers for a period, ranked; see the public
    methodology page for how each number is made. Computed by the worker, never on request."""
    errors = {}
    if period not in PeriodKind.values:
        errors["period"] = _("Choose one of: %(choices)s.") % {
            "choices": ", ".join(PeriodKind.values)
        }
    subjects = (SubjectKind.AGENCY, SubjectKind.AREA, SubjectKind.CATEGORY)
    if by not in subjects:
        errors["by"] = _("Choose one of: %(choices)s.") % {"choices": ", ".join(subjects)}
    on: date | None = day
    if on is not None and not in_range(on):
        errors["date"] = range_message()
    if errors:
        raise validation_error(errors)
    start, end = scorecard_period(period, on)
    city = scorecard_city(kind=period, day=on)
    cards = scorecard_table(kind=period, subject_kind=by, day=on)
    return {
        "period": period,
        "by": by,
        "start": start,
        "end": end - timedelta(days=1),
        "min_volume": settings.SCORECARD_MIN_VOLUME,
        "city": scorecard_out(city) if city is not None else None,
        "results": [scorecard_out(card, card.subject) for card in cards],
    }
