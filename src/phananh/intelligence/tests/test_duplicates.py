"""Duplicate candidates: near, recent, same kind, similar words — ranked, and nothing else."""

from __future__ import annotations

from datetime import timedelta

import pytest

from phananh.catalog.models import Category
from phananh.core import clock
from phananh.intelligence.selectors import distance_m, duplicate_candidates, text_similarity
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign, report_reject
from phananh.reports.models import Report
from phananh.reports.selectors import report_list_public

pytestmark = pytest.mark.django_db

LAT, LON = 16.4705, 107.5760
# About 1 m of latitude, in degrees.
M = 1 / 111_320


@pytest.fixture
def lighting(noise):
    return Category.objects.create(code="lighting", name_vi="Chiếu sáng", group=noise.group)


@pytest.fixture
def water(db):
    from phananh.catalog.models import CategoryGroup

    group = CategoryGroup.objects.create(code="services", name_vi="Dịch vụ công")
    return Category.objects.create(code="water", name_vi="Cấp nước", group=group)


def codes(candidates) -> list[str]:
    return [c.report.text for c in candidates]


def test_distance_and_similarity_helpers():
    assert distance_m(LAT, LON, LAT + 100 * M, LON) == pytest.approx(100, rel=0.01)
    assert text_similarity("Karaoke ồn ào quá", "karaoke on ao qua") == 1.0
    assert text_similarity("karaoke ồn ào", "cây đổ chắn đường") < 0.1
    assert text_similarity("", "x") == 0.0


def test_near_recent_same_group_ranked_by_distance_and_words(submit, noise, lighting, water):
    near = submit(text="Karaoke ồn ào cả đêm ở kiệt 5", lat=LAT + 20 * M)
    farther = submit(text="Hát karaoke to quá", lat=LAT + 120 * M)
    submit(text="Karaoke ồn ào cả đêm", lat=LAT + 400 * M)  # outside 150 m
    submit(text="Mất nước sinh hoạt", category=water, lat=LAT + 10 * M)  # another group
    # Another category of the group: offered when its words say the same, not otherwise.
    same_group = submit(text="Karaoke ồn ào cả đêm, đèn chói", category=lighting, lat=LAT + 30 * M)
    submit(text="Đèn đường hỏng", category=lighting, lat=LAT + 5 * M)
    found = duplicate_candidates(
        Report.objects.all(), lat=LAT, lon=LON, category=noise, text="karaoke on ao ca dem"
    )
    assert [c.report for c in found] == [near, same_group, farther]
    assert found[0].distance_m == pytest.approx(20, abs=1)
    assert found[0].similarity > found[2].similarity  # near says it more like the query


def test_old_closed_and_excluded_reports_are_not_candidates(submit, noise, people):
    with clock.at(clock.now() - timedelta(days=40)):
        submit(text="Karaoke cũ")
    rejected = submit(text="Karaoke bị từ chối")
    report_reject(report=rejected, actor=people["operator"], reason="Trùng")
    this = submit(text="Karaoke mới")
    found = duplicate_candidates(
        Report.objects.all(), lat=LAT, lon=LON, category=noise, exclude_id=this.pk
    )
    assert found == []


def test_only_open_reports_of_a_known_kind_are_candidates(submit, noise, people):
    report = submit(text="Karaoke đã xử lý")
    report_assign(report=report, actor=people["operator"])
    report_agency_accept(report=report, actor=people["officer"])
    found = duplicate_candidates(Report.objects.all(), lat=LAT, lon=LON, category=noise)
    assert [c.report.pk for c in found] == [report.pk]
    # Handled (or closed) reports are not offered: following or merging into them helps nobody.
    report_resolve(report=report, actor=people["officer"], result="Đã nhắc nhở")
    assert duplicate_candidates(Report.objects.all(), lat=LAT, lon=LON, category=noise) == []
    # While the kind is unknown nothing is offered, rather than every kind of report.
    submit(text="Karaoke mới")
    assert duplicate_candidates(Report.objects.all(), lat=LAT, lon=LON, category=None) == []


@pytest.mark.usefixtures("publish_on_triage")
def test_public_callers_see_only_published_reports(submit, noise, people):
    waiting = submit(text="Karaoke chờ duyệt")
    accepted = submit(text="Karaoke đã chuyển")
    report_assign(report=accepted, actor=people["operator"])
    public = duplicate_candidates(report_list_public(), lat=LAT, lon=LON, category=noise)
    staff = duplicate_candidates(Report.objects.all(), lat=LAT, lon=LON, category=noise)
    assert [c.report.pk for c in public] == [accepted.pk]
    assert {c.report.pk for c in staff} == {accepted.pk, waiting.pk}


@pytest.mark.parametrize("public", [True, False])
def test_lookup_costs_two_queries(submit, noise, people, public, django_assert_num_queries):
    for i in range(5):
        report = submit(text=f"Karaoke {i}", lat=LAT + i * 10 * M)
        report_assign(report=report, actor=people["operator"])
    reports = report_list_public() if public else Report.objects.all()
    with django_assert_num_queries(2):  # the category group, then the box
        found = duplicate_candidates(reports, lat=LAT, lon=LON, category=noise, text="karaoke")
    assert len(found) == 5 and found[0].similarity > 0
