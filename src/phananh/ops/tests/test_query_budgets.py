"""The console's pages cost the same number of queries however much a report or queue holds."""

from __future__ import annotations

import pytest

from phananh.conftest import jpeg_bytes
from phananh.reports.actions.triage import report_answer_info, report_assign, report_request_info

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [1, 6])
def test_budgets_do_not_grow(client, login, submit, people, size, django_assert_max_num_queries):
    for _ in range(size):
        report = submit(uploads=[jpeg_bytes() for _ in range(size)])
        for i in range(size):
            report_request_info(report=report, actor=people["operator"], question=f"Q{i}")
            report_answer_info(report=report, actor=people["reporter"], answer=f"A{i}")
        report_assign(report=report, actor=people["operator"])
    login("operator")
    with django_assert_max_num_queries(14):
        assert client.get(f"/ops/reports/{report.code}/").status_code == 200
    login("officer")
    with django_assert_max_num_queries(8):
        assert client.get("/ops/agency/").status_code == 200
    login("supervisor")
    with django_assert_max_num_queries(10):
        assert client.get("/ops/supervision/").status_code == 200
