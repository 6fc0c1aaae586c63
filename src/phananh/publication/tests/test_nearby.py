"""Before sending, the form shows published reports nearby that may be the same problem."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phananh.reports.actions.triage import report_assign

pytestmark = pytest.mark.django_db

URL = "publication:report-nearby"


@pytest.mark.usefixtures("publish_on_triage")
def test_nearby_published_reports_of_the_same_kind(
    client, submit, people, django_assert_max_num_queries
):
    accepted = submit(text="Karaoke ồn ào tới khuya, gọi 0905 123 456")
    report_assign(report=accepted, actor=people["operator"])
    submit(text="Karaoke chưa duyệt")  # awaiting triage: not public yet
    with django_assert_max_num_queries(3):  # the category, its group's ids, the box
        response = client.get(
            reverse(URL),
            {"lat": "16.4706", "lon": "107.5761", "category": "noise", "text": "karaoke ồn"},
        )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["code"] for r in results] == [accepted.code]
    first = results[0]
    assert first["url"] == f"/reports/{accepted.code}/"
    assert "0905" not in first["text"] and "Karaoke" in first["text"]
    assert 0 <= first["distance_m"] < 30
    assert set(first) == {
        "code",
        "url",
        "text",
        "category",
        "status",
        "distance_m",
        "submitted",
        "supports",
    }


@pytest.mark.parametrize(
    "query", [{}, {"lat": "x", "lon": "107"}, {"lat": "91", "lon": "0"}, {"lat": "16.4"}]
)
def test_a_bad_place_is_a_clear_400_in_the_callers_language(client, query):
    response = client.get(reverse(URL), {**query, "lang": "en"})
    assert response.status_code == 400
    assert "lat and lon" in response.json()["error"]
    response = client.get(reverse(URL), query, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400 and response.json()["error"]
