"""The Huế demo: wards, agencies, categories with routing, one user per role, ~300 reports.

Idempotent: configuration is upserted by code, and each sample report is created once (its
`reporter_channel_id` is "demo:<n>"), so a second run adds nothing and an interrupted run resumes.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from phananh.accounts.actors import Actor
from phananh.accounts.choices import AgencyKind, Role
from phananh.accounts.models import Agency, Membership, User
from phananh.accounts.selectors import actor_for_user
from phananh.analytics.services import (
    backlog_refresh,
    daily_counts_refresh_due,
    scorecards_refresh_due,
)
from phananh.catalog.models import Category
from phananh.catalog.services import category_install_defaults, category_set_routing
from phananh.core import clock
from phananh.demo import hue
from phananh.demo.photos import demo_photo
from phananh.geo.choices import AreaLevel
from phananh.geo.models import Area
from phananh.geo.services import area_import_files, area_upsert
from phananh.intelligence.models import ClassifierModel
from phananh.intelligence.services import classifier_train, hot_issues_detect, report_classify
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

DEMO_PASSWORD = "phananh-demo"
DEMO_DOMAIN = "demo.phananh.vn"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    agency: str


def _ward_agency_code(ward_code: str) -> str:
    return f"ubnd-{ward_code}"


@transaction.atomic
def demo_seed_places() -> dict[str, Area]:
    """The city and its 40 wards and communes (names and interior points)."""
    city, _ = area_upsert(
        code=hue.CITY["code"],
        name_vi=hue.CITY["name_vi"],
        name_en=hue.CITY["name_en"],
        level=AreaLevel.CITY,
        lat=hue.CITY["lat"],
        lon=hue.CITY["lon"],
    )
    wards = {}
    for ward in hue.WARDS:
        wards[ward["code"]], _ = area_upsert(
            code=ward["code"],
            name_vi=ward["name_vi"],
            name_en=ward["name_en"],
            level=ward["level"],
            lat=ward["lat"],
            lon=ward["lon"],
            parent=city,
        )
    return wards


def _upsert_agency(code: str, **values) -> Agency:
    agency, _ = Agency.objects.update_or_create(code=code, defaults=values)
    return agency


@transaction.atomic
def demo_seed_agencies(wards: dict[str, Area]) -> dict[str, Agency]:
    """The IOC, departments, companies and police, and one People's Committee per ward."""
    agencies: dict[str, Agency] = {}
    for item in hue.AGENCIES:
        agencies[item["code"]] = _upsert_agency(
            item["code"],
            name_vi=item["name_vi"],
            name_en=item["name_en"],
            kind=item["kind"],
            email=item.get("email", ""),
            phone=item.get("phone", ""),
        )
    for item in hue.AGENCIES:
        if item.get("parent"):
            agency = agencies[item["code"]]
            agency.parent = agencies[item["parent"]]
            agency.save(update_fields=["parent", "updated_at"])
    for ward in hue.WARDS:
        level_vi = "phường" if ward["level"] == AreaLevel.WARD else "xã"
        short_vi = ward["name_vi"].split(" ", 1)[1] if " " in ward["name_vi"] else ward["name_vi"]
        code = _ward_agency_code(ward["code"])
        agencies[code] = _upsert_agency(
            code,
            name_vi=f"UBND {level_vi} {short_vi}",
            name_en=f"{ward['name_en']} People's Committee",
            kind=AgencyKind.WARD,
            email=f"ubnd{ward['code']}@{DEMO_DOMAIN}",
        )
        agencies[code].areas.set([wards[ward["code"]]])
    return agencies


@transaction.atomic
def demo_seed_categories(agencies: dict[str, Agency], wards: dict[str, Area]) -> None:
    """The default catalogue, routed the way Huế routes it."""
    category_install_defaults()
    for code, routing in hue.CATEGORY_ROUTING.items():
        category = Category.objects.get(code=code)
        table = [
            (wards[ward_code], agencies[row["agency"]])
            for row in routing.get("table", [])
            for ward_code in row["wards"]
        ]
        agency_code = routing.get("agency")
        category_set_routing(
            category=category,
            rule=routing["rule"],
            agency=agencies[agency_code] if agency_code else None,
            table=table,
        )


def _user(email: str, full_name: str, *, password: str | None, superuser: bool = False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(email=email, password=password, full_name=full_name)
    return user


def _member(user: User, agency: Agency, role: str) -> None:
    Membership.objects.get_or_create(user=user, agency=agency, role=role)


@transaction.atomic
def demo_seed_people(agencies: dict[str, Agency]) -> list[DemoLogin]:
    """One login per role (printed by `phananh demo`), and an officer for every agency."""
    ioc = agencies["ioc"]
    phu_xuan = agencies[_ward_agency_code("19753")]
    people = [
        ("admin", "Quản trị hệ thống", Role.ADMIN, ioc),
        ("operator", "Tiếp nhận viên IOC", Role.OPERATOR, ioc),
        ("supervisor", "Giám sát viên IOC", Role.SUPERVISOR, ioc),
        ("officer", "Cán bộ UBND phường Phú Xuân", Role.OFFICER, phu_xuan),
        ("head", "Chủ tịch UBND phường Phú Xuân", Role.HEAD, phu_xuan),
        ("observer", "Lãnh đạo thành phố", Role.OBSERVER, ioc),
    ]
    logins = []
    for local, name, role, agency in people:
        email = f"{local}@{DEMO_DOMAIN}"
        user = _user(email, name, password=DEMO_PASSWORD, superuser=role == Role.ADMIN)
        _member(user, agency, role)
        logins.append(DemoLogin(email, str(Role(role).label), agency.name_vi))
    citizen = _user(f"citizen@{DEMO_DOMAIN}", "Nguyễn Thị Lan", password=DEMO_PASSWORD)
    logins.append(DemoLogin(citizen.email, "citizen", ""))
    # Every other agency gets an officer (no password: for the sample timelines only).
    for code, agency in agencies.items():
        if agency.kind == AgencyKind.IOC or agency == phu_xuan:
            continue
        user = _user(f"officer.{code}@{DEMO_DOMAIN}", f"Cán bộ {agency.name_vi}", password=None)
        _member(user, agency, Role.OFFICER)
    return logins


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

    def __init__(self, start, rng: random.Random):
        self.moment = start
        self.rng = rng
        self.limit = timezone.now() - timedelta(minutes=5)

    def step(self, low_hours: float, high_hours: float):
        self.moment = min(
            self.moment + timedelta(hours=self.rng.uniform(low_hours, high_hours)), self.limit
        )
        return clock.at(self.moment)


def _photo(category: str, seed: int) -> io.BytesIO:
    upload = io.BytesIO(demo_photo(category, seed, width=800, height=600))
    upload.name = f"photo-{seed}.jpg"
    return upload


def _pick(rng: random.Random, items: list[dict], lang: str) -> str:
    item = rng.choice(items)
    return item["en"] if lang == "en" else item["vi"]


def _live(report: Report, outcome: str, ctx: dict, rng: random.Random, tl: _Timeline) -> None:
    """Drive one sample report through the real services up to its outcome."""
    operator, supervisor = ctx["operator"], ctx["supervisor"]
    lang = ctx["lang"]
    category = report.category.code if report.category else "other"
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
                reason=_pick(rng, hue.REJECT_REASONS, lang),
                reason_code=rng.choice(hue.REJECT_REASONS)["code"],
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
                report=report,
                actor=operator,
                question=(
                    "Could you tell us the exact house number or a landmark nearby?"
                    if lang == "en"
                    else "Anh/chị vui lòng cho biết số nhà hoặc địa điểm gần đó để xác định vị trí."
                ),
            )
        if outcome == Status.INFO_REQUESTED:
            return
        with tl.step(1, 10):
            report = report_answer_info(
                report=report,
                actor=Actor.reporter_link(report.pk),
                answer="Near the main gate."
                if lang == "en"
                else "Ngay trước cổng chợ, gần cột điện.",
            )
    route = route_suggestion(report)
    agency = route.agency or ctx["fallback_agency"]
    with tl.step(0.3, 3):
        report = report_assign(report=report, actor=operator, agency=agency)
    officer = ctx["officers"].get(agency.pk)
    if outcome == Status.RETURNED:
        with tl.step(1, 6):
            report_return(report=report, actor=officer, reason=_pick(rng, hue.RETURN_REASONS, "vi"))
        return
    if outcome == Status.ASSIGNED:
        return
    with tl.step(0.5, 8):
        report = report_agency_accept(report=report, actor=officer)
    ctx["last_published"] = report
    if rng.random() < 0.6:
        with tl.step(4, 48):
            report = report_progress(
                report=report, actor=officer, note=_pick(rng, hue.PROGRESS_NOTES[category], lang)
            )
    if outcome == Status.IN_PROGRESS:
        return
    with tl.step(12, 120):
        report = report_resolve(
            report=report,
            actor=officer,
            result=_pick(rng, hue.RESULTS[category], lang),
            uploads=[_photo(category, rng.randrange(10**6))] if rng.random() < 0.7 else [],
        )
    reporter = Actor.reporter_link(report.pk)
    if outcome == Status.REOPENED:
        with tl.step(6, 48):
            report = report_request_reopen(
                report=report,
                actor=reporter,
                reason=(
                    "It is still not fixed, see the photo taken this morning."
                    if lang == "en"
                    else "Vẫn chưa được xử lý triệt để, ảnh chụp sáng nay."
                ),
                uploads=[_photo(category, rng.randrange(10**6))],
            )
        with tl.step(2, 24):
            report_reopen(
                report=report,
                actor=supervisor,
                note="Kết quả chưa đạt, đề nghị đơn vị xử lý lại.",
            )
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


def _officer_actors() -> dict[int, Actor]:
    actors = {}
    memberships = Membership.objects.filter(role=Role.OFFICER).select_related("user")
    for membership in memberships.order_by("user__email"):
        actors.setdefault(membership.agency_id, actor_for_user(membership.user))
    return actors


def demo_plan(now) -> list[tuple]:
    """The sample reports, oldest first: (submitted at, index, sample, outcome). Deterministic."""
    rng = random.Random(20250701)
    statuses, weights = zip(*_OUTCOMES, strict=True)
    plan = []
    for index, sample in enumerate(hue.REPORTS):
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


def demo_seed_reports(
    *, limit: int | None = None, progress: Callable[[int, int], None] | None = None
) -> int:
    """Create the sample reports that do not exist yet; returns how many were created."""
    done = set(
        Report.objects.filter(reporter_channel_id__startswith="demo:").values_list(
            "reporter_channel_id", flat=True
        )
    )
    categories = {c.code: c for c in Category.objects.all()}
    wards = {a.code: a for a in Area.objects.filter(level__in=[AreaLevel.WARD, AreaLevel.COMMUNE])}
    operator = actor_for_user(User.objects.get(email=f"operator@{DEMO_DOMAIN}"))
    supervisor = actor_for_user(User.objects.get(email=f"supervisor@{DEMO_DOMAIN}"))
    citizen = User.objects.get(email=f"citizen@{DEMO_DOMAIN}")
    ctx = {
        "operator": operator,
        "supervisor": supervisor,
        "officers": _officer_actors(),
        "fallback_agency": Agency.objects.get(code=_ward_agency_code("19753")),
    }
    plan = demo_plan(timezone.now())[:limit]
    created = 0
    for position, (start, index, sample, outcome) in enumerate(plan):
        tag = f"demo:{index}"
        if tag in done:
            continue
        rng = random.Random(index)
        ward = wards[sample["ward"]]
        point = (ward.lat + rng.uniform(-0.004, 0.004), ward.lon + rng.uniform(-0.004, 0.004))
        from_account = rng.random() < 0.15
        with transaction.atomic(), clock.at(start):
            channel = rng.choice(
                [Channel.WEB] * 4 + [Channel.APP] * 4 + [Channel.FACEBOOK, Channel.ZALO]
            )
            name = "" if from_account else rng.choice(["Lan", "Minh", "Hà", "Tom"])
            draft = ReportDraft(
                text=sample["text"],
                channel=channel,
                category=categories[sample["category"]],
                point=point,
                address=sample.get("address", ""),
                contact=Contact(
                    name=name,
                    email="" if from_account else f"resident{index}@example.com",
                    channel_id=tag,
                ),
                anonymous=rng.random() < 0.2,
                track=Track.URGENT if sample.get("urgent") else Track.NORMAL,
                language="en" if sample["lang"] == "en" else "vi",
                uploads=[_photo(sample["category"], index)] if rng.random() < 0.85 else [],
                confirmed=from_account,
            )
            actor = actor_for_user(citizen) if from_account else Actor.anonymous()
            report = report_intake(actor=actor, draft=draft)
            ctx["lang"] = sample["lang"]
            _live(report, outcome, ctx, rng, _Timeline(start, rng))
            _escalate_missed(report.pk)
        created += 1
        if progress:
            progress(position + 1, len(plan))
    _seed_comments(random.Random(1), citizen)
    for media_id in Media.objects.filter(state="pending").values_list("pk", flat=True):
        media_process(media_id=media_id)
    return created


def _seed_comments(rng: random.Random, citizen: User) -> None:
    if Comment.objects.exists():
        return
    actor = actor_for_user(citizen)
    published = list(report_list_public().order_by("submitted_at")[:200])
    for report in rng.sample(published, min(40, len(published))):
        with clock.at(report.submitted_at + timedelta(hours=rng.uniform(2, 30))):
            comment_add(
                report=report, actor=actor, text=rng.choice(hue.COMMENTS)["vi"], author_name="Lan"
            )


def demo_seed(
    *,
    boundaries: list[Path] | None = None,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[DemoLogin], int]:
    """Everything the demo needs; safe to run again."""
    wards = demo_seed_places()
    if boundaries:
        area_import_files(paths=boundaries)
    agencies = demo_seed_agencies(wards)
    demo_seed_categories(agencies, wards)
    logins = demo_seed_people(agencies)
    created = demo_seed_reports(limit=limit, progress=progress)
    demo_seed_intelligence(with_hot_issue=limit is None or limit > 0)
    daily_counts_refresh_due()
    scorecards_refresh_due()
    backlog_refresh()
    return logins, created


def demo_seed_intelligence(*, with_hot_issue: bool = True) -> None:
    """Train the classifier, classify what awaits triage, and show one hot issue."""
    seeded = Report.objects.filter(reporter_channel_id__startswith="hot:").exists()
    if with_hot_issue and not seeded:
        cluster = hue.HOT_CLUSTER
        ward = Area.objects.get(code=cluster["ward"])
        category = Category.objects.get(code=cluster["category"])
        now = timezone.now()
        for index, text in enumerate(cluster["texts"]):
            rng = random.Random(1000 + index)
            with clock.at(now - timedelta(hours=5 - index)):
                point = (
                    ward.lat + rng.uniform(-0.0015, 0.0015),
                    ward.lon + rng.uniform(-0.0015, 0.0015),
                )
                contact = Contact(
                    name=rng.choice(["Hoa", "Tuấn", "Mai", "Anna", "Phúc"]),
                    email=f"flood{index}@example.com",
                    channel_id=f"hot:{index}",
                )
                draft = ReportDraft(
                    text=text,
                    channel=Channel.APP if index % 2 else Channel.WEB,
                    category=category,
                    point=point,
                    contact=contact,
                    language="en" if text.startswith("The ") else "vi",
                )
                report_intake(actor=Actor.anonymous(), draft=draft)
    if not ClassifierModel.objects.exists():
        classifier_train(reason="first_use")
    waiting = Report.objects.filter(
        status__in=(Status.NEW, Status.RETURNED, Status.INFO_REQUESTED),
        classification__isnull=True,
    )
    for report_id in waiting.values_list("pk", flat=True):
        report_classify(report_id=report_id)
    hot_issues_detect()


def demo_logins() -> list[DemoLogin]:
    """The printed demo logins (one per role) as they exist in the database."""
    logins = []
    for local in ("admin", "operator", "supervisor", "officer", "head", "observer", "citizen"):
        user = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()
        if user is None:
            continue
        membership = user.memberships.select_related("agency").first()
        role = str(Role(membership.role).label) if membership else "citizen"
        logins.append(DemoLogin(user.email, role, membership.agency.name_vi if membership else ""))
    return logins
