"""Routing v1: point → area → the category's rule → agency, each decision stored with its rule."""

from __future__ import annotations

import pytest

from phananh.accounts.choices import AgencyKind
from phananh.catalog.choices import RoutingRule
from phananh.catalog.models import Category
from phananh.catalog.selectors import route_for
from phananh.catalog.services import category_install_defaults, category_set_routing
from phananh.conftest import HUE_WARDS, make_agency
from phananh.geo.models import Area
from phananh.geo.services import area_import_files
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Status

pytestmark = pytest.mark.django_db


def test_noise_in_central_phu_xuan_goes_to_phu_xuan_peoples_committee(
    submit, people, noise, hue_wards
):
    area_import_files(
        paths=[HUE_WARDS / "19753_phu_xuan.geojson", HUE_WARDS / "19777_vy_da.geojson"]
    )
    phu_xuan_committee = Area.objects.get(code="19753").agencies.get()
    report = submit(lat=16.4700, lon=107.5780, category=noise)  # inside the Citadel walls
    assert report.area.code == "19753"
    decision = report.routing_decisions.get()
    assert decision.agency == phu_xuan_committee
    assert decision.rule == RoutingRule.AREA
    assert decision.applied is False
    assert "Phú Xuân" in phu_xuan_committee.name_vi or phu_xuan_committee.code == "ubnd-19753"
    report = report_assign(report=report, actor=people["operator"])
    assert report.status == Status.ASSIGNED
    assert report.agency == phu_xuan_committee
    applied = report.routing_decisions.get(applied=True)
    assert (applied.rule, applied.agency) == (RoutingRule.AREA, phu_xuan_committee)


def test_fixed_agency_rule(noise, phu_xuan):
    water = make_agency("water", AgencyKind.UTILITY)
    category_set_routing(category=noise, rule=RoutingRule.AGENCY, agency=water)
    route = route_for(noise, phu_xuan)
    assert (route.agency, route.rule) == (water, RoutingRule.AGENCY)
    assert water.name in route.explanation


def test_table_rule_with_fallback(noise, phu_xuan, vy_da):
    police = make_agency("police", AgencyKind.POLICE)
    citadel_police = make_agency("citadel-police", AgencyKind.POLICE)
    category_set_routing(
        category=noise, rule=RoutingRule.TABLE, agency=police, table=[(phu_xuan, citadel_police)]
    )
    assert route_for(noise, phu_xuan).agency == citadel_police
    fallback = route_for(noise, vy_da)
    assert (fallback.agency, fallback.rule) == (police, RoutingRule.TABLE)


def test_no_route_is_explained_not_raised(noise, phu_xuan):
    route = route_for(noise, phu_xuan)  # no committee serves the ward yet
    assert route.agency is None and route.explanation
    assert route_for(None, phu_xuan).rule == "none"
    assert route_for(noise, None).agency is None


def test_manual_assignment_is_recorded_as_manual(submit, people, other_agency):
    report = submit()
    report = report_assign(report=report, actor=people["operator"], agency=other_agency)
    assert report.routing_decisions.get(applied=True).rule == "manual"


def test_default_catalogue_installs_once():
    assert category_install_defaults() == 19
    assert category_install_defaults() == 0
    codes = set(Category.objects.values_list("code", flat=True))
    assert {"sanitation", "noise", "lighting", "drainage", "other"} <= codes
    with_required_list = [
        c
        for c in Category.objects.all()
        if any(a["required"] and a["datatype"] == "singlevaluelist" for a in c.attributes)
    ]
    assert len(with_required_list) >= 3


def test_why_a_report_went_there_is_written_in_the_readers_language(submit, people, noise):
    """Stored as a code, written when read: a decision made on a Vietnamese page reads in English
    on an English one — and one stored before the code (text only, in Vietnamese) too."""
    from django.utils import translation

    from phananh.reports.models import RoutingDecision

    with translation.override("vi"):
        report = submit(category=noise)
    decision = report.routing_decisions.get()
    assert decision.reason == "committee"
    assert "được chuyển về UBND" in decision.explanation  # as it read when decided
    with translation.override("en"):
        assert decision.explanation_shown == (
            f"{decision.agency.name_en}: Noise reports go to the ward of the point."
        )
        assert decision.rule_label == "People's Committee of the area containing the point"
    with translation.override("vi"):
        assert decision.explanation_shown.startswith(decision.agency.name_vi)
        assert "lĩnh vực Tiếng ồn" in decision.explanation_shown
    # An old row: no reason, a Vietnamese text; the reason is read again from its rule.
    RoutingDecision.objects.filter(pk=decision.pk).update(reason="")
    old = RoutingDecision.objects.get(pk=decision.pk)
    with translation.override("en"):
        assert old.explanation_shown.endswith("Noise reports go to the ward of the point.")
