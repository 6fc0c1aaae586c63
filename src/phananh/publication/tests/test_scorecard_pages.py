"""Public scorecard pages answer from the rollups, in both languages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phananh.accounts.choices import Role
from phananh.analytics.services import scorecards_refresh_due
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def cards(submit, people, ward_agency, settings):
    settings.SCORECARD_MIN_VOLUME = 1
    report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    report_resolve(report=report, actor=people[Role.OFFICER], result="Đã xử lý")
    scorecards_refresh_due()
    return ward_agency


def test_ranking_page(client, cards, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("publication:agency-ranking"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert cards.name_en in response.text
    assert "How the score is calculated" in response.text
    for by in ("area", "category"):
        assert client.get(reverse("publication:agency-ranking"), {"by": by}).status_code == 200
    for period in ("month", "quarter", "year", "nonsense"):
        response = client.get(reverse("publication:agency-ranking"), {"period": period})
        assert response.status_code == 200


def test_agency_page_and_methodology(client, cards):
    response = client.get(reverse("publication:agency-detail", args=[cards.code]))
    assert response.status_code == 200
    assert cards.name_vi in response.text
    assert client.get(reverse("publication:agency-detail", args=["nope"])).status_code == 404
    page = client.get(reverse("publication:methodology"), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Wilson" in page and "40 %" in page
