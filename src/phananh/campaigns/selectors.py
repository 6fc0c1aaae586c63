"""Reads for campaigns: the public list and page, its reports with before/after photos, its
progress, the ward ranking (the scorecards' Wilson bounds), its timeline and its map."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q, QuerySet

from phananh.analytics.scorecards import wilson
from phananh.campaigns.choices import CampaignState, VolunteerState
from phananh.campaigns.models import Campaign, CampaignReport, VolunteerEvent
from phananh.campaigns.services import running
from phananh.core import clock
from phananh.geo.models import Area
from phananh.reports.choices import (
    ACCEPTING_RATINGS,
    PUBLISHED_STATUSES,
    MediaPurpose,
    MediaState,
)
from phananh.reports.models import Media, Rating, Report
from phananh.reports.selectors import LIST_DEFERRED
from phananh.sla.choices import Outcome, Step
from phananh.sla.models import Deadline

PAGE_SIZE = 30
MAP_POINTS = 2000


def campaign_list_public() -> QuerySet[Campaign]:
    """Every campaign, running and upcoming first, then the ended ones as a record."""
    return Campaign.objects.order_by("-ends_at", "slug")


def campaign_list_running() -> QuerySet[Campaign]:
    return Campaign.objects.filter(running()).order_by("ends_at", "slug")


def campaign_get(slug: str) -> Campaign | None:
    return Campaign.objects.filter(slug=slug).prefetch_related("areas", "uses__category").first()


def campaign_state(campaign: Campaign) -> str:
    return campaign.state_at(clock.now())


def _public(campaign: Campaign) -> QuerySet[Report]:
    return Report.objects.filter(
        campaign_links__campaign=campaign, status__in=PUBLISHED_STATUSES, is_hidden=False
    )


def campaign_reports_public(campaign: Campaign) -> QuerySet[Report]:
    """Its published reports, newest first, with the reporter's photo and the agency's result
    photo ready to show side by side (`before`, `after`)."""
    ready = Media.objects.filter(state=MediaState.READY, kind="photo")
    return (
        _public(campaign)
        .select_related("category", "area", "agency")
        .defer(*LIST_DEFERRED)
        .prefetch_related(
            Prefetch("media", queryset=ready.filter(purpose=MediaPurpose.REPORT), to_attr="before"),
            Prefetch("media", queryset=ready.filter(purpose=MediaPurpose.RESULT), to_attr="after"),
        )
        .order_by("-submitted_at", "-id")
    )


def campaign_map_points(campaign: Campaign) -> list[dict[str, Any]]:
    """Its published reports with a point (a campaign is bounded: at most MAP_POINTS)."""
    rows = (
        _public(campaign)
        .filter(lat__isnull=False, lon__isnull=False)
        .order_by("-submitted_at")
        .values_list("code", "lat", "lon", "status")[:MAP_POINTS]
    )
    return [
        {"code": code, "lat": lat, "lon": lon, "handled": status in ("resolved", "closed")}
        for code, lat, lon, status in rows
    ]


@dataclass
class Progress:
    """Received, handled, on time and satisfied, with the Wilson lower bounds of the rates."""

    received: int = 0
    handled: int = 0
    on_time: int = 0
    rated: int = 0
    satisfied: int = 0

    @property
    def on_time_low(self) -> float:
        return wilson(self.on_time, self.handled)[0]

    @property
    def satisfied_low(self) -> float:
        return wilson(self.satisfied, self.rated)[0]

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.handled if self.handled else None

    @property
    def satisfied_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None


@dataclass
class WardRow:
    """One ward of the campaign's ranking."""

    area: Area
    received: int
    handled: int
    on_time: int
    rank: int | None = None

    @property
    def on_time_low(self) -> float:
        return wilson(self.on_time, self.handled)[0]


@dataclass
class Standing:
    """The campaign's progress and the wards ranked by it."""

    progress: Progress
    wards: list[WardRow] = field(default_factory=list)


def _resolutions(campaign: Campaign) -> QuerySet[Deadline]:
    return Deadline.objects.filter(
        step=Step.RESOLUTION,
        outcome__in=(Outcome.ON_TIME, Outcome.LATE),
        report__campaign_links__campaign=campaign,
    )


def campaign_standing(campaign: Campaign) -> Standing:
    """Its progress and ward ranking, counted over its own reports (bounded by the campaign)
    and cached for five minutes. Wards are ranked, like the scorecards, by the Wilson lower
    bound of their on-time rate, only from the scorecards' minimum volume of handled reports."""
    links = CampaignReport.objects.filter(campaign=campaign)
    # Any change to one of its reports (a step, a rating) makes a new key.
    latest = links.aggregate(n=Count("id"), last=Max("report__updated_at"))
    stamp = latest["last"].timestamp() if latest["last"] else 0
    key = f"campaign-standing:{campaign.pk}:{campaign.updated_at.timestamp()}:{latest['n']}:{stamp}"
    cached: Standing | None = cache.get(key)
    if cached is not None:
        return cached
    progress = Progress(received=links.count())
    per_area: dict[int | None, dict[str, int]] = {}
    for row in links.values("report__area_id").annotate(n=Count("id")).order_by():
        per_area.setdefault(row["report__area_id"], {"received": 0, "handled": 0, "on_time": 0})
        per_area[row["report__area_id"]]["received"] = row["n"]
    for row in (
        _resolutions(campaign)
        .values("report__area_id", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    ):
        tally = per_area.setdefault(
            row["report__area_id"], {"received": 0, "handled": 0, "on_time": 0}
        )
        tally["handled"] += row["n"]
        progress.handled += row["n"]
        if row["outcome"] == Outcome.ON_TIME:
            tally["on_time"] += row["n"]
            progress.on_time += row["n"]
    ratings = Rating.objects.filter(report__campaign_links__campaign=campaign).aggregate(
        rated=Count("id"), satisfied=Count("id", filter=Q(level__in=ACCEPTING_RATINGS))
    )
    progress.rated, progress.satisfied = ratings["rated"], ratings["satisfied"]
    areas = Area.objects.defer("geometry").in_bulk(
        [area_id for area_id in per_area if area_id is not None]
    )
    wards = [
        WardRow(area=areas[area_id], **tally)
        for area_id, tally in per_area.items()
        if area_id is not None and area_id in areas
    ]
    wards.sort(key=lambda row: (-row.on_time_low, -row.handled, row.area.code))
    position = 0
    for ward in wards:
        if ward.handled >= settings.SCORECARD_MIN_VOLUME:
            position += 1
            ward.rank = position
    standing = Standing(progress=progress, wards=wards)
    cache.set(key, standing, 300)
    return standing


def volunteer_events(campaign: Campaign) -> QuerySet[VolunteerEvent]:
    return VolunteerEvent.objects.filter(campaign=campaign).prefetch_related("reports")


@dataclass(frozen=True)
class Milestone:
    """One line of the drive's timeline."""

    at: datetime
    kind: str
    title: str
    event: VolunteerEvent | None = None


def campaign_timeline(campaign: Campaign) -> list[Milestone]:
    """The drive's own steps: its start, each volunteer event (announced, done, confirmed),
    its end (or its planned end)."""
    from django.utils.translation import gettext as _

    lines = [Milestone(campaign.starts_at, "start", _("The campaign starts"))]
    for event in volunteer_events(campaign):
        lines.append(Milestone(event.starts_at, "event", event.title, event))
        if event.state == VolunteerState.CONFIRMED and event.confirmed_at:
            lines.append(
                Milestone(event.confirmed_at, "confirmed", _("Confirmed by the ward"), event)
            )
    ended = campaign_state(campaign) == CampaignState.ENDED
    lines.append(
        Milestone(
            campaign.ends_at,
            "end",
            _("The campaign ended") if ended else _("The campaign ends"),
        )
    )
    return sorted(lines, key=lambda line: line.at)


def campaign_export_rows(campaign: Campaign) -> QuerySet[CampaignReport]:
    """Every report of the campaign (published or not) for the IOC's export."""
    return (
        CampaignReport.objects.filter(campaign=campaign)
        .select_related("report__category", "report__area", "report__agency")
        .order_by("joined_at", "id")
    )


def campaigns_of_report(report: Report) -> QuerySet[Campaign]:
    return Campaign.objects.filter(links__report=report).order_by("-starts_at")
