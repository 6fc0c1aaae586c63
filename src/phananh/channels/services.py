"""The one intake every channel ends in: the web form today; the API, Open311, email, Facebook,
Zalo and the switchboard call the same function, so validation, routing, events and the
classifier's suggestions are the same wherever a report comes from.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from phananh.intelligence.tasks import classify_report
from phananh.notifications.services import notification_queue
from phananh.reports.choices import Status
from phananh.reports.models import Report
from phananh.reports.services import report_confirm, report_submit
from phananh.reports.tokens import reporter_token


def report_intake(**fields: Any) -> Report:
    """Take in a report (the arguments of `report_submit`); classify it after commit.

    A report held until its reporter confirms it (`confirmed=False`) gets the emailed link here.
    """
    report = report_submit(**fields)
    if report.status == Status.UNCONFIRMED:
        report_confirmation_send(report)
    transaction.on_commit(lambda: classify_report.enqueue(report.pk))
    return report


def report_confirmation_send(report: Report) -> None:
    """Email the reporter without an account the link that confirms their report."""
    link = settings.SITE_URL + reverse(
        "publication:report-confirm", args=[report.code, reporter_token(report.pk)]
    )
    with translation.override(report.language):
        notification_queue(
            to=report.reporter_email,
            subject=_("Confirm your report %(code)s") % {"code": report.code},
            body=_(
                "Thank you for your report. Please confirm it by opening this link:\n%(link)s\n\n"
                "If you did not send it, ignore this message."
            )
            % {"link": link},
            kind="report_confirmation",
            dedupe_key=f"confirm:{report.pk}",
            report_id=report.pk,
        )


def report_intake_confirm(*, report: Report, actor) -> Report:
    """The reporter confirmed: the report enters triage, where auto-assignment may apply."""
    report = report_confirm(report=report, actor=actor)
    transaction.on_commit(lambda: classify_report.enqueue(report.pk))
    return report
