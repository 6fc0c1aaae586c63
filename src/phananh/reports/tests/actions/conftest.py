"""Reports at each step, reached through the services themselves."""

from __future__ import annotations

import pytest

from phananh.accounts.choices import Role
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign


@pytest.fixture
def assigned(submit, people):
    """A noise report referred to the Phú Xuân committee (so: published)."""

    def _assigned(**submitted):
        return report_assign(report=submit(**submitted), actor=people[Role.OPERATOR])

    return _assigned


@pytest.fixture
def in_progress(assigned, people):
    def _in_progress(**submitted):
        return report_agency_accept(report=assigned(**submitted), actor=people[Role.OFFICER])

    return _in_progress


@pytest.fixture
def resolved(in_progress, people):
    def _resolved(**submitted):
        return report_resolve(
            report=in_progress(**submitted), actor=people[Role.OFFICER], result="Đã xử lý"
        )

    return _resolved
