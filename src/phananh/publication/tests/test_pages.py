"""The pages that answer from day one, with query budgets and privacy checks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phananh.reports.actions.agency import report_agency_accept, report_progress
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign, report_merge
from phananh.reports.choices import Status
from phananh.reports.search import NEWEST_WEEKS

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(submit, people):
    report = submit(
        reporter_name="Trần Văn Bình",
        reporter_email="binh@example.com",
        reporter_phone="0905111222",
        text="Đèn đường hỏng, gọi tôi 0905 111 222 nếu cần",
    )
    report = report_assign(report=report, actor=people["operator"])
    return report_agency_accept(report=report, actor=people["officer"])


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def newest_weeks_queries(*, spans: int) -> int:
    """What a search page adds on PostgreSQL: the words' statistics (once an hour per process),
    the newest submission, then one query a span searched (reports/search.py,
    `newest_matches`) in place of the one ids query."""
    from django.db import connection

    return 1 + spans if connection.vendor == "postgresql" else 0


def test_home_and_list(client, published, django_assert_max_num_queries):
    from phananh.analytics.services import scorecards_refresh_due

    scorecards_refresh_due()
    with django_assert_max_num_queries(6):  # + each list's photos, one query a list
        home = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert home.status_code == 200
    assert "referred to agencies in 30 days" in home.text
    assert home.context["city"].received == 1
    with django_assert_max_num_queries(6):  # reports, their photos, the three filter pickers
        response = client.get("/reports/")
    assert response.status_code == 200
    assert published.code in response.text
    # The pickers now come from the process's copies (core/configcache.py).
    # The page's ids, its reports, their photos (and on PostgreSQL the newest week and the
    # spans before the rest: one match is searched for everywhere).
    with django_assert_max_num_queries(3 + newest_weeks_queries(spans=1 + len(NEWEST_WEEKS))):
        again = client.get("/reports/", {"q": "đèn"})
    assert again.status_code == 200 and published.code in again.text
    assert '<option value="19753">Phường Phú Xuân</option>' in again.text


def test_a_search_reads_the_page_newest_first_and_pages_on(
    client, submit, people, django_assert_max_num_queries
):
    codes = [
        report_assign(report=submit(text=f"Rác thải ở kiệt {i}"), actor=people["operator"]).code
        for i in range(25)
    ]
    submit(text="Karaoke ồn ào")  # not a match
    client.get("/reports/")  # the pickers' copies are made once
    # The page's ids, its reports, their photos; on PostgreSQL the newest week first, and the
    # page is full from the last two weeks.
    with django_assert_max_num_queries(3 + newest_weeks_queries(spans=1)):
        first = client.get("/reports/", {"q": "rac thai"})
    shown = [report.code for report in first.context["reports"]]
    assert shown == codes[::-1][:20]
    second = client.get("/reports/", {"q": "rac thai", "after": first.context["next_cursor"]})
    assert [report.code for report in second.context["reports"]] == codes[::-1][20:]
    assert second.context["next_cursor"] is None
    assert client.get("/reports/", {"q": "khong co tu nay"}).context["reports"] == []


def test_the_list_pickers_follow_an_edit_at_once(
    client, published, noise, phu_xuan, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from phananh.core import clock

    assert "Phường Phú Xuân" in client.get("/reports/").text
    with django_capture_on_commit_callbacks(execute=True):
        phu_xuan.name_vi = "Phường Phú Xuân mới"
        phu_xuan.save()
        noise.name_vi = "Tiếng ồn về đêm"
        noise.save()
    page = client.get("/reports/").text
    assert '<option value="19753">Phường Phú Xuân mới</option>' in page
    assert '<option value="noise">Tiếng ồn về đêm</option>' in page
    english = client.get("/reports/", HTTP_ACCEPT_LANGUAGE="en").text
    assert '<option value="19753">Phu Xuan Ward</option>' in english
    # A category whose window has ended leaves the picker without any edit.
    with django_capture_on_commit_callbacks(execute=True):
        noise.available_until = clock.now() + timedelta(hours=1)
        noise.save()
    assert '<option value="noise">' in client.get("/reports/").text
    with clock.at(clock.now() + timedelta(hours=2)):
        assert '<option value="noise">' not in client.get("/reports/").text


def test_list_query_count_does_not_grow_with_reports(
    client, submit, people, django_assert_max_num_queries
):
    for _ in range(25):
        report_assign(report=submit(), actor=people["operator"])
    with django_assert_max_num_queries(6):
        response = client.get("/reports/")
    assert response.text.count('class="card"') == 20
    cursor = response.context["next_cursor"]
    assert cursor
    second = client.get("/reports/", {"after": cursor})
    assert second.text.count('class="card"') == 5
    # A cursor that is not ours is a clear 400 (a far or impossible moment was a 500).
    assert client.get("/reports/", {"after": "garbage"}).status_code == 400


def test_detail_shows_public_timeline_and_hides_the_reporter(
    client, published, people, django_assert_max_num_queries
):
    report_progress(report=published, actor=people["officer"], note="Nội bộ", public=False)
    with django_assert_max_num_queries(8):
        response = client.get(published.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert published.code in text
    assert 'id="report-map"' in text and 'data-lat="16.470500"' in text
    for private in ("Trần Văn Bình", "binh@example.com", "0905111222", "0905 111 222", "Nội bộ"):
        assert private not in text
    english = client.get(published.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    received = english.index("Report received")
    assert received < english.index("Referred to an agency") < english.index("Agency accepted")


def test_detail_in_english(client, published):
    response = client.get(published.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert "Timeline" in response.text
    assert "Handling agency" in response.text


@pytest.mark.usefixtures("publish_on_triage")
def test_unpublished_report_shows_only_its_status(client, submit):
    report = submit(text="Chuyện riêng tư chưa duyệt")
    response = client.get(reverse("publication:report-detail", args=[report.code]))
    assert response.status_code == 200
    assert "Chuyện riêng tư" not in response.text


def test_unknown_reports_are_404_and_hidden_ones_410_with_the_reason(client, published):
    assert client.get("/reports/PA-NOPE123/").status_code == 404
    type(published).objects.filter(pk=published.pk).update(is_hidden=True, hidden_reason="spam")
    response = client.get(published.get_absolute_url() + "?lang=en")
    assert response.status_code == 410
    assert "Spam or advertising" in response.text


def test_a_confirmed_report_is_public_at_once(client, submit):
    report = submit(text="Đèn đường hỏng ở kiệt 5")
    response = client.get(reverse("publication:report-detail", args=[report.code]))
    assert response.status_code == 200
    assert "Đèn đường hỏng" in response.text
    unconfirmed = submit(text="Chuyện riêng tư chưa xác nhận", confirmed=False)
    response = client.get(reverse("publication:report-detail", args=[unconfirmed.code]))
    assert "Chuyện riêng tư" not in response.text


def test_merged_report_points_to_the_primary(client, submit, people, published):
    duplicate = report_merge(report=submit(), actor=people["operator"], into=published)
    assert duplicate.status == Status.MERGED
    response = client.get(duplicate.get_absolute_url())
    assert published.code in response.text


def test_stylesheet_is_served(client):
    response = client.get("/static/phananh/site.css")
    assert response.status_code == 200
    assert b".card" in b"".join(response.streaming_content)


def test_admin_finds_a_report_by_its_exact_code(admin_client, published):
    page = admin_client.get("/admin/reports/report/", {"q": published.code.lower()}).text
    assert published.code in page
    assert published.code not in admin_client.get("/admin/reports/report/", {"q": "PA-"}).text


def test_admin_answers(admin_client):
    for url in (
        "/admin/",
        "/admin/reports/report/",
        "/admin/geo/area/",
        "/admin/catalog/category/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_list_filters_share_the_report_filter(
    client, submit, people, vy_da, django_assert_max_num_queries
):
    handled = report_assign(report=submit(), actor=people["operator"])
    handled = report_agency_accept(report=handled, actor=people["officer"])
    handled = report_resolve(report=handled, actor=people["officer"], result="Xong")
    waiting = report_assign(report=submit(), actor=people["operator"])
    with django_assert_max_num_queries(6):
        page = client.get("/reports/", {"state": "handled"}).text
    assert handled.code in page and waiting.code not in page
    page = client.get("/reports/", {"state": "in_progress", "category": "noise"}).text
    assert waiting.code in page and handled.code not in page
    assert handled.code not in client.get("/reports/", {"area": vy_da.code}).text
    bad = client.get("/reports/", {"state": "lost", "from": "yesterday"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400
    assert "YYYY-MM-DD" in bad.text
