"""Public pages: home, the list of reports, one report with its public timeline."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from phananh.accounts.selectors import actor_for_user, agency_choices_active
from phananh.analytics.choices import PeriodKind
from phananh.analytics.selectors import scorecard_city
from phananh.catalog.selectors import category_choices_public, category_list_public
from phananh.core import dates
from phananh.core.db import keyset_after
from phananh.geo.selectors import area_choices_leaf
from phananh.intelligence.selectors import duplicate_candidates, hot_issue_list_open
from phananh.publication.forms import AnswerForm
from phananh.publication.timeline import overdue_since, public_timeline
from phananh.reports.choices import Action, PublicStatus, Status
from phananh.reports.filters import ReportFilter
from phananh.reports.lifecycle import allowed_actions
from phananh.reports.models import Event, Report
from phananh.reports.search import newest_matches
from phananh.reports.selectors import (
    comment_list_hidden,
    follower_is_confirmed,
    report_card_photos,
    report_get_public,
    report_list_most_supported,
    report_list_public,
    report_question_open,
)
from phananh.reports.tokens import reporter_token

PAGE_SIZE = 20


def _cursor(value: str, errors: dict[str, str]) -> tuple[datetime, int] | None:
    """Parse a keyset cursor "<iso moment>_<id>"; anything else is an error (a 400)."""
    if not value:
        return None
    try:
        return dates.parse_cursor(value)
    except ValueError:
        errors["after"] = _("This page link is not valid: start from the first page.")
        return None


def home(request: HttpRequest) -> HttpResponse:
    latest = report_card_photos(list(report_list_public()[:6]))
    # Headline numbers come from the worker's rollup: no page view counts the reports table.
    city = scorecard_city(kind=PeriodKind.ROLLING_30)
    context = {
        "city": city,
        "latest": latest,
        "most_supported": report_card_photos(list(report_list_most_supported()[:6])),
        "hot_issues": list(hot_issue_list_open(limit=5)),
    }
    return render(request, "publication/home.html", context)


def report_list(request: HttpRequest) -> HttpResponse:
    filters = ReportFilter.from_query(request.GET)
    reports = filters.apply(report_list_public(), search=False)
    cursor = _cursor(request.GET.get("after", ""), filters.errors)
    if cursor:
        moment, pk = cursor
        reports = keyset_after(reports, "submitted_at", moment, pk)
    if filters.q:
        # Words may match thousands of reports: the page's ids are found first (narrow rows
        # sorted, the newest weeks first), then only those rows are read with their category,
        # ward and agency.
        before = cursor[0] if cursor else None
        ids = newest_matches(reports, filters.q, PAGE_SIZE + 1, before=before)
        page = list(report_list_public().filter(pk__in=ids)) if ids else []
    else:
        page = list(reports[: PAGE_SIZE + 1])
    next_cursor = None
    if len(page) > PAGE_SIZE:
        page = page[:PAGE_SIZE]
        last = page[-1]
        next_cursor = f"{last.submitted_at.isoformat()}_{last.pk}"
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "publication/report_list.html",
        {
            "reports": report_card_photos(page),
            "next_cursor": next_cursor,
            "is_first_page": cursor is None,
            "filters": filters,
            "query": query.urlencode(),
            "states": PublicStatus.choices,
            "categories": category_choices_public(),
            "areas": area_choices_leaf(),
            "agencies": agency_choices_active(),
            "map_tiles": settings.MAP_TILE_URL,
            "map_attribution": settings.MAP_ATTRIBUTION,
        },
        status=400 if filters.errors else 200,
    )


def report_nearby(request: HttpRequest) -> JsonResponse:
    """Published reports near a point that may be the same problem: "follow it instead"."""
    try:
        lat, lon = float(request.GET["lat"]), float(request.GET["lon"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError
    except (KeyError, ValueError):
        return JsonResponse(
            {"error": _("Give the place as lat and lon in decimal degrees.")}, status=400
        )
    code = request.GET.get("category", "")[:40]
    category = category_list_public().filter(code=code).first() if code else None
    candidates = duplicate_candidates(
        report_list_public(),
        lat=lat,
        lon=lon,
        category=category,
        text=request.GET.get("text", "")[:2000],
    )
    return JsonResponse(
        {
            "results": [
                {
                    "code": c.report.code,
                    "url": c.report.get_absolute_url(),
                    "text": Truncator(c.report.public_text).chars(140),
                    "category": c.report.category.name if c.report.category else "",
                    "status": c.report.public_status_label,
                    "distance_m": round(c.distance_m),
                    "submitted": dates.day_text(c.report.submitted_at),
                    "supports": c.report.supports_count,
                }
                for c in candidates
            ]
        }
    )


def _rate_url(request: HttpRequest, report: Report) -> str:
    if (
        report.status != Status.RESOLVED
        or report.rating
        or not request.user.is_authenticated
        or report.reporter_id != request.user.pk
    ):
        return ""
    return reverse("publication:report-rate", args=[report.code, reporter_token(report.pk)])


def _answer_context(request: HttpRequest, report: Report) -> dict[str, object]:
    if not request.user.is_authenticated or report.reporter_id != request.user.pk:
        return {}
    question = report_question_open(report)
    if question is None:
        return {}
    return {
        "question": question,
        "answer_form": AnswerForm(),
        "answer_action": reverse("publication:report-answer", args=[report.code]),
    }


def _following(request: HttpRequest, report: Report) -> str:
    """ "yes" (the account gets its emails), "pending" (a link was emailed here) or ""."""
    user = request.user
    if user.is_authenticated:
        return "yes" if follower_is_confirmed(report, user.email) else ""
    return "pending" if report.code in request.session.get("follow_pending", []) else ""


def report_detail(request: HttpRequest, code: str) -> HttpResponse:
    report = report_get_public(code)
    if report is None:
        raise Http404("No report with this code.")
    if report.is_hidden:
        # Gone, not unknown: the page says so, and why, in the reader's language.
        return render(request, "publication/report_gone.html", {"report": report}, status=410)
    moderator = request.user.is_authenticated and Action.MODERATE in allowed_actions(
        report, actor_for_user(request.user)
    )
    # report_get_public prefetched the public timeline (`Prefetch(to_attr=...)`).
    public_events: list[Event] = report.public_events  # type: ignore[attr-defined]
    return render(
        request,
        "publication/report_detail.html",
        {
            "report": report,
            "map_tiles": settings.MAP_TILE_URL,
            "map_attribution": settings.MAP_ATTRIBUTION,
            # Public counts of the reporter's disputes, from the public timeline already loaded.
            "reopen_requests": sum(1 for e in public_events if e.action == Action.REQUEST_REOPEN),
            "reopened": sum(1 for e in public_events if e.action == Action.REOPEN),
            # Each public step with the role that took it and what it decided.
            "timeline": public_timeline(public_events),
            "overdue_since": overdue_since(public_events),
            # The signed-in reporter is asked on the page too (others get the emailed link).
            "rate_url": _rate_url(request, report),
            # The signed-in reporter answers the operations centre's question on the page.
            **_answer_context(request, report),
            # Moderators also see hidden comments, to restore them.
            "moderator": moderator,
            "hidden_comments": list(comment_list_hidden(report)) if moderator else [],
            "following": _following(request, report),
        },
    )


def report_find(request: HttpRequest) -> HttpResponse:
    """The home page's tracking-code box: straight to the report's page."""
    code = "".join(request.GET.get("code", "").split()).upper()[:32]
    candidates = [code] if code.startswith("PA-") else [code, f"PA-{code}"]
    found = Report.objects.filter(code__in=[c for c in candidates if c]).first()
    if found is None:
        messages.error(
            request,
            _("No report has the tracking code “%(code)s”. Check it in the email or text we sent.")
            % {"code": code},
        )
        return redirect(f"{reverse('publication:home')}#track")
    return redirect(found.get_absolute_url())
