"""An agency's queue pages through its reports without counting them (core/pages.py), on the
partial index made for it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phananh.ops import selectors
from phananh.reports.actions.triage import report_assign
from phananh.reports.models import Report

pytestmark = pytest.mark.django_db


def test_the_queue_pages_by_deadline_and_never_counts(client, login, submit, people, monkeypatch):
    monkeypatch.setattr(selectors, "AGENCY_PAGE_SIZE", 2)
    codes = []
    for _ in range(5):
        report = submit()
        report_assign(report=report, actor=people["operator"])
        codes.append(report.code)
    login("officer")
    seen, number = [], 1
    while True:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(f"/ops/agency/?page={number}")
        assert page.status_code == 200
        assert not [q for q in queries if "COUNT(" in q["sql"].upper()]
        context = page.context["page"]
        seen.extend(report.code for report in context)
        assert context.has_previous == (number > 1)
        if not context.has_next:
            break
        assert f"?page={number + 1}" in page.text
        number += 1
    assert number == 3 and sorted(seen) == sorted(codes)
    ordered = list(
        Report.objects.filter(code__in=codes)
        .order_by("due_at", "submitted_at", "id")
        .values_list("code", flat=True)
    )
    assert seen == ordered
    # A page past the end, or a page that is not a number, still answers.
    assert client.get("/ops/agency/?page=99").status_code == 200
    assert client.get("/ops/agency/?page=x").context["page"].number == 1


def test_the_partial_index_holds_the_statuses_the_queue_reads():
    index = next(i for i in Report._meta.indexes if i.name == "report_agency_queue_idx")
    ((_, statuses),) = index.condition.children
    assert set(statuses) == set(selectors.AGENCY_STATUSES)


def test_the_triage_queue_pages_and_keeps_its_filters(client, login, submit, monkeypatch):
    monkeypatch.setattr(selectors, "TRIAGE_PAGE_SIZE", 2)
    codes = [submit(text=f"Cống tắc số {n}").code for n in range(3)]
    login("operator")
    first = client.get("/ops/triage/?channel=web")
    assert first.status_code == 200 and len(first.context["queue"]) == 2
    assert "?channel=web&amp;page=2" in first.text
    second = client.get("/ops/triage/?channel=web&page=2")
    shown = [r.code for r in first.context["queue"]] + [r.code for r in second.context["queue"]]
    assert sorted(shown) == sorted(codes) and not second.context["page"].has_next
    assert "page=1" in second.text
