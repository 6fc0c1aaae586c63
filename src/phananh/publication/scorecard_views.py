"""Public scorecards: the agency ranking, one agency's page, and how the numbers are made."""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats

from phananh.accounts.models import Agency
from phananh.analytics import charts
from phananh.analytics.choices import PeriodKind, SubjectKind
from phananh.analytics.scorecards import WEIGHTS, Z
from phananh.analytics.selectors import (
    scorecard_city,
    scorecard_for,
    scorecard_period,
    scorecard_table,
    scorecard_trend,
)

SUBJECTS = (SubjectKind.AGENCY, SubjectKind.AREA, SubjectKind.CATEGORY)


def _choice(value: str | None, allowed: Collection[str], default: str) -> str:
    return value if value is not None and value in allowed else default


def agency_ranking(request: HttpRequest) -> HttpResponse:
    kind = _choice(request.GET.get("period"), PeriodKind.values, PeriodKind.ROLLING_30)
    by = _choice(request.GET.get("by"), SUBJECTS, SubjectKind.AGENCY)
    start, end = scorecard_period(kind)
    cards = scorecard_table(kind=kind, subject_kind=by)
    ranked = [card for card in cards if card.rank]
    return render(
        request,
        "publication/agency_ranking.html",
        {
            "cards": cards,
            "city": scorecard_city(kind=kind),
            "kind": kind,
            "by": by,
            "periods": PeriodKind.choices,
            "subjects": [(s, SubjectKind(s).label) for s in SUBJECTS],
            "start": start,
            "last_day": end - timedelta(days=1),
            "min_volume": settings.SCORECARD_MIN_VOLUME,
            "chart": charts.bars([(str(c.subject), c.score or 0) for c in ranked[:15]]),
        },
    )


def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = Agency.objects.filter(code=code, is_active=True).select_related("parent").first()
    if agency is None:
        raise Http404("No such agency.")
    trend = scorecard_trend(subject_kind=SubjectKind.AGENCY, subject_id=agency.pk)
    months = [formats.date_format(card.period_start, "YEAR_MONTH_FORMAT") for card in trend]
    return render(
        request,
        "publication/agency_detail.html",
        {
            "agency": agency,
            "cards": [
                (
                    PeriodKind(kind).label,
                    scorecard_for(kind=kind, subject_kind=SubjectKind.AGENCY, subject_id=agency.pk),
                )
                for kind in (
                    PeriodKind.ROLLING_30,
                    PeriodKind.MONTH,
                    PeriodKind.QUARTER,
                    PeriodKind.YEAR,
                )
            ],
            "trend": trend,
            "received_chart": charts.line(
                list(zip(months, [c.received for c in trend], strict=True))
            ),
            "on_time_chart": charts.line(
                list(
                    zip(
                        months,
                        [
                            round(100 * c.on_time_rate) if c.on_time_rate is not None else None
                            for c in trend
                        ],
                        strict=True,
                    )
                ),
                unit="%",
            ),
            "min_volume": settings.SCORECARD_MIN_VOLUME,
        },
    )


def methodology(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publication/methodology.html",
        {
            "weights": {k: int(v * 100) for k, v in WEIGHTS.items()},
            "z": Z,
            "min_volume": settings.SCORECARD_MIN_VOLUME,
        },
    )
