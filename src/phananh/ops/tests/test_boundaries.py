"""Every boundary of the console, tried: roles, agencies, reporters' identities, read-only."""

from __future__ import annotations

import pytest

from phananh.accounts.actors import Actor
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Status
from phananh.reports.models import Event, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(submit, people):
    report = submit(
        actor=Actor.anonymous(),
        reporter_name="Nguyễn Thị Lan",
        reporter_email="lan.reporter@example.com",
        reporter_phone="0905 123 456",
    )
    return report_assign(report=report, actor=people["operator"])


def unchanged(report: Report) -> tuple:
    fresh = Report.objects.get(pk=report.pk)
    return fresh.status, fresh.agency_id, Event.objects.filter(report=report).count()


def test_visitors_sign_in_and_citizens_are_refused(client, login, assigned):
    for url in ("/ops/", "/ops/triage/", f"/ops/reports/{assigned.code}/", "/ops/switchboard/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    login("citizen")
    assert client.get("/ops/triage/").status_code == 403
    assert client.get(f"/ops/reports/{assigned.code}/").status_code == 403


def test_another_agency_sees_nothing_and_changes_nothing(client, login, assigned):
    before = unchanged(assigned)
    login("other_officer")
    assert client.get(f"/ops/reports/{assigned.code}/").status_code == 404
    for action in ("accept", "resolve", "note", "return"):
        response = client.post(f"/ops/reports/{assigned.code}/{action}/", {"result": "x"})
        assert response.status_code == 404
    assert client.get("/ops/triage/").status_code == 403
    assert assigned.code not in client.get("/ops/agency/").text
    assert unchanged(assigned) == before


def test_the_handling_agency_never_sees_the_reporter(client, login, assigned):
    login("officer")
    page = client.get(f"/ops/reports/{assigned.code}/", HTTP_ACCEPT_LANGUAGE="en").text
    assert assigned.code in page and "Accept for my agency" in page
    for secret in ("Nguyễn Thị Lan", "lan.reporter@example.com", "0905 123 456", "Reporter"):
        assert secret not in page
    login("operator")
    page = client.get(f"/ops/reports/{assigned.code}/").text
    assert "lan.reporter@example.com" in page and "0905 123 456" in page  # the IOC relays


def test_agency_staff_cannot_take_ioc_actions(client, login, submit, people):
    report = submit()
    before = unchanged(report)
    login("officer")
    assert client.get(f"/ops/reports/{report.code}/").status_code == 404  # not theirs yet
    assigned = report_assign(report=submit(), actor=people["operator"])
    before = unchanged(assigned)
    response = client.post(
        f"/ops/reports/{assigned.code}/reject/", {"reason": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409  # assigned reports cannot be rejected at all
    response = client.post(
        f"/ops/reports/{assigned.code}/note/", {"text": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403 and "not allowed" in response.text
    assert unchanged(assigned)[:2] == before[:2]


def test_observers_read_everything_and_act_on_nothing(client, login, submit, assigned):
    report = submit()
    login("observer")
    page = client.get("/ops/triage/", HTTP_ACCEPT_LANGUAGE="en").text
    assert report.code in page and "Assign selected" not in page
    workspace = client.get(f"/ops/reports/{report.code}/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Read only" in workspace and "Accept and assign" not in workspace
    assert "lan.reporter@example.com" not in client.get(f"/ops/reports/{assigned.code}/").text
    before = unchanged(report)
    assert client.post(f"/ops/reports/{report.code}/assign/").status_code == 403
    assert client.post("/ops/triage/assign/", {"codes": [report.code]}).status_code == 403
    assert unchanged(report) == before
    assert Report.objects.get(pk=report.pk).status == Status.NEW


def test_unknown_actions_and_reports_are_404(client, login, submit):
    report = submit()
    login("operator")
    assert client.post(f"/ops/reports/{report.code}/explode/").status_code == 404
    assert client.get("/ops/reports/PA-NOPE/").status_code == 404
    assert client.get(f"/ops/reports/{report.code}/assign/").status_code == 405


def test_the_console_offers_each_role_only_its_pages(client, login):
    login("officer")
    page = client.get("/ops/agency/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "My agency" in page and "/ops/triage/" not in page and "/ops/dashboard/" not in page
    login("operator")
    page = client.get("/ops/triage/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "/ops/switchboard/" in page and "/ops/agency/" not in page
