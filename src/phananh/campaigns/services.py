"""Writes for campaigns: a campaign and its categories, the reports that join it, and
residents' volunteer events whose "after" photo resolves reports once the ward confirms.

A campaign's own categories are ordinary `catalog.Category` rows with an availability window
(the campaign's dates), a lasting `successor` to name once it ends, an optional fixed track,
their routing rule and their deadline policy (`sla.SlaPolicy`): routing, deadlines and the
attribute check work on them unchanged, and the intake refuses them outside the window.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import IO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.models import Agency
from phananh.campaigns.choices import JoinedBy, VolunteerState
from phananh.campaigns.models import (
    Campaign,
    CampaignCategory,
    CampaignReport,
    VolunteerEvent,
    VolunteerJoin,
)
from phananh.catalog.choices import RoutingRule
from phananh.catalog.models import Category, CategoryGroup
from phananh.catalog.services import category_routing_sync, category_upsert, category_window_set
from phananh.core import clock
from phananh.core.configcache import config_cached
from phananh.core.errors import ActionNotAllowed, InvalidInput
from phananh.core.upsert import CREATED, Outcome, row_upsert
from phananh.geo.models import Area
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.choices import OPEN_STATUSES, PUBLISHED_STATUSES, Status
from phananh.reports.drafts import ReportDraft
from phananh.reports.media import media_inspect
from phananh.reports.media_processing import make_public_photo
from phananh.reports.models import Report
from phananh.sla.choices import Track, Unit
from phananh.sla.policy_services import policy_upsert

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$")
IOC = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)


def _invalid(message: str, field: str, code: str) -> InvalidInput:
    return InvalidInput(message, code=code, fields={field: code})


@transaction.atomic
def campaign_upsert(
    *,
    slug: str,
    name_vi: str,
    starts_at: datetime,
    ends_at: datetime,
    name_en: str = "",
    description_vi: str = "",
    description_en: str = "",
    areas: Iterable[Area] = (),
    categories: Iterable[Category] = (),
    created_by: int | None = None,
) -> tuple[Campaign, Outcome]:
    """Create a campaign or bring it to these values. `areas` empty: the whole city;
    `categories`: the lasting ones it uses (its own are added by `campaign_category_create`)."""
    if not _SLUG.match(slug or ""):
        raise _invalid(_("Use 3 to 60 lowercase letters, digits and hyphens."), "slug", "bad_slug")
    if not (name_vi or "").strip():
        raise _invalid(_("This field is required."), "name_vi", "required")
    if ends_at <= starts_at:
        raise _invalid(_("A campaign ends after it starts."), "ends_at", "ends_before_start")
    campaign, outcome = row_upsert(
        Campaign,
        lookup={"slug": slug},
        values={
            "name_vi": name_vi.strip(),
            "name_en": name_en.strip(),
            "description_vi": description_vi.strip(),
            "description_en": description_en.strip(),
            "starts_at": starts_at,
            "ends_at": ends_at,
        },
    )
    if outcome == CREATED and created_by is not None:
        Campaign.objects.filter(pk=campaign.pk).update(created_by_id=created_by)
    campaign.areas.set(list(areas))
    wanted = {category.pk for category in categories}
    CampaignCategory.objects.filter(campaign=campaign, own=False).exclude(
        category_id__in=wanted
    ).delete()
    for category_id in wanted:
        CampaignCategory.objects.get_or_create(
            campaign=campaign, category_id=category_id, defaults={"own": False}
        )
    _windows_sync(campaign)
    return campaign, outcome


def _windows_sync(campaign: Campaign) -> None:
    """The campaign's own categories take reports exactly while it runs."""
    for link in CampaignCategory.objects.filter(campaign=campaign, own=True).select_related(
        "category"
    ):
        category = link.category
        if (category.available_from, category.available_until) != (
            campaign.starts_at,
            campaign.ends_at,
        ):
            category_window_set(
                category=category,
                available_from=campaign.starts_at,
                available_until=campaign.ends_at,
                successor=category.successor,
                track=category.track,
            )


def campaign_cover_set(*, campaign: Campaign, upload: IO[bytes]) -> Campaign:
    """The cover image, re-encoded without its metadata."""
    data, info = media_inspect(upload)
    if info.kind != "photo":
        raise _invalid(_("The cover must be a photo."), "cover", "not_a_photo")
    campaign.cover.save(
        f"{campaign.slug}-{info.sha256[:8]}.jpg", ContentFile(make_public_photo(data))
    )
    return campaign


@dataclass(frozen=True)
class Step:
    """One deadline step of a campaign category's policy: an amount and a unit."""

    amount: Decimal
    unit: str


@transaction.atomic
def campaign_category_create(
    *,
    campaign: Campaign,
    code: str,
    name_vi: str,
    group: CategoryGroup,
    rule: str,
    track: str,
    triage: Step,
    acceptance: Step,
    resolution: Step,
    name_en: str = "",
    description_vi: str = "",
    description_en: str = "",
    agency: Agency | None = None,
    successor: Category | None = None,
    keywords: Sequence[str] = (),
) -> Category:
    """A category that exists only while the campaign runs, with its routing rule, its track
    (every report in it takes that track) and its deadline policy on that track."""
    if not re.match(r"^[a-z0-9][a-z0-9_-]{1,38}$", code or ""):
        raise _invalid(_("Use lowercase letters, digits, - and _."), "code", "bad_code")
    existing = Category.objects.filter(code=code).first()
    if (
        existing is not None
        and not CampaignCategory.objects.filter(
            campaign=campaign, category=existing, own=True
        ).exists()
    ):
        raise _invalid(_("Another category already has this code."), "code", "code_taken")
    if rule not in (RoutingRule.AREA, RoutingRule.AGENCY):
        raise _invalid(_("Choose the ward's committee or one agency."), "rule", "bad_rule")
    if rule == RoutingRule.AGENCY and agency is None:
        raise _invalid(_("Choose the agency that handles these reports."), "agency", "required")
    if track not in Track.values:
        raise _invalid(_("Unknown track."), "track", "bad_track")
    for field, step in (("triage", triage), ("acceptance", acceptance), ("resolution", resolution)):
        if step.unit not in Unit.values or not Decimal(0) < step.amount <= Decimal(999):
            raise _invalid(_("Give a time between 0 and 999."), field, "bad_time")
    category, _outcome = category_upsert(
        code=code,
        name_vi=name_vi.strip(),
        name_en=name_en.strip(),
        description_vi=description_vi,
        description_en=description_en,
        group=group,
        keywords=list(keywords),
        urgent_hint=track == Track.URGENT,
    )
    category_routing_sync(category=category, rule=rule, agency=agency)
    policy_upsert(
        category=category,
        track=track,
        triage=(triage.amount, triage.unit),
        acceptance=(acceptance.amount, acceptance.unit),
        resolution=(resolution.amount, resolution.unit),
    )
    CampaignCategory.objects.update_or_create(
        campaign=campaign, category=category, defaults={"own": True}
    )
    category_window_set(
        category=category,
        available_from=campaign.starts_at,
        available_until=campaign.ends_at,
        successor=successor,
        track=track,
    )
    return category


# ── Reports joining ───────────────────────────────────────────────────────────────────────


def _covers(campaign: Campaign, report: Report) -> bool:
    area_ids = {area.pk for area in campaign.areas.all()}
    return not area_ids or report.area_id in area_ids


def _link(campaign: Campaign, report: Report, how: str, tagged_by: int | None = None) -> bool:
    """Link once; whether it was new (twice-safe)."""
    try:
        with transaction.atomic():
            _link_row, created = CampaignReport.objects.get_or_create(
                campaign=campaign,
                report=report,
                defaults={"joined_at": clock.now(), "joined_by": how, "tagged_by_id": tagged_by},
            )
    except IntegrityError:
        return False
    return created


def running(moment: datetime | None = None) -> Q:
    moment = moment or clock.now()
    return Q(starts_at__lte=moment, ends_at__gt=moment)


def campaign_join_at_intake(report: Report, draft: ReportDraft, actor: Actor) -> None:
    """The intake hook: the campaign the reporter picked (refused when it is not running, or
    does not cover the place), and every running campaign whose categories and places the
    report is in."""
    if draft.campaign:
        picked = Campaign.objects.filter(running(), slug=draft.campaign).first()
        if picked is None:
            raise _invalid(
                _("This campaign is not running: choose a running one or none."),
                "campaign",
                "campaign_not_running",
            )
        if report.area_id is not None and not _covers(picked, report):
            raise _invalid(
                _("This campaign does not cover the place of the report."),
                "campaign",
                "campaign_elsewhere",
            )
        _link(picked, report, JoinedBy.PICKED)
    if report.category_id is None:
        return
    now = clock.now()
    for window in _campaign_windows():
        if (
            window.starts_at <= now < window.ends_at
            and report.category_id in window.category_ids
            and (not window.area_ids or report.area_id in window.area_ids)
        ):
            _link(Campaign(pk=window.campaign_id), report, JoinedBy.CATEGORY)


@dataclass(frozen=True)
class _Window:
    """What the intake needs of a campaign that has not ended: when, which categories, where."""

    campaign_id: int
    starts_at: datetime
    ends_at: datetime
    category_ids: frozenset[int]
    area_ids: frozenset[int]


def _campaign_windows() -> list[_Window]:
    """The campaigns not yet ended, per process until the configuration changes (a campaign,
    its categories or places saved anywhere), so a report joins them without a query."""

    def load() -> list[_Window]:
        campaigns = Campaign.objects.filter(ends_at__gt=clock.now()).prefetch_related("areas")
        uses = CampaignCategory.objects.filter(campaign__in=campaigns).values_list(
            "campaign_id", "category_id"
        )
        categories: dict[int, set[int]] = {}
        for campaign_id, category_id in uses:
            categories.setdefault(campaign_id, set()).add(category_id)
        return [
            _Window(
                campaign_id=campaign.pk,
                starts_at=campaign.starts_at,
                ends_at=campaign.ends_at,
                category_ids=frozenset(categories.get(campaign.pk, ())),
                area_ids=frozenset(area.pk for area in campaign.areas.all()),
            )
            for campaign in campaigns
            if campaign.pk in categories
        ]

    return config_cached("campaigns.windows", load)


def campaign_tag(*, campaign: Campaign, report: Report, actor: Actor) -> bool:
    """The operations centre adds a report to a campaign (its row records who and when);
    whether it was new."""
    if not any(actor.has_role(role) for role in IOC):
        raise ActionNotAllowed(_("Only the operations centre tags reports."), code="forbidden")
    return _link(campaign, report, JoinedBy.TAGGED, tagged_by=actor.user_id)


# ── Volunteer events ──────────────────────────────────────────────────────────────────────


@transaction.atomic
def volunteer_event_create(
    *,
    campaign: Campaign,
    organiser_id: int,
    title: str,
    place: str,
    starts_at: datetime,
    report_codes: Sequence[str],
    lat: float | None = None,
    lon: float | None = None,
) -> VolunteerEvent:
    """A resident announces a clean-up of one or more of the campaign's public reports."""
    if campaign.ends_at <= clock.now():
        raise _invalid(_("This campaign has ended."), "campaign", "campaign_ended")
    if not title.strip():
        raise _invalid(_("This field is required."), "title", "required")
    if not place.strip():
        raise _invalid(_("This field is required."), "place", "required")
    codes = sorted({code.strip().upper() for code in report_codes if code.strip()})
    reports = list(
        Report.objects.filter(
            code__in=codes,
            campaign_links__campaign=campaign,
            status__in=PUBLISHED_STATUSES,
            is_hidden=False,
        )
    )
    if not codes or len(reports) != len(codes):
        missing = sorted(set(codes) - {report.code for report in reports}) or ["-"]
        raise _invalid(
            _("Not reports of this campaign: %(codes)s") % {"codes": ", ".join(missing)},
            "reports",
            "not_in_campaign",
        )
    event = VolunteerEvent.objects.create(
        campaign=campaign,
        organiser_id=organiser_id,
        title=title.strip()[:200],
        place=place.strip()[:255],
        lat=lat,
        lon=lon,
        starts_at=starts_at,
        created_at=clock.now(),
    )
    event.reports.set(reports)
    volunteer_event_join(event=event, user_id=organiser_id)
    return event


def volunteer_event_join(*, event: VolunteerEvent, user_id: int) -> VolunteerEvent:
    """Count one more person (once per person)."""
    with transaction.atomic():
        VolunteerJoin.objects.get_or_create(
            event=event, user_id=user_id, defaults={"created_at": clock.now()}
        )
        event.joined_count = VolunteerJoin.objects.filter(event=event).count()
        event.save(update_fields=["joined_count"])
    return event


def volunteer_event_post_after(
    *, event: VolunteerEvent, user_id: int, upload: IO[bytes]
) -> VolunteerEvent:
    """The organiser posts the "after" photo (kept without its metadata)."""
    if event.organiser_id != user_id:
        raise ActionNotAllowed(_("Only the organiser posts the result."), code="forbidden")
    if event.state == VolunteerState.CONFIRMED:
        raise _invalid(_("The ward has already confirmed this event."), "photo", "confirmed")
    data, info = media_inspect(upload)
    if info.kind != "photo":
        raise _invalid(_("The result must be a photo."), "photo", "not_a_photo")
    event.after_photo.save(
        f"after-{event.pk}-{info.sha256[:8]}.jpg", ContentFile(make_public_photo(data)), save=False
    )
    event.state = VolunteerState.DONE
    event.after_posted_at = clock.now()
    event.save(update_fields=["after_photo", "state", "after_posted_at"])
    return event


@transaction.atomic
def volunteer_event_confirm(*, event: VolunteerEvent, actor: Actor, note: str = "") -> list[Report]:
    """The ward's officer confirms the clean-up: each attached report of the ward's agency is
    resolved (accepted first when it was only referred) with the "after" photo as its result;
    the event is confirmed once none of its reports is open (another agency's confirm theirs).
    Returns the reports resolved."""
    event = VolunteerEvent.objects.select_for_update().get(pk=event.pk)
    if event.state != VolunteerState.DONE or not event.after_photo:
        raise _invalid(
            _("The organiser has not posted the photo after the clean-up yet."),
            "event",
            "not_done",
        )
    result = note.strip() or _(
        "Cleaned up by residents in the campaign “%(campaign)s” (%(people)d people); "
        "confirmed by the ward."
    ) % {"campaign": event.campaign.name, "people": event.joined_count}
    mine = [
        report
        for report in event.reports.filter(status__in=OPEN_STATUSES)
        if report.agency_id is not None
        and (
            actor.has_role(Role.OFFICER, report.agency_id)
            or actor.has_role(Role.HEAD, report.agency_id)
        )
    ]
    if not mine:
        raise ActionNotAllowed(_("None of these reports is with your agency."), code="forbidden")
    with event.after_photo.open("rb") as handle:
        photo = handle.read()
    resolved = []
    for report in mine:
        if report.status == Status.ASSIGNED:
            report = report_agency_accept(report=report, actor=actor)
        if report.status in (Status.IN_PROGRESS, Status.REOPENED):
            upload = ContentFile(photo, name=f"after-{event.pk}.jpg")
            resolved.append(
                report_resolve(report=report, actor=actor, result=result, uploads=[upload])
            )
    # Confirmed once every attached report is handled: each agency confirms its own.
    if not event.reports.filter(status__in=OPEN_STATUSES).exists():
        event.state = VolunteerState.CONFIRMED
        event.confirmed_by_id = actor.user_id
        event.confirmed_at = clock.now()
        event.save(update_fields=["state", "confirmed_by", "confirmed_at"])
    return resolved
