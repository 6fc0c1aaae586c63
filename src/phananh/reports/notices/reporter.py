"""Telling the reporter about each step of their report, on the channel they came from.

A subscriber of the event fan-out (`reports/fanout.py`): the lifecycle table's `tells.reporter`
names the message of each step (texts in notifications/templates.py); this module picks the
channel, gathers the values and queues one outbox message (its dedupe key makes it twice-safe).
Only the reporter is written to: nothing here reaches the public or an agency, and no message
names the reporter.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from phananh.core.dates import moment_text
from phananh.notifications.models import Notification
from phananh.notifications.services import notification_queue
from phananh.notifications.templates import EVENT_KIND, ReporterEvent, reporter_message
from phananh.reports import lifecycle
from phananh.reports.choices import Action, Channel, Status, Visibility
from phananh.reports.models import Event, Report
from phananh.reports.tokens import answer_token, reporter_token
from phananh.sla.choices import Step
from phananh.sla.selectors import deadline_open

# Channels whose intake answers in the conversation itself with the tracking code.
_CONFIRMED_IN_CHAT = (Channel.FACEBOOK, Channel.ZALO)
# Channels whose intake itself answers "received, your code is …" (email adds what it read).
_RECEIVED_BY_INTAKE = (*_CONFIRMED_IN_CHAT, Channel.EMAIL)


def reporter_wants(event: Event, row: lifecycle.Transition) -> bool:
    """The fan-out's condition: the table tells the reporter, and the step is public."""
    return bool(row.tells.reporter) and event.visibility == Visibility.PUBLIC


def reporter_event(event: Event) -> ReporterEvent | None:
    """The step this event tells the reporter about, or None when it is not one of theirs."""
    row = lifecycle.TABLE.get(event.action)
    if row is None or not reporter_wants(event, row):
        return None
    kind = ReporterEvent(row.tells.reporter)
    if kind == ReporterEvent.RECEIVED and event.to_status != Status.NEW:
        return None  # held until the reporter confirms it (the confirmation link says so)
    if kind == ReporterEvent.DEADLINE_EXTENDED and not event.payload.get("approved"):
        return None
    return kind


# A chat or SMS channel is used only when this city configured it; otherwise email stands in.
_CONFIGURED_BY = {
    Channel.FACEBOOK: "FACEBOOK_PAGE_TOKEN",
    Channel.ZALO: "ZALO_ACCESS_TOKEN",
    "sms": "SMS_GATEWAY_URL",
}


def _configured(channel: str) -> bool:
    return bool(getattr(settings, _CONFIGURED_BY[channel], ""))


def reporter_address(report: Report) -> tuple[str, str] | None:
    """(channel, recipient) to reach the reporter on: their chat, else email, else SMS."""
    if (
        report.channel in _CONFIRMED_IN_CHAT
        and report.reporter_channel_id
        and _configured(report.channel)
    ):
        return report.channel, report.reporter_channel_id
    email = report.reporter_email or (report.reporter.email if report.reporter is not None else "")
    if email:
        return "email", email
    if report.reporter_phone and _configured("sms"):
        return "sms", report.reporter_phone
    return None


def _language(report: Report, channel: str, to: str) -> str:
    """The account's language for messages to the account's own address; else the language the
    report was written in (a report may give another address than the account's)."""
    if channel == "email" and report.reporter is not None and to == report.reporter.email:
        return report.reporter.language
    return report.language


def _when(moment: datetime | None) -> str:
    return moment_text(moment)


def _values(report: Report, event: Event, kind: ReporterEvent, language: str) -> dict[str, str]:
    values = {
        "code": report.code,
        "url": settings.SITE_URL + report.get_absolute_url(),
        "note": event.public_note,
        "intake": settings.INTAKE_EMAIL,
    }
    with translation.override(language):
        if kind == ReporterEvent.ASSIGNED:
            resolution = deadline_open(report.pk, Step.RESOLUTION)
            values["agency"] = event.agency.name if event.agency is not None else ""
            values["due"] = _when(resolution.due_at if resolution else report.due_at)
        elif kind == ReporterEvent.DEADLINE_EXTENDED:
            values["due"] = _when(report.due_at)
        elif kind == ReporterEvent.INFO_REQUESTED:
            values["question"] = event.public_note
            values["note"] = ""
            values["answer_url"] = settings.SITE_URL + reverse(
                "publication:report-answer-link",
                args=[report.code, answer_token(report.pk, event.pk)],
            )
        elif kind == ReporterEvent.RESOLVED:
            values["result"] = event.public_note
            values["rate_url"] = settings.SITE_URL + reverse(
                "publication:report-rate", args=[report.code, reporter_token(report.pk)]
            )
        elif kind == ReporterEvent.REJECTED:
            values["reason"] = event.public_note
        elif kind == ReporterEvent.MERGED:
            values["into"] = event.payload.get("into", "")
            if report.duplicate_of is not None:
                values["url"] = settings.SITE_URL + report.duplicate_of.get_absolute_url()
    return values


def _dedupe_key(report: Report, event: Event, kind: ReporterEvent) -> str:
    if kind == ReporterEvent.RECEIVED:
        return f"reporter:received:{report.pk}"  # once per report, whichever step sends it
    if kind == ReporterEvent.RESOLVED:
        return f"rate:{report.pk}:{report.resolution_round}"
    return f"reporter:{event.pk}"


def report_notify_reporter(*, report: Report, event: Event) -> Notification | None:
    """Queue the message that tells the reporter about `event`, in their language, on their
    channel; None when the event is not theirs, they cannot be reached or switched it off.
    """
    kind = reporter_event(event)
    if kind is None:
        return None
    if kind == ReporterEvent.RECEIVED and report.channel in _RECEIVED_BY_INTAKE:
        return None
    by_reporter = event.actor_id is not None and event.actor_id == report.reporter_id
    if by_reporter and kind != ReporterEvent.RECEIVED:
        return None  # they did it themselves
    address = reporter_address(report)
    if address is None:
        return None
    channel, to = address
    language = _language(report, channel, to)
    message = reporter_message(
        kind, language=language, channel=channel, values=_values(report, event, kind, language)
    )
    return notification_queue(
        to=to,
        subject=message.subject,
        body=message.body,
        kind=EVENT_KIND[kind],
        dedupe_key=_dedupe_key(report, event, kind),
        report_id=report.pk,
        user_id=report.reporter_id,
        channel=channel,
    )


def confirmation_send(report: Report) -> Notification | None:
    """Email the reporter without an account the link that confirms their report."""
    link = settings.SITE_URL + reverse(
        "publication:report-confirm", args=[report.code, reporter_token(report.pk)]
    )
    with translation.override(report.language):
        return notification_queue(
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


def reporter_notice(event: Event) -> Notification | None:
    """The fan-out's subscriber: tell the event's reporter (twice-safe). A report held until
    its reporter confirms it gets the confirmation link instead of the received notice."""
    if event.action == Action.SUBMIT and event.to_status == Status.UNCONFIRMED:
        return confirmation_send(event.report)
    return report_notify_reporter(report=event.report, event=event)
