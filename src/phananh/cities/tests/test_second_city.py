"""A second, tiny city (tests/data/song_xanh) is only data: loaded, then driven from intake to
its agency's scorecard, with nothing of Huế or of the default catalogue involved."""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.accounts.models import Agency
from phananh.accounts.selectors import actor_for_user
from phananh.accounts.services import membership_ensure, user_ensure
from phananh.analytics.choices import PeriodKind, SubjectKind
from phananh.analytics.models import Scorecard
from phananh.analytics.services import scorecards_refresh
from phananh.catalog.defaults import default_category_codes
from phananh.catalog.models import Category, RoutingEntry
from phananh.cities.loader import city_load
from phananh.cli import main
from phananh.config.city import city_site_settings
from phananh.conftest import file_report
from phananh.core import clock
from phananh.geo.models import Area
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Channel, Status
from phananh.reports.models import RoutingDecision
from phananh.sla.choices import Step
from phananh.sla.models import Deadline, SlaPolicy

SONG_XANH = Path(__file__).resolve().parent / "data" / "song_xanh"
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
# Inside Chợ Nổi's square (99002), in its south-west corner: Bến Đò's point (99001) is nearer,
# so only the polygon puts the report in the right ward.
PLACE = (10.0005, 106.0105)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of March 2026 in the city's time (10 March is a Tuesday)."""
    return datetime(2026, 3, day, hour, minute, tzinfo=LOCAL)


def staff(agency: Agency, role: str, login: str) -> Actor:
    user, _created = user_ensure(
        email=f"{login}@songxanh.example.vn", full_name=login, password=None
    )
    membership_ensure(user=user, agency=agency, role=role)
    return actor_for_user(user)


@pytest.mark.django_db
def test_the_command_loads_the_second_city_and_a_second_load_changes_nothing(capsys):
    assert main(["city", "load", str(SONG_XANH)]) == 0
    first = capsys.readouterr().out
    assert "City Thị xã Sông Xanh (99)" in first
    assert "areas:      4 created, 0 updated, 0 unchanged" in first
    assert "boundaries: 0 created, 3 updated, 0 unchanged (1 file(s))" in first
    assert "agencies:   6 created, 0 updated, 0 unchanged" in first
    assert "categories: 3 created, 0 updated, 0 unchanged" in first
    assert "routing:    3 created, 0 updated, 0 unchanged" in first
    assert "policies:   1 created, 0 updated, 0 unchanged" in first
    assert first.splitlines()[-2] == "Loaded."
    assert "set it to" in first  # the site still takes its names from the configured city

    assert main(["city", "load", str(SONG_XANH)]) == 0
    second = capsys.readouterr().out
    assert "Nothing changed: the database already matches." in second
    assert " created, 0 updated" in second and "1 created" not in second
    assert "areas:      0 created, 0 updated, 4 unchanged" in second
    assert "agencies:   0 created, 0 updated, 6 unchanged" in second


@pytest.mark.django_db
def test_the_second_city_is_its_own_data():
    city_load(directory=SONG_XANH)
    assert set(Category.objects.values_list("code", flat=True)) == {
        "ferry",
        "floating_market",
        "canal",
    }
    assert not set(default_category_codes()) & set(Category.objects.values_list("code", flat=True))
    wards = Area.objects.filter(parent__code="99").order_by("code")
    assert [(w.code, w.level, w.has_boundary) for w in wards] == [
        ("99001", "ward", True),
        ("99002", "ward", True),
        ("99003", "commune", True),
    ]
    committee = Agency.objects.get(code="uy-ban-99003")
    assert (committee.kind, committee.name_vi, committee.name_en) == (
        "ward",
        "Ủy ban xã Đồi Thông",
        "Doi Thong Commune Committee",
    )
    assert list(committee.areas.values_list("code", flat=True)) == ["99003"]
    assert Agency.objects.get(code="ban-kenh-rach").parent.code == "dieu-hanh"
    canal = Category.objects.get(code="canal")
    assert (canal.routing_rule, canal.default_agency.code) == ("table", "uy-ban-99003")
    assert sorted(
        RoutingEntry.objects.filter(category=canal).values_list("area__code", "agency__code")
    ) == [("99001", "ban-kenh-rach"), ("99002", "ban-kenh-rach")]
    assert Category.objects.get(code="ferry").urgent_hint is True


@pytest.mark.django_db
def test_a_report_goes_from_intake_to_the_scorecard_of_the_right_ward():
    loaded = city_load(directory=SONG_XANH)
    committee = loaded.agencies["uy-ban-99002"]
    operator = staff(loaded.agencies["dieu-hanh"], Role.OPERATOR, "operator")
    officer = staff(committee, Role.OFFICER, "officer")
    market = Category.objects.get(code="floating_market")

    # Intake: placed by the polygon, not by the nearest ward point.
    ben_do, cho_noi = Area.objects.get(code="99001"), Area.objects.get(code="99002")
    assert math.dist(PLACE, (ben_do.lat, ben_do.lon)) < math.dist(PLACE, (cho_noi.lat, cho_noi.lon))
    with clock.at(at(10, 8)):
        report = file_report(
            actor=Actor.anonymous(),
            text="Ghe buôn neo chắn ngang luồng chợ nổi, thuyền khác không qua được.",
            channel=Channel.WEB,
            category=market,
            lat=PLACE[0],
            lon=PLACE[1],
            reporter_email="an@example.com",
        )
    assert report.area == cho_noi
    # Routing: the area rule proposes the People's Committee of that ward, and says so.
    decision = RoutingDecision.objects.get(report=report)
    assert (decision.rule, decision.agency) == ("area", committee)
    # Deadlines from this city's policy: triage 2 working hours (08:00 → 10:00).
    policy = SlaPolicy.objects.get(category=market, track="normal")
    triage = Deadline.objects.get(report=report, step=Step.TRIAGE)
    assert (triage.policy, triage.amount, triage.due_at) == (policy, Decimal(2), at(10, 10))

    with clock.at(at(10, 9)):
        report = report_assign(report=report, actor=operator)
    assert (report.status, report.agency) == (Status.ASSIGNED, committee)
    acceptance = Deadline.objects.get(report=report, step=Step.ACCEPTANCE)
    resolution = Deadline.objects.get(report=report, step=Step.RESOLUTION)
    # 4 working hours from 09:00: 2.5 h before the 11:30 break, 1.5 h after 13:30 → 15:00.
    assert (acceptance.policy, acceptance.due_at) == (policy, at(10, 15))
    # 3 working days after Tuesday the 10th: Wednesday, Thursday, Friday → Friday 17:00.
    assert (resolution.policy, resolution.unit, resolution.due_at) == (
        policy,
        "working_days",
        at(13, 17),
    )

    with clock.at(at(10, 10)):
        report = report_agency_accept(report=report, actor=officer)
    with clock.at(at(12, 9)):
        report = report_resolve(
            report=report, actor=officer, result="Đã yêu cầu ghe dời khỏi luồng, luồng đã thông."
        )
    assert report.status == Status.RESOLVED
    evaluation = Deadline.objects.get(report=report, step=Step.EVALUATION)
    assert evaluation.due_at == at(17, 9)  # the city's 5-day evaluation window

    with clock.at(at(12, 12)):
        scorecards_refresh(kind=PeriodKind.ROLLING_30, day=date(2026, 3, 12))
    card = Scorecard.objects.get(
        period_kind=PeriodKind.ROLLING_30, subject_kind=SubjectKind.AGENCY, subject_id=committee.pk
    )
    assert (card.received, card.resolved, card.on_time, card.open_overdue) == (1, 1, 1, 0)
    ward_card = Scorecard.objects.get(
        period_kind=PeriodKind.ROLLING_30, subject_kind=SubjectKind.AREA, subject_id=cho_noi.pk
    )
    assert ward_card.resolved == 1
    assert not Scorecard.objects.filter(
        subject_kind=SubjectKind.AREA, subject_id=ben_do.pk, resolved__gt=0
    ).exists()


@pytest.fixture
def song_xanh_site(settings):
    """The site named by the second city's city.json, as PHANANH_CITY_DIR would make it."""
    values = city_site_settings(
        SONG_XANH,
        language_code=django_settings.LANGUAGE_CODE,
        languages=[code for code, _label in django_settings.LANGUAGES],
        overrides={},
    )
    for name, value in values.items():
        setattr(settings, name, value)
    settings.CITY_DIR = SONG_XANH
    return values


@pytest.mark.django_db
def test_the_second_city_names_its_pages_in_each_language(client, song_xanh_site):
    assert song_xanh_site["CITY_STRINGS"] == {
        "en": {"city_name": "Green River", "service_name": "Town reports"}
    }
    assert song_xanh_site["CITY_POINT"] == (10.01, 106.01)
    city_load(directory=SONG_XANH)
    vietnamese = client.get("/", {"lang": "vi"}).content.decode()
    assert "Sông Xanh" in vietnamese and "Góp ý đô thị" in vietnamese
    assert "Green River" not in vietnamese
    english = client.get("/", {"lang": "en"}).content.decode()
    assert "Green River" in english and "Town reports" in english
    assert "Huế" not in english and "Huế" not in vietnamese
    # The maps open on the city's point, not on Huế's.
    for url in ("/report/new/", "/reports/"):
        assert 'data-centre="10.010000,106.010000"' in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_the_second_city_answers_open311_for_its_own_jurisdiction(client, song_xanh_site):
    city_load(directory=SONG_XANH)
    ours = client.get("/open311/v2/services.json", {"jurisdiction_id": "songxanh.example.vn"})
    assert ours.status_code == 200
    assert {s["service_code"] for s in json.loads(ours.content)} == {
        "ferry",
        "floating_market",
        "canal",
    }
    huế = client.get("/open311/v2/services.json", {"jurisdiction_id": "hue.gov.vn"})
    assert huế.status_code == 404
