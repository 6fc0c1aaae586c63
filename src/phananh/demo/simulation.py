"""The demo's sample reports, each driven through the real lifecycle services to its outcome.

Deterministic: the plan, the places, the texts picked and every step come from seeded random
generators, so two seeds of the same samples give the same reports. Each sample report is
created once (its `reporter_channel_id` is "demo:<n>"): a second run adds nothing and an
interrupted run resumes.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.models import Agency, Membership, User
from phananh.accounts.selectors import actor_for_user, user_by_email
from phananh.catalog.selectors import category_by_code
from phananh.core import clock
from phananh.demo.data import DemoPeople, DemoSamples, Phrase, SampleReport
from phananh.demo.photos import demo_photo
from phananh.geo.choices import LEAF_LEVELS
from phananh.geo.models import Area
from phananh.reports.actions._base import route_suggestion
from phananh.reports.actions.agency import report_agency_accept, report_progress, report_return
from phananh.reports.actions.deadlines import report_escalate
from phananh.reports.actions.intake import report_confirm, report_intake
from phananh.reports.actions.outcome import (
    report_auto_close,
    report_rate,
    report_reopen,
    report_request_reopen,
    report_resolve,
)
from phananh.reports.actions.participation import comment_add
from phananh.reports.actions.triage import (
    report_answer_info,
    report_assign,
    report_merge,
    report_reject,
    report_request_info,
)
from phananh.reports.choices import Channel, RatingLevel, Status, Track
from phananh.reports.drafts import Contact, ReportDraft
from phananh.reports.media import media_process
from phananh.reports.models import Comment, Media, Report
from phananh.reports.selectors import report_list_public
from phananh.sla.choices import DeadlineState, Step
from phananh.sla.models import Deadline

# Final statuses of the sample reports and how often each occurs (older reports are further on).
_OUTCOMES = [
    (Status.CLOSED, 34),
    (Status.RESOLVED, 14),
    (Status.IN_PROGRESS, 12),
    (Status.ASSIGNED, 8),
    (Status.NEW, 8),
    (Status.INFO_REQUESTED, 3),
    (Status.RETURNED, 3),
    (Status.REOPENED, 4),
    (Status.REJECTED, 6),
    (Status.MERGED, 4),
    (Status.UNCONFIRMED, 2),
]


class _Timeline:
    """Moves the demo clock forward in plausible steps while a sample report lives."""

    def __init__(self, start: datetime, rng: random.Random) -> None:
        self.moment = start
        self.rng = rng
        self.limit = timezone.now() - timedelta(minutes=5)

    def step(self, low_hours: float, high_hours: float) -> AbstractContextManager[None]:
        self.moment = min(
            self.moment + timedelta(hours=self.rng.uniform(low_hours, high_hours)), self.limit
        )
        return clock.at(self.moment)


def _photo(samples: DemoSamples, category: str, seed: int) -> io.BytesIO:
    upload = io.BytesIO(demo_photo(category, seed, width=800, height=600, near=samples.photo_gps))
    upload.name = f"photo-{seed}.jpg"
    return upload


def _pick(rng: random.Random, items: list[Phrase], lang: str) -> str:
    return rng.choice(items).text(lang)


def _live(report: Report, outcome: str, ctx: dict, rng: random.Random, tl: _Timeline) -> None:
    """Drive one sample report through the real services up to its outcome."""
    samples: DemoSamples = ctx["samples"]
    operator, supervisor = ctx["operator"], ctx["supervisor"]
    lang, category = ctx["lang"], ctx["category"]
    if outcome == Status.UNCONFIRMED:
        return
    if report.status == Status.UNCONFIRMED:
        with tl.step(0.05, 1):
            report = report_confirm(report=report, actor=Actor.reporter_link(report.pk))
    if outcome == Status.NEW:
        return
    if outcome == Status.REJECTED:
        with tl.step(0.5, 4):
            report_reject(
                report=report,
                actor=operator,
                reason=_pick(rng, samples.reject_reasons, lang),
                reason_code=rng.choice(samples.reject_reasons).code,
            )
        return
    if outcome == Status.MERGED:
        primary = ctx.get("last_published")
        if primary is not None:
            with tl.step(0.5, 4):
                report_merge(report=report, actor=operator, into=primary)
            return
    if outcome == Status.INFO_REQUESTED or rng.random() < 0.08:
        with tl.step(0.5, 3):
            report = report_request_info(
                report=report, actor=operator, question=samples.question.text(lang)
            )
        if outcome == Status.INFO_REQUESTED:
            return
        with tl.step(1, 10):
            report = report_answer_info(
                report=report,
                actor=Actor.reporter_link(report.pk),
                answer=samples.answer.text(lang),
            )
    route = route_suggestion(report)
    agency = route.agency or ctx["fallback_agency"]
    with tl.step(0.3, 3):
        report = report_assign(report=report, actor=operator, agency=agency)
    officer = ctx["officers"].get(agency.pk)
    if outcome == Status.RETURNED:
        with tl.step(1, 6):
            report_return(
                report=report, actor=officer, reason=_pick(rng, samples.return_reasons, "vi")
            )
        return
    if outcome == Status.ASSIGNED:
        return
    with tl.step(0.5, 8):
        report = report_agency_accept(report=report, actor=officer)
    ctx["last_published"] = report
    if rng.random() < 0.6:
        with tl.step(4, 48):
            note = _pick(rng, samples.progress_notes[category], lang)
            report = report_progress(report=report, actor=officer, note=note)
    if outcome == Status.IN_PROGRESS:
        return
    with tl.step(12, 120):
        report = report_resolve(
            report=report,
            actor=officer,
            result=_pick(rng, samples.results[category], lang),
            uploads=[_photo(samples, category, rng.randrange(10**6))] if rng.random() < 0.7 else [],
        )
    reporter = Actor.reporter_link(report.pk)
    if outcome == Status.REOPENED:
        with tl.step(6, 48):
            report = report_request_reopen(
                report=report,
                actor=reporter,
                reason=samples.reopen_reason.text(lang),
                uploads=[_photo(samples, category, rng.randrange(10**6))],
            )
        with tl.step(2, 24):
            report_reopen(report=report, actor=supervisor, note=samples.reopen_note)
        return
    if outcome == Status.RESOLVED:
        return
    if rng.random() < 0.2 and tl.moment + timedelta(days=8) < tl.limit:
        # No rating within the evaluation window: the monitor closes it.
        with tl.step(24 * 7 + 1, 24 * 8):
            report_auto_close(report=report)
        return
    with tl.step(2, 96):
        level = rng.choices(
            [RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.ACCEPTABLE],
            weights=[3, 5, 2],
        )[0]
        report_rate(report=report, actor=reporter, level=level)


def _escalate_missed(report_id: int) -> None:
    """What the monitor would have done: each passed deadline escalated a minute after it."""
    now = timezone.now()
    for deadline in Deadline.objects.filter(
        report_id=report_id, state=DeadlineState.OPEN, overdue_at__isnull=True, due_at__lt=now
    ).exclude(step=Step.EVALUATION):
        report = Report.objects.get(pk=report_id)
        with clock.at(deadline.due_at + timedelta(minutes=1)):
            report_escalate(report=report, deadline=deadline)


def officer_actors() -> dict[int, Actor]:
    """One officer of each agency that has one (the sample timelines' agency side)."""
    actors: dict[int, Actor] = {}
    memberships = Membership.objects.filter(role=Role.OFFICER).select_related("user")
    for membership in memberships.order_by("user__email"):
        actors.setdefault(membership.agency_id, actor_for_user(membership.user))
    return actors


def demo_plan(now: datetime, samples: DemoSamples) -> list[tuple[datetime, int, SampleReport, str]]:
    """The sample reports, oldest first: (submitted at, index, sample, outcome). Deterministic."""
    rng = random.Random(20250701)
    statuses, weights = zip(*_OUTCOMES, strict=True)
    plan = []
    for index, sample in enumerate(samples.reports):
        # People report in waking hours (06:00–22:00 local time).
        day = timezone.localtime(now - timedelta(days=rng.uniform(0.1, 90)))
        start = day.replace(hour=rng.randint(6, 21), minute=rng.randint(0, 59))
        if start > now:
            start -= timedelta(days=1)
        outcome = rng.choices(statuses, weights=weights)[0]
        if (now - start).days < 3 and outcome in (Status.CLOSED, Status.RESOLVED, Status.REOPENED):
            outcome = Status.IN_PROGRESS
        plan.append((start, index, sample, outcome))
    plan.sort(key=lambda item: item[0])
    return plan


def demo_person(people: DemoPeople, role: str | None) -> User:
    user = user_by_email(people.email(people.first(role).login))
    if user is None:
        raise LookupError(f"the demo's {role or 'citizen'} login is missing: seed the people first")
    return user


def demo_seed_reports(
    *,
    people: DemoPeople,
    samples: DemoSamples,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Create the sample reports that do not exist yet; returns how many were created."""
    done = set(
        Report.objects.filter(reporter_channel_id__startswith="demo:").values_list(
            "reporter_channel_id", flat=True
        )
    )
    categories = category_by_code(sorted({sample.category for sample in samples.reports}))
    wards = {a.code: a for a in Area.objects.filter(level__in=LEAF_LEVELS)}
    citizen = demo_person(people, None)
    ctx = {
        "samples": samples,
        "operator": actor_for_user(demo_person(people, Role.OPERATOR)),
        "supervisor": actor_for_user(demo_person(people, Role.SUPERVISOR)),
        "officers": officer_actors(),
        "fallback_agency": Agency.objects.get(code=samples.fallback_agency),
    }
    plan = demo_plan(timezone.now(), samples)[:limit]
    created = 0
    for position, (start, index, sample, outcome) in enumerate(plan):
        tag = f"demo:{index}"
        if tag in done:
            continue
        rng = random.Random(index)
        ward = wards[sample.ward]
        point = (ward.lat + rng.uniform(-0.004, 0.004), ward.lon + rng.uniform(-0.004, 0.004))
        from_account = rng.random() < 0.15
        with transaction.atomic(), clock.at(start):
            channel = rng.choice(
                [Channel.WEB] * 4 + [Channel.APP] * 4 + [Channel.FACEBOOK, Channel.ZALO]
            )
            contact = Contact(
                name="" if from_account else rng.choice(samples.reporter_names),
                email="" if from_account else samples.reporter_email.format(index=index),
                channel_id=tag,
            )
            draft = ReportDraft(
                text=sample.text,
                channel=channel,
                category=categories[sample.category],
                point=point,
                address=sample.address,
                contact=contact,
                anonymous=rng.random() < 0.2,
                track=Track.URGENT if sample.urgent else Track.NORMAL,
                language="en" if sample.lang == "en" else "vi",
                uploads=[_photo(samples, sample.category, index)] if rng.random() < 0.85 else [],
                confirmed=from_account,
            )
            actor = actor_for_user(citizen) if from_account else Actor.anonymous()
            report = report_intake(actor=actor, draft=draft)
            ctx["lang"], ctx["category"] = sample.lang, sample.category
            _live(report, outcome, ctx, rng, _Timeline(start, rng))
            _escalate_missed(report.pk)
        created += 1
        if progress:
            progress(position + 1, len(plan))
    _seed_comments(random.Random(1), citizen, samples)
    for media_id in Media.objects.filter(state="pending").values_list("pk", flat=True):
        media_process(media_id=media_id)
    return created


def _seed_comments(rng: random.Random, citizen: User, samples: DemoSamples) -> None:
    if Comment.objects.exists():
        return
    actor = actor_for_user(citizen)
    published = list(report_list_public().order_by("submitted_at")[:200])
    for report in rng.sample(published, min(40, len(published))):
        with clock.at(report.submitted_at + timedelta(hours=rng.uniform(2, 30))):
            comment_add(
                report=report,
                actor=actor,
                text=rng.choice(samples.comments).vi,
                author_name=samples.comment_author,
            )
