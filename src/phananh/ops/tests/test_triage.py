"""The IOC's morning: the queue, one-click assignment, corrections, merges, rejections,
questions, bulk referral, the switchboard — and two operators on one report."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache

from phananh.conftest import jpeg_bytes
from phananh.core import clock
from phananh.intelligence.models import Classification
from phananh.reports.choices import Action, Channel, Status, Track
from phananh.reports.models import Event, Report, RoutingDecision

pytestmark = pytest.mark.django_db


def test_queue_urgent_first_then_oldest_with_suggestions(client, login, submit):
    start = clock.now() - timedelta(hours=5)
    with clock.at(start):
        oldest = submit(text="Cũ nhất")
    with clock.at(start + timedelta(hours=1)):
        later = submit(text="Mới hơn")
    with clock.at(start + timedelta(hours=2)):
        urgent = submit(text="Khẩn", track=Track.URGENT)
    login("operator")
    page = client.get("/ops/triage/", HTTP_ACCEPT_LANGUAGE="en").text
    assert page.index(urgent.code) < page.index(oldest.code) < page.index(later.code)
    assert "ubnd-19753" in page  # the suggested agency (its name in either language)
    assert "3 reports to triage" in page


def test_queue_costs_the_same_for_5_or_40_reports(
    client, login, submit, django_assert_max_num_queries
):
    login("operator")
    for count in (5, 40):
        while Report.objects.filter(status=Status.NEW).count() < count:
            report = submit(uploads=[jpeg_bytes()])
            Classification.objects.create(
                report=report, created_at=clock.now(), suggestions=[], top_score=0.9
            )
        with django_assert_max_num_queries(12):
            response = client.get("/ops/triage/")
        assert response.status_code == 200


def test_one_click_assign_then_the_next_report(client, login, submit, ward_agency):
    first = submit(text="Một")
    second = submit(text="Hai")
    login("operator")
    response = client.post(
        f"/ops/reports/{first.code}/assign/", {"then": "next", "version": _version(first)}
    )
    assert response.status_code == 302 and response["Location"] == f"/ops/reports/{second.code}/"
    first.refresh_from_db()
    assert first.status == Status.ASSIGNED and first.agency == ward_agency


def test_recategorise_and_relocate_rerun_routing(client, login, submit, vy_da, other_agency):
    from phananh.catalog.models import Category

    report = submit()
    other = Category.objects.create(code="trees", name_vi="Cây xanh", group=report.category.group)
    login("operator")
    client.post(f"/ops/reports/{report.code}/categorize/", {"category": "trees"})
    client.post(f"/ops/reports/{report.code}/relocate/", {"lat": "16.4751", "lon": "107.6106"})
    report.refresh_from_db()
    assert report.category == other and report.area == vy_da
    latest = RoutingDecision.objects.filter(report=report).order_by("-id").first()
    assert latest.agency == other_agency and not latest.applied
    page = client.get(f"/ops/reports/{report.code}/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Place corrected" in page and "Category changed" in page


def test_merge_reject_and_ask_from_the_workspace(client, login, submit, people):
    primary = submit(text="Karaoke đầu tiên")
    duplicate = submit(text="Karaoke ồn ào lại nữa")
    unclear = submit(text="???")
    vague = submit(text="Ở chỗ kia có vấn đề")
    login("operator")
    page = client.get(f"/ops/reports/{duplicate.code}/", HTTP_ACCEPT_LANGUAGE="en").text
    assert f"Merge into {primary.code}" in page  # proposed as a duplicate
    client.post(f"/ops/reports/{duplicate.code}/merge/", {"into": primary.code})
    client.post(
        f"/ops/reports/{unclear.code}/reject/", {"reason_code": "unclear", "reason": "Không rõ"}
    )
    client.post(f"/ops/reports/{vague.code}/request_info/", {"question": "Ở số nhà nào?"})
    statuses = dict(Report.objects.values_list("code", "status"))
    assert statuses[duplicate.code] == Status.MERGED
    assert statuses[unclear.code] == Status.REJECTED
    assert statuses[vague.code] == Status.INFO_REQUESTED
    assert (
        Event.objects.get(report=unclear, action=Action.REJECT).payload["reason_code"] == "unclear"
    )


def test_bad_input_is_a_clear_400_and_changes_nothing(client, login, submit):
    report = submit()
    login("operator")
    response = client.post(
        f"/ops/reports/{report.code}/reject/", {"reason": ""}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400 and "This field is required." in response.text
    response = client.post(
        f"/ops/reports/{report.code}/merge/", {"into": "PA-NOPE"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400 and "PA-NOPE" in response.text
    response = client.post(f"/ops/reports/{report.code}/relocate/", {"lat": "x", "lon": "1"})
    assert response.status_code == 400
    assert Report.objects.get(pk=report.pk).status == Status.NEW


def test_bulk_assign(client, login, submit, ward_agency):
    codes = [submit().code for _ in range(3)]
    login("operator")
    client.post("/ops/triage/assign/", {"codes": codes})
    assert set(Report.objects.filter(code__in=codes).values_list("status", flat=True)) == {
        Status.ASSIGNED
    }


def test_two_operators_on_one_report_one_wins_the_other_is_told(client, login, submit, people):
    report = submit()
    version = _version(report)
    login("operator")
    client.post(f"/ops/reports/{report.code}/assign/", {"version": version})
    login("supervisor")
    response = client.post(
        f"/ops/reports/{report.code}/reject/",
        {"version": version, "reason": "Trùng"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 409
    assert "changed this report" in response.text and "Nothing was saved" in response.text
    assert Report.objects.get(pk=report.pk).status == Status.ASSIGNED


def test_who_else_is_looking(client, login, submit):
    cache.clear()
    report = submit()
    login("operator")
    assert client.post(f"/ops/reports/{report.code}/presence/").json() == {"others": []}
    login("supervisor")
    others = client.post(f"/ops/reports/{report.code}/presence/").json()["others"]
    assert len(others) == 1


def test_the_switchboard_logs_a_call_with_the_callers_number_private(
    client, login, noise, people, ward_agency
):
    login("operator")
    response = client.post(
        "/ops/switchboard/",
        {
            "text": "Người gọi báo karaoke ồn ào ở kiệt 5 Lê Lợi",
            "category": noise.code,
            "lat": "16.4705",
            "lon": "107.5760",
            "name": "Ông Tư",
            "phone": "0914 555 666",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    report = Report.objects.get()
    assert response["Location"] == f"/ops/reports/{report.code}/"
    assert report.channel == Channel.PHONE and report.status == Status.NEW
    assert report.reporter_id is None and report.reporter_phone == "0914 555 666"
    assert report.events.get(action=Action.SUBMIT).actor_id == people["operator"].user_id
    from phananh.reports.actions.triage import report_assign

    report_assign(report=report, actor=people["operator"])
    assert "0914 555 666" not in client.get(report.get_absolute_url()).text
    login("officer")
    assert "0914 555 666" not in client.get(f"/ops/reports/{report.code}/").text


def _version(report: Report) -> str:
    report.refresh_from_db()
    return f"{report.updated_at.timestamp():.6f}"


def test_the_ioc_hides_a_report_and_shows_it_again(client, login, submit):
    report = submit(text="Bán hàng online giá rẻ, inbox ngay")
    login("operator")
    page = client.get(f"/ops/reports/{report.code}/")
    assert 'name="reason"' in page.text and "report_hide" in page.text
    client.post(
        f"/ops/reports/{report.code}/report_hide/",
        {"version": _version(report), "reason": "spam", "note": "rao vặt"},
    )
    report.refresh_from_db()
    assert report.is_hidden and report.hidden_reason == "spam"
    event = Event.objects.filter(report=report, action=Action.MODERATE).get()
    assert event.visibility == "internal" and event.internal_note == "rao vặt"
    assert client.get(report.get_absolute_url()).status_code == 410
    client.post(f"/ops/reports/{report.code}/report_unhide/", {"version": _version(report)})
    report.refresh_from_db()
    assert not report.is_hidden and report.hidden_reason is None
    assert client.get(report.get_absolute_url()).status_code == 200


def test_merge_is_offered_only_into_an_open_report_of_the_same_kind(
    client, login, submit, people, noise
):
    from phananh.catalog.models import Category
    from phananh.reports.actions.agency import report_agency_accept
    from phananh.reports.actions.outcome import report_resolve
    from phananh.reports.actions.triage import report_assign

    # Same group ("environment"), other kinds: rubbish is never merged into a stray dog.
    rubbish = Category.objects.create(code="sanitation", name_vi="Rác thải", group=noise.group)
    dogs = Category.objects.create(code="animals", name_vi="Chó thả rông", group=noise.group)
    stray = submit(text="Chó thả rông cắn người", category=dogs)
    handled = submit(text="Rác ùn ứ đầu kiệt 5", category=rubbish)
    report_assign(report=handled, actor=people["operator"])
    report_agency_accept(report=handled, actor=people["officer"])
    report_resolve(report=handled, actor=people["officer"], result="Đã thu gom")
    open_one = submit(text="Rác bốc mùi đầu kiệt", category=rubbish)
    this = submit(text="Rác ùn ứ đầu kiệt 5 bốc mùi", category=rubbish)
    login("operator")
    page = client.get(f"/ops/reports/{this.code}/", HTTP_ACCEPT_LANGUAGE="en").text
    assert f"Merge into {open_one.code}" in page
    assert f"Merge into {stray.code}" not in page
    assert f"Merge into {handled.code}" not in page  # handled: not open any more
