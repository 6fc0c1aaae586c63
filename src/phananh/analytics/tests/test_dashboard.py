"""Dashboard and exports: who may see them, what they show, streamed files that open."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.analytics.services import backlog_refresh, daily_counts_refresh_due
from phananh.core import clock
from phananh.reports.actions.triage import report_assign
from phananh.sla.monitor import sla_sweep

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(submit, people):
    for index in range(6):
        report = submit(text=f"Phản ánh số {index}, gọi 0905 123 456")
        if index % 2:
            report_assign(report=report, actor=people[Role.OPERATOR])
    daily_counts_refresh_due()
    backlog_refresh()
    return people


def login(client, people, key):
    client.force_login(User.objects.get(pk=people[key].user_id))


def test_dashboard_requires_an_ioc_or_observer_role(client, data):
    url = reverse("analytics:dashboard")
    assert client.get(url).status_code == 302  # to the sign-in page
    login(client, data, "citizen")
    assert client.get(url).status_code == 403
    login(client, data, Role.OFFICER)
    assert client.get(url).status_code == 403
    for role in (Role.OPERATOR, Role.SUPERVISOR, Role.OBSERVER):
        login(client, data, role)
        assert client.get(url).status_code == 200, role


def test_dashboard_reads_rollups_with_a_fixed_query_budget(
    client, data, django_assert_max_num_queries
):
    login(client, data, Role.OBSERVER)
    with django_assert_max_num_queries(21):  # + the ward outlines under the heat map
        response = client.get(reverse("analytics:dashboard"), {"days": "90"})
    assert response.status_code == 200
    assert b"<svg" in response.content
    assert response.context["received_total"] == 6


def test_the_ward_polygons_are_not_read_again_for_each_dashboard(client, data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, data, Role.OBSERVER)
    client.get(reverse("analytics:dashboard"))  # outlines simplified once, for the process
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("analytics:dashboard"))
    assert response.status_code == 200 and b"<path" in response.content
    read = [q["sql"] for q in queries if "geo_area" in q["sql"]]
    polygon = ('"geo_area"."geometry",', '"geo_area"."geometry" ')
    assert read and not any(column in sql for sql in read for column in polygon), read


def test_dashboard_lists_overdue_and_due_today(client, data):
    with clock.at(timezone.now() + timedelta(days=30)):
        sla_sweep()
        counts = backlog_refresh()
    # 3 new reports (triage) + 3 assigned ones (acceptance and resolution) are past due.
    assert counts["overdue"] == 9 and counts["assigned"] == 3 and counts["new"] == 3
    login(client, data, Role.OPERATOR)
    response = client.get(reverse("analytics:dashboard"))
    assert len(response.context["overdue"]) >= 3
    assert response.context["overdue_count"] == 9
    assert response.context["counted_at"] is not None


def test_csv_export_streams_every_filtered_row_without_identities(client, data):
    login(client, data, Role.OPERATOR)
    response = client.get(reverse("analytics:export", args=["csv"]), {"status": "assigned"})
    assert response.status_code == 200
    assert response.streaming
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 1 + 3
    # Public text only: phone numbers are redacted (timestamps' microseconds may hold "0905").
    assert "0905 123 456" not in body and "123 456" not in body
    assert "@example.com" not in body


def test_export_filters_by_ward_category_and_agency(client, data, ward_agency, noise):
    login(client, data, Role.OPERATOR)
    url = reverse("analytics:export", args=["csv"])
    for params, rows in (
        ({"area": "19753", "category": "noise"}, 6),
        ({"agency": ward_agency.code}, 3),
        ({"area": "19777"}, 0),
    ):
        body = b"".join(client.get(url, params).streaming_content).decode("utf-8-sig")
        assert len(list(csv.reader(io.StringIO(body)))) == 1 + rows, params


def test_xlsx_export_opens_in_a_spreadsheet(client, data):
    login(client, data, Role.SUPERVISOR)
    response = client.get(reverse("analytics:export", args=["xlsx"]), HTTP_ACCEPT_LANGUAGE="en")
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Code"
    assert len(rows) == 1 + 6


def test_bad_export_filters_get_a_clear_400(client, data):
    login(client, data, Role.OPERATOR)
    response = client.get(
        reverse("analytics:export", args=["csv"]), {"from": "last week", "status": "lost"}
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body["fields"]) == {"from", "status"}
    assert client.get("/ops/dashboard/export.pdf").status_code == 404
