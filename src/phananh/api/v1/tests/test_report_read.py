"""Reading reports: the public list with the portal's filters and keyset pages, one report,
its timeline; what the public never sees; what the reporter sees of their own."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from phananh.core import clock
from phananh.reports.actions.agency import report_progress
from phananh.reports.actions.triage import report_request_info
from phananh.reports.choices import Status

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("publish_on_triage")
def test_the_public_list_holds_published_reports_only(api, submit, published):
    waiting = submit()
    shown = published()
    response = api.get("/reports")
    assert response.status_code == 200
    body = response.json()
    assert [r["code"] for r in body["results"]] == [shown.code]
    assert waiting.code not in response.text
    assert body["next"] is None
    item = body["results"][0]
    assert item["state"] == "in_progress" and item["status"] is None and item["actions"] == []
    assert item["category"] == {"code": "noise", "name": "Noise"}
    assert item["area"]["code"] == "19753"
    assert item["agency"]["code"] == "ubnd-19753"


def test_never_the_reporters_identity_nor_internal_notes(api, published, people):
    from phananh.accounts.choices import Role
    from phananh.reports.actions.agency import report_agency_accept

    report = published(
        text="Karaoke ồn, gọi tôi 0905123456 hoặc lan@example.com",
        reporter_name="Nguyễn Thị Lan",
        reporter_email="lan@example.com",
        reporter_phone="0905123456",
        is_anonymous=True,
    )
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    report_progress(
        report=report, actor=people[Role.OFFICER], note="Ghi chú nội bộ bí mật", public=False
    )
    texts = [
        api.get("/reports").text,
        api.get(f"/reports/{report.code}").text,
        api.get(f"/reports/{report.code}/timeline").text,
    ]
    for text in texts:
        for secret in ("Nguyễn Thị Lan", "lan@example.com", "0905123456", "bí mật"):
            assert secret not in text, (secret, text)
        for user_id in (people["reporter"].user_id, people[Role.OFFICER].user_id):
            assert f'"reporter": {user_id}' not in text
        assert "user" not in json.loads(text).get("results", [{}])[0]


def test_filters_are_the_portals(api, published, noise, vy_da, other_agency):
    in_phu_xuan = published(text="Karaoke ồn ào ở Lê Lợi")
    in_vy_da = published(text="Loa kẹo kéo ồn ào ở Vỹ Dạ", lat=16.4751, lon=107.6106)
    assert in_vy_da.area_id == vy_da.pk

    def codes(**query):
        response = api.get("/reports", query=query)
        assert response.status_code == 200, response.json()
        return {r["code"] for r in response.json()["results"]}

    assert codes(area="19777") == {in_vy_da.code}
    assert codes(agency="ubnd-19753") == {in_phu_xuan.code}
    assert codes(category="noise") == {in_phu_xuan.code, in_vy_da.code}
    assert codes(state="in_progress") == {in_phu_xuan.code, in_vy_da.code}
    assert codes(state="closed") == set()
    assert codes(status=["assigned", "resolved"]) == {in_phu_xuan.code, in_vy_da.code}
    assert codes(q="ong keo") == set()
    assert codes(q="loa keo") == {in_vy_da.code}
    assert codes(q=in_phu_xuan.code) == {in_phu_xuan.code}
    today = timezone.localdate(clock.now())  # the city's day, not UTC's
    assert codes(**{"from": today.isoformat(), "to": today.isoformat()}) == {
        in_phu_xuan.code,
        in_vy_da.code,
    }
    assert codes(**{"to": (today - timedelta(days=1)).isoformat()}) == set()
    assert codes(overdue="true") == set()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"status": "sleeping"}, "status"),
        ({"state": "asleep"}, "state"),
        ({"from": "28/11/2026"}, "from"),
        ({"from": "2026-11-28", "to": "2026-11-01"}, "to"),
        ({"channel": "pigeon"}, "channel"),
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ],
)
def test_bad_filters_are_400_with_the_field(api, query, field):
    response = api.get("/reports", query=query)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["fields"], response.json()


def test_cursor_pages_walk_every_report_once(api, published):
    reports = [published(text=f"Ồn ào số {i}") for i in range(7)]
    seen, cursor, pages = [], "", 0
    while True:
        body = api.get("/reports", query={"limit": 3, "cursor": cursor}).json()
        seen += [r["code"] for r in body["results"]]
        pages += 1
        if body["next"] is None:
            break
        cursor = body["next"]
    assert pages == 3
    assert seen == [r.code for r in sorted(reports, key=lambda r: (r.submitted_at, r.pk))[::-1]]


def test_same_moment_ties_are_broken_by_id(api, published):
    moment = clock.now()
    with clock.at(moment):
        reports = [published(text=f"Cùng lúc {i}") for i in range(5)]
    seen, cursor = [], ""
    while cursor is not None:
        body = api.get("/reports", query={"limit": 2, "cursor": cursor}).json()
        seen += [r["code"] for r in body["results"]]
        cursor = body["next"]
    assert sorted(seen) == sorted(r.code for r in reports) and len(seen) == 5


def test_list_query_budget(api, published, django_assert_max_num_queries):
    for i in range(12):
        published(text=f"Báo cáo {i}")
    # the page and its photos; nothing per row
    with django_assert_max_num_queries(2):
        response = api.get("/reports", query={"limit": 10})
    assert len(response.json()["results"]) == 10
    with django_assert_max_num_queries(2):
        api.get("/reports", query={"limit": 10, "cursor": response.json()["next"]})
    with django_assert_max_num_queries(2):
        api.get("/reports", query={"q": "bao cao", "category": "noise", "area": "19753"})


def test_my_reports_budget(api, submit, reporter_token_raw, django_assert_max_num_queries):
    for i in range(8):
        submit(text=f"Của tôi {i}")
    # the token, its account's roles, the page, its photos
    with django_assert_max_num_queries(5):
        response = api.get("/me/reports", token=reporter_token_raw)
    assert len(response.json()["results"]) == 8


def test_detail_and_timeline(api, published, people):
    from phananh.accounts.choices import Role
    from phananh.reports.actions.agency import report_agency_accept

    report = published()
    report = report_agency_accept(report=report, actor=people[Role.OFFICER], note="Đã nhận")
    detail = api.get(f"/reports/{report.code.lower()}").json()
    assert detail["code"] == report.code
    assert detail["url"].endswith(f"/reports/{report.code}/")
    events = api.get(f"/reports/{report.code}/timeline").json()["results"]
    assert [e["action"] for e in events] == ["submit", "assign", "agency_accept"]
    assert [e["by"] for e in events] == ["reporter", "operations_centre", "agency"]
    assert events[-1]["note"] == "Đã nhận"
    assert events[-1]["agency"]["code"] == "ubnd-19753"
    assert events[-1]["state"] == "in_progress"


@pytest.mark.usefixtures("publish_on_triage")
def test_unknown_and_unpublished_reports_are_404(api, submit):
    waiting = submit()
    for path in (
        "/reports/PA-NOPE123",
        f"/reports/{waiting.code}",
        f"/reports/{waiting.code}/timeline",
        f"/reports/{waiting.code}/comments",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"
        assert response.json()["message"] == "No report with this code."


def test_the_reporter_sees_status_and_what_to_do(api, submit, people, reporter_token_raw):
    from phananh.accounts.choices import Role

    report = submit()
    report_request_info(report=report, actor=people[Role.OPERATOR], question="Số nhà mấy?")
    own = api.get(f"/reports/{report.code}", token=reporter_token_raw).json()
    assert own["status"] == Status.INFO_REQUESTED
    assert own["status_label"] == "Awaiting more information"
    assert own["actions"] == ["answer_info"]
    events = api.get(f"/reports/{report.code}/timeline", token=reporter_token_raw).json()
    assert events["results"][-1]["note"] == "Số nhà mấy?"


def test_media_are_public_copies_only(api, published, django_capture_on_commit_callbacks):
    from phananh.conftest import jpeg_bytes

    with django_capture_on_commit_callbacks(execute=True):
        report = published(uploads=[jpeg_bytes()])
    item = api.get("/reports").json()["results"][0]
    assert item["code"] == report.code
    assert len(item["media"]) == 1
    media = item["media"][0]
    assert media["kind"] == "photo"
    assert media["url"].startswith("http://testserver/media/public/")
    assert media["thumbnail_url"].startswith("http://testserver/media/thumbs/")
    assert "original" not in json.dumps(item)


def test_detail_timeline_and_comments_budgets(
    api, published, people, django_assert_max_num_queries
):
    from phananh.reports.actions.participation import comment_add

    report = published()
    for i in range(6):
        comment_add(report=report, actor=people["citizen"], text=f"Bình luận {i}")
    with django_assert_max_num_queries(2):  # the report with its names, its photos
        api.get(f"/reports/{report.code}")
    with django_assert_max_num_queries(4):  # the report, its photos, the events, their photos
        api.get(f"/reports/{report.code}/timeline")
    with django_assert_max_num_queries(3):  # the report, its photos, a page of comments
        response = api.get(f"/reports/{report.code}/comments")
    assert len(response.json()["results"]) == 6
