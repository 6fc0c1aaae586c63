"""The one intake every channel ends in: the web form today; the API, Open311, email, Facebook,
Zalo and the switchboard call the same function, so validation, routing, events and the
classifier's suggestions are the same wherever a report comes from.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from phananh.intelligence.tasks import classify_report
from phananh.reports.models import Report
from phananh.reports.services import report_confirm, report_submit


def report_intake(**fields: Any) -> Report:
    """Take in a report (the arguments of `report_submit`); classify it after commit."""
    report = report_submit(**fields)
    transaction.on_commit(lambda: classify_report.enqueue(report.pk))
    return report


def report_intake_confirm(*, report: Report, actor) -> Report:
    """The reporter confirmed: the report enters triage, where auto-assignment may apply."""
    report = report_confirm(report=report, actor=actor)
    transaction.on_commit(lambda: classify_report.enqueue(report.pk))
    return report
