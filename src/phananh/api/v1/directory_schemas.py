"""The API's schemas for the directory: categories and their attributes, places, agencies,
scorecards, and category suggestions."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from ninja import Schema
from pydantic import Field

from phananh.api.v1.schemas import Ref, ref_out

if TYPE_CHECKING:
    from phananh.accounts.models import Agency
    from phananh.analytics.models import Scorecard
    from phananh.catalog.models import Category
    from phananh.geo.models import Area

# ── Catalogue, places, agencies, scorecards ──────────────────────────────────────────────


class AttributeValueOut(Schema):
    key: str
    name: str


class AttributeOut(Schema):
    """An Open311 service-definition attribute, in the caller's language."""

    code: str
    datatype: Literal["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]
    required: bool
    variable: bool
    order: int
    description: str
    values: list[AttributeValueOut]


class CategoryOut(Schema):
    code: str
    name: str
    description: str
    group: Ref
    urgent_hint: bool
    attributes: list[AttributeOut]


class CategoryList(Schema):
    results: list[CategoryOut]


def _localized(item: dict, name: str, english: bool) -> str:
    if english and item.get(f"{name}_en"):
        return str(item[f"{name}_en"])
    return str(item.get(f"{name}_vi") or item.get(name) or "")


def attributes_out(attributes: list, english: bool) -> list[dict]:
    result = []
    for position, item in enumerate(attributes or []):
        if not isinstance(item, dict) or not item.get("code"):
            continue
        result.append(
            {
                "code": str(item["code"]),
                "datatype": item.get("datatype") or "string",
                "required": bool(item.get("required", False)),
                "variable": bool(item.get("variable", True)),
                "order": int(item.get("order") or position + 1),
                "description": _localized(item, "description", english),
                "values": [
                    {"key": str(value.get("key")), "name": _localized(value, "name", english)}
                    for value in item.get("values") or []
                    if isinstance(value, dict) and value.get("key") is not None
                ],
            }
        )
    return sorted(result, key=lambda a: a["order"])


class AreaOut(Schema):
    code: str
    name: str
    level: str
    lat: float
    lon: float
    parent: str | None = Field(description="The parent area's code.")


class AreaList(Schema):
    results: list[AreaOut]


class AgencyOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None = Field(description="The parent agency's code.")
    areas: list[str] = Field(description="Codes of the areas the agency serves.")
    url: str = Field(description="The agency's public scorecard page.")


class AgencyList(Schema):
    results: list[AgencyOut]


class ScorecardOut(Schema):
    """One subject's numbers for the period; rates are 0–1, null without enough data."""

    subject: Ref | None = Field(description="The agency, ward or category (null: the city).")
    received: int
    resolved: int
    on_time: int
    on_time_rate: float | None
    on_time_low: float | None = Field(description="Lower confidence bound of the on-time rate.")
    open_overdue: int
    median_hours: float | None
    p90_hours: float | None
    rated: int
    satisfied: int
    satisfaction_rate: float | None
    satisfied_low: float | None
    rating_rate: float | None
    reopened: int
    reopen_rate: float | None
    reopen_high: float | None
    returned: int
    return_rate: float | None
    return_high: float | None
    score: float | None
    rank: int | None = Field(description="Only agencies above the minimum volume are ranked.")
    computed_at: datetime


class ScorecardTable(Schema):
    period: Literal["month", "quarter", "year", "rolling30"]
    by: Literal["agency", "area", "category"]
    start: date
    end: date = Field(description="The last day of the period.")
    min_volume: int
    city: ScorecardOut | None
    results: list[ScorecardOut]


def scorecard_out(
    card: Scorecard, subject: Category | Area | Agency | None = None
) -> dict[str, Any]:
    return {
        "subject": ref_out(subject) if subject is not None else None,
        "received": card.received,
        "resolved": card.resolved,
        "on_time": card.on_time,
        "on_time_rate": card.on_time_rate,
        "on_time_low": card.on_time_low,
        "open_overdue": card.open_overdue,
        "median_hours": card.median_hours,
        "p90_hours": card.p90_hours,
        "rated": card.rated,
        "satisfied": card.satisfied,
        "satisfaction_rate": card.satisfaction_rate,
        "satisfied_low": card.satisfied_low,
        "rating_rate": card.rating_rate,
        "reopened": card.reopened,
        "reopen_rate": card.reopen_rate,
        "reopen_high": card.reopen_high,
        "returned": card.returned,
        "return_rate": card.return_rate,
        "return_high": card.return_high,
        "score": card.score,
        "rank": card.rank,
        "computed_at": card.computed_at,
    }


# ── Classification ────────────────────────────────────────────────────────────────────────

CLASSIFY_MAX_TEXTS = 100
CLASSIFY_MAX_CHARS = 5000


class ClassifyIn(Schema):
    """One text, or up to 100 texts at once."""

    text: str | None = Field(default=None, max_length=CLASSIFY_MAX_CHARS)
    texts: list[str] | None = Field(default=None, max_length=CLASSIFY_MAX_TEXTS)


class SuggestionOut(Schema):
    category: str = Field(description="The category's code.")
    name: str
    score: float = Field(ge=0, le=1)


class ClassificationOut(Schema):
    text: str
    suggestions: list[SuggestionOut] = Field(description="Best first, at most three.")


class ClassifyOut(Schema):
    results: list[ClassificationOut]
