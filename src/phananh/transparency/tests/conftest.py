"""A report whose timeline has a public deadline in it (an approved extension)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from phananh.accounts.choices import Role
from phananh.core import clock
from phananh.reports.actions.agency import report_agency_accept, report_progress
from phananh.reports.actions.deadlines import report_decide_extension, report_request_extension
from phananh.reports.actions.triage import report_assign, report_note


@pytest.fixture
def extended(submit, people):
    """submit → assign → accept → internal note → extension asked → approved (public, with
    its due moments) → public progress: seven events, two internal."""

    def _extended(**submitted):
        report = report_assign(report=submit(**submitted), actor=people[Role.OPERATOR])
        report = report_agency_accept(report=report, actor=people[Role.OFFICER])
        report = report_note(report=report, actor=people[Role.OPERATOR], text="Gọi chủ quán")
        report = report_request_extension(
            report=report,
            actor=people[Role.OFFICER],
            reason="Cần thêm vật tư",
            new_due=clock.now() + timedelta(days=20),
        )
        report = report_decide_extension(report=report, actor=people[Role.SUPERVISOR], approve=True)
        return report_progress(report=report, actor=people[Role.OFFICER], note="Đã nhắc nhở")

    return _extended
