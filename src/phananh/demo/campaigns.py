"""The demo's campaigns (campaigns.json's `demo` parts), lived through the real services.

The finished one (Green Sunday) gets its reports filed while it ran, referred and accepted by
the ward, residents' clean-ups with the "after" photo, the ward's confirmation that resolves
the reports, and ratings; the running one (an epidemic response) gets reports in its own
categories, routed urgently to the health authorities. Once per campaign: a campaign that
already has reports is left as it is.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from phananh.accounts.actors import Actor
from phananh.accounts.models import User
from phananh.accounts.selectors import actor_for_user
from phananh.accounts.services import user_ensure
from phananh.campaigns.models import Campaign, CampaignReport
from phananh.campaigns.services import (
    volunteer_event_confirm,
    volunteer_event_create,
    volunteer_event_join,
    volunteer_event_post_after,
)
from phananh.catalog.selectors import category_by_code
from phananh.cities.campaigns import CampaignRow
from phananh.core import clock
from phananh.demo.photos import demo_photo
from phananh.geo.models import Area
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.intake import report_intake
from phananh.reports.actions.outcome import report_rate
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Channel, RatingLevel, Status
from phananh.reports.drafts import ReportDraft
from phananh.reports.media import media_process
from phananh.reports.models import Media, Report


def _at(campaign: Campaign, day: float, hour: int) -> datetime:
    moment = timezone.localtime(campaign.starts_at + timedelta(days=day))
    return moment.replace(hour=hour, minute=15)


def _file(
    campaign: Campaign,
    sample: dict[str, Any],
    index: int,
    when: datetime,
    citizen: User,
    operator: Actor,
) -> Report:
    area = Area.objects.get(code=sample["ward"])
    rng = random.Random(f"{campaign.slug}:{index}")
    point = (area.lat + rng.uniform(-0.003, 0.003), area.lon + rng.uniform(-0.003, 0.003))
    category = category_by_code([sample["category"]])[sample["category"]]
    photo = ContentFile(
        demo_photo(sample["category"], 7000 + index, near=point), name="phan-anh.jpg"
    )
    with clock.at(when):
        report = report_intake(
            actor=actor_for_user(citizen),
            draft=ReportDraft(
                text=sample["text"],
                channel=rng.choice([Channel.APP, Channel.WEB, Channel.ZALO]),
                category=category,
                point=point,
                address=sample.get("address", ""),
                uploads=[photo],
            ),
        )
    with clock.at(when + timedelta(minutes=rng.randint(10, 50))):
        report = report_assign(report=report, actor=operator)
    return report


def _accept(report: Report, officers: dict[int, Actor], when: datetime) -> Report:
    officer = officers.get(report.agency_id or 0)
    if officer is None or report.status != Status.ASSIGNED:
        return report
    with clock.at(when):
        return report_agency_accept(report=report, actor=officer)


def _volunteers(
    campaign: Campaign,
    events: list[dict[str, Any]],
    reports: list[Report],
    citizens: list[User],
    officers: dict[int, Actor],
    volunteers: list[User],
) -> None:
    for number, plan in enumerate(events):
        day = timezone.localtime(campaign.starts_at + timedelta(days=int(plan["day"])))
        sunday = day.replace(hour=6, minute=30)
        attached = [reports[i] for i in plan["reports"]]
        organiser = citizens[number % len(citizens)]
        with clock.at(sunday - timedelta(days=3)):
            event = volunteer_event_create(
                campaign=campaign,
                organiser_id=organiser.pk,
                title=plan["title"],
                place=plan["place"],
                starts_at=sunday,
                report_codes=[r.code for r in attached],
            )
            for person in volunteers[: int(plan.get("people", 3))]:
                volunteer_event_join(event=event, user_id=person.pk)
        with clock.at(sunday + timedelta(hours=3)):
            after = ContentFile(demo_photo("default", 9000 + number), name="sau-khi-don.jpg")
            volunteer_event_post_after(event=event, user_id=organiser.pk, upload=after)
        resolved: list[Report] = []
        with clock.at(sunday + timedelta(days=1, hours=2)):
            # Each agency whose report was cleaned confirms its own (the ward, a department).
            for agency_id in sorted({r.agency_id for r in attached if r.agency_id}):
                if agency_id in officers:
                    resolved += volunteer_event_confirm(event=event, actor=officers[agency_id])
        with clock.at(sunday + timedelta(days=2)):
            for report in resolved:
                if report.reporter_id is None:
                    continue
                report_rate(
                    report=report,
                    actor=actor_for_user(User.objects.get(pk=report.reporter_id)),
                    level=RatingLevel.VERY_SATISFIED,
                )


def _volunteer_accounts(count: int, domain: str) -> list[User]:
    """Residents who join clean-ups (accounts without a password: for the sample only)."""
    return [
        user_ensure(
            email=f"tinh-nguyen-{number}@{domain}",
            full_name=f"Tình nguyện viên {number}",
            password=None,
        )[0]
        for number in range(1, count + 1)
    ]


def demo_seed_campaigns(
    *,
    rows: list[CampaignRow],
    citizens: list[User],
    operator: Actor,
    officers: dict[int, Actor],
    domain: str,
) -> int:
    """Live each campaign's demo part once; returns how many reports were filed."""
    filed = 0
    most = max(
        (int(e.get("people", 3)) for row in rows for e in row.demo.get("events", [])), default=0
    )
    volunteers = _volunteer_accounts(most, domain) if most else []
    for row in rows:
        campaign = Campaign.objects.get(slug=row.slug)
        samples = row.demo.get("reports", [])
        if not samples or CampaignReport.objects.filter(campaign=campaign).exists():
            continue
        now = clock.now()
        span = (min(campaign.ends_at, now) - campaign.starts_at).days
        reports = []
        for index, sample in enumerate(samples):
            when = _at(campaign, min(span - 1, 1 + index * max(1, span // (len(samples) + 2))), 8)
            report = _file(campaign, sample, index, when, citizens[index % len(citizens)], operator)
            reports.append(_accept(report, officers, when + timedelta(hours=2)))
            filed += 1
        _volunteers(campaign, row.demo.get("events", []), reports, citizens, officers, volunteers)
    for media_id in Media.objects.filter(state="pending").values_list("pk", flat=True):
        media_process(media_id=media_id)
    return filed
