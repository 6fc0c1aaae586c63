"""The public timeline names the role that took each step and says what was decided; a report
that went overdue keeps saying so, and since when, after an extension."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.conftest import jpeg_bytes
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.deadlines import (
    report_decide_extension,
    report_escalate,
    report_request_extension,
)
from phananh.reports.actions.outcome import (
    report_rate,
    report_reopen,
    report_request_reopen,
    report_resolve,
)
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Action
from phananh.reports.models import Event
from phananh.reports.privacy import public_role
from phananh.sla.choices import Step

pytestmark = pytest.mark.django_db


def _entries(html: str) -> list[tuple[str, str]]:
    """(step heading with what it decided, credit) of each public timeline entry, in order."""
    timeline = html[html.index('<ol class="timeline">') : html.index("</ol>")]
    return [
        (re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m.group(2))).strip(), m.group(1))
        for m in re.finditer(
            r'<li data-seq="[^"]*" data-by="([^"]*)">.*?(<strong>.*?)(?:<span class="by">|\n)',
            timeline,
            re.S,
        )
    ]


def test_each_step_is_credited_to_the_role_that_took_it(client, submit, people, ward_agency):
    report = submit(reporter_name="Nguyễn Thị Lan", reporter_phone="0905123456")
    report = report_assign(report=report, actor=people[Role.OPERATOR])
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    report = report_resolve(report=report, actor=people[Role.OFFICER], result="Đã nhắc nhở")
    reporter = Actor.reporter_link(report.pk)
    report = report_rate(report=report, actor=reporter, level="unsatisfied")
    report = report_request_reopen(
        report=report, actor=reporter, reason="Vẫn ồn", uploads=[jpeg_bytes()]
    )
    report_reopen(report=report, actor=people[Role.SUPERVISOR], note="Xử lý lại")
    page = client.get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    by = {step.split(":")[0]: credit for step, credit in _entries(page)}
    assert by["Report received"] == "Reporter"
    assert by["Referred to an agency"] == "Operations centre"
    assert by["Agency accepted"] == ward_agency.name
    assert by["Handled"] == ward_agency.name
    assert by["Rated"] == "Reporter"
    assert by["Reopening requested"] == "Reporter"  # not the ward committee
    assert by["Reopened"] == "Operations centre"  # not the ward committee
    assert f"Referred to an agency: {ward_agency.name}" in dict(_entries(page))
    for personal in ("Nguyễn Thị Lan", "0905123456", people["reporter"].label):
        assert personal not in page


def test_a_granted_extension_says_so_and_the_overdue_badge_stays(client, submit, people):
    report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    resolution = report.deadlines.get(step=Step.RESOLUTION)
    report = report_escalate(report=report, deadline=resolution)
    assert report.is_overdue
    new_due = timezone.now() + timedelta(days=30)
    report_request_extension(
        report=report, actor=people[Role.OFFICER], reason="Vật tư", new_due=new_due
    )
    report = report_decide_extension(
        report=report, actor=people[Role.SUPERVISOR], approve=True, note="Đồng ý"
    )
    assert not report.is_overdue  # the deadline moved…
    page = client.get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Was overdue" in page  # …but the page keeps saying it was overdue, and since when
    since = re.search(r'<dd class="overdue-since"><time datetime="([^"]+)"', page).group(1)
    assert since.startswith(timezone.localtime(resolution.due_at).strftime("%Y-%m-%dT%H:%M"))
    entries = dict(_entries(page))
    extension = next(step for step in entries if step.startswith("Extension decided"))
    assert "granted: the new due date is" in extension
    with translation.override("en"):
        assert date_format(timezone.localtime(new_due), "DATETIME_FORMAT") in extension
    assert entries[extension] == "Operations centre"
    vi = client.get(report.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").text
    assert "Đã từng quá hạn" in vi and "Trung tâm IOC" in vi


def test_public_role_comes_from_the_role_the_table_granted(submit, people):
    report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    roles = {e.action: public_role(e) for e in Event.objects.filter(report=report)}
    assert roles == {Action.SUBMIT: "reporter", Action.ASSIGN: "operations_centre"}
