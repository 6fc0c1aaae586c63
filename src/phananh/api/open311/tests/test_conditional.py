"""Conditional GETs (core/conditional.py): every public list answers ETag and Last-Modified, a
304 to a client whose copy is current — after one cache read and at most a count, never the list
— and a fresh 200 once anything it shows changed, whichever process made the change."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from phananh.accounts.choices import Role
from phananh.api.open311.tests.conftest import BASE
from phananh.core.changes import CHANGES, stamp_get
from phananh.reports.actions.agency import report_agency_accept, report_progress

URLS = [
    f"{BASE}/requests.json?status=open",
    f"{BASE}/requests.xml",
    f"{BASE}/servicerequestupdates.json",
    f"{BASE}/services.json",
    "/feeds/reports.rss",
    "/feeds/reports.atom",
    "/reports/",
    "/reports/map.json?bbox=107.4,16.3,107.8,16.6&zoom=12",
    "/api/v1/reports",
    "/api/v1/categories",
]


@pytest.mark.parametrize("url", URLS)
def test_a_current_copy_is_answered_304_and_a_change_answers_200(
    client,
    published,
    people,
    url,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    report = published()
    first = client.get(url)
    assert first.status_code == 200, first.content[:200]
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    with django_assert_max_num_queries(1):  # the stamp is in the cache; at most a count
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    report_agency_accept(report=report, actor=people[Role.OFFICER], note="Đang xử lý")
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    etag = client.get(url)["ETag"]
    # Moved again at the commit: a reader between the write and the commit saw the old data.
    with django_capture_on_commit_callbacks(execute=True):
        report_progress(report=report, actor=people[Role.OFFICER], note="Đã cử đội")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    # Another language is another answer.
    english = client.get(url + ("&" if "?" in url else "?") + "lang=en", HTTP_IF_NONE_MATCH=etag)
    assert english.status_code == 200 and english["ETag"] not in (etag, changed["ETag"])


def test_the_stamp_lives_in_the_shared_cache_and_survives_a_flush_without_repeating(db):
    before = stamp_get(CHANGES)
    assert cache.get(f"stamp:{CHANGES}") == before  # shared: every process reads this key
    cache.clear()
    assert stamp_get(CHANGES) != before


def test_a_window_relative_to_now_moves_when_requests_leave_it(client, published):
    from datetime import timedelta

    from phananh.core import clock

    published(at=clock.now() - timedelta(days=89, hours=23))
    url = f"{BASE}/requests.json"
    first = client.get(url)
    assert len(first.json()) == 1
    with clock.at(clock.now() + timedelta(hours=2)):
        later = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert later.status_code == 200 and later.json() == []


def test_a_service_that_opens_with_time_moves_the_services_validator(client, catalog):
    from datetime import timedelta

    from phananh.catalog.models import Category
    from phananh.core import clock

    opens = clock.now() + timedelta(hours=1)
    Category.objects.filter(code="noise").update(available_from=opens)
    url = f"{BASE}/services.json"
    first = client.get(url)
    assert "noise" not in {service["service_code"] for service in first.json()}
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with clock.at(opens + timedelta(minutes=1)):
        later = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert later.status_code == 200
    assert "noise" in {service["service_code"] for service in later.json()}
