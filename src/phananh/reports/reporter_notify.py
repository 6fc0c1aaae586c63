"""Telling the reporter about each step of their report, on the channel they came from.

The lifecycle calls `reporter_notify_later(event)` for every event it records; the steps a
reporter hears about are enqueued after commit, and the task re-reads the event by id and
queues one outbox message (the dedupe key makes it twice-safe). The texts are in
notifications/templates.py. Only the reporter is written to: nothing here reaches the public or
an agency, and no message names the reporter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from phananh.notifications.models import Notification
from phananh.notifications.services import notification_queue
from phananh.notifications.templates import EVENT_KIND, ReporterEvent, reporter_message
from phananh.reports.choices import Action, Channel, Status, Visibility
from phananh.reports.models import Event, Report

_BY_ACTION = {
    Action.SUBMIT: ReporterEvent.RECEIVED,
    Action.CONFIRM: ReporterEvent.RECEIVED,
    Action.ASSIGN: ReporterEvent.ASSIGNED,
    Action.REQUEST_INFO: ReporterEvent.INFO_REQUESTED,
    Action.RESOLVE: ReporterEvent.RESOLVED,
    Action.REOPEN: ReporterEvent.REOPENED,
    Action.CLOSE: ReporterEvent.CLOSED,
    Action.AUTO_CLOSE: ReporterEvent.CLOSED,
    Action.REJECT: ReporterEvent.REJECTED,
    Action.MERGE: ReporterEvent.MERGED,
    Action.DECIDE_EXTENSION: ReporterEvent.DEADLINE_EXTENDED,
}
# Channels whose intake answers in the conversation itself with the tracking code.
_CONFIRMED_IN_CHAT = (Channel.FACEBOOK, Channel.ZALO)


def reporter_event(event: Event) -> ReporterEvent | None:
    """The step this event tells the reporter about, or None when it is not one of theirs."""
    kind = _BY_ACTION.get(event.action)
    if kind is None or event.visibility != Visibility.PUBLIC:
        return None
    if kind == ReporterEvent.RECEIVED and event.to_status != Status.NEW:
        return None  # held until the reporter confirms it (the confirmation link says so)
    if kind == ReporterEvent.DEADLINE_EXTENDED and not event.payload.get("approved"):
        return None
    return kind


def reporter_notify_later(event: Event) -> None:
    """Called by the lifecycle for every event it records: the reporter's steps go after commit."""
    if reporter_event(event) is not None:
        from phananh.reports.tasks import notify_reporter

        transaction.on_commit(lambda: notify_reporter.enqueue(event.pk))


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
    email = report.reporter_email or (report.reporter.email if report.reporter_id else "")
    if email:
        return "email", email
    if report.reporter_phone and _configured("sms"):
        return "sms", report.reporter_phone
    return None


def _language(report: Report, channel: str, to: str) -> str:
    """The account's language for messages to the account's own address; else the language the
    report was written in (a report may give another address than the account's)."""
    if report.reporter_id and channel == "email" and to == report.reporter.email:
        return report.reporter.language
    return report.language


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else "-"


def _values(report: Report, event: Event, kind: ReporterEvent, language: str) -> dict[str, str]:
    from phananh.reports.tokens import reporter_token
    from phananh.sla.choices import Step
    from phananh.sla.selectors import deadline_open

    values = {
        "code": report.code,
        "url": settings.SITE_URL + report.get_absolute_url(),
        "note": event.public_note,
        "intake": settings.INTAKE_EMAIL,
    }
    with translation.override(language):
        if kind == ReporterEvent.ASSIGNED:
            resolution = deadline_open(report.pk, Step.RESOLUTION)
            values["agency"] = event.agency.name if event.agency_id else ""
            values["due"] = _when(resolution.due_at if resolution else report.due_at)
        elif kind == ReporterEvent.DEADLINE_EXTENDED:
            values["due"] = _when(report.due_at)
        elif kind == ReporterEvent.INFO_REQUESTED:
            values["question"] = event.public_note
            values["note"] = ""
        elif kind == ReporterEvent.RESOLVED:
            values["result"] = event.public_note
            values["rate_url"] = settings.SITE_URL + reverse(
                "publication:report-rate", args=[report.code, reporter_token(report.pk)]
            )
        elif kind == ReporterEvent.REJECTED:
            values["reason"] = event.public_note
        elif kind == ReporterEvent.MERGED:
            values["into"] = event.payload.get("into", "")
            if report.duplicate_of_id:
                values["url"] = settings.SITE_URL + report.duplicate_of.get_absolute_url()
    return values


def _dedupe_key(report: Report, event: Event, kind: ReporterEvent) -> str:
    if kind == ReporterEvent.RECEIVED:
        # One per report: an intake that answers the sender itself (email) uses the same key.
        return reporter_received_key(report.pk)
    if kind == ReporterEvent.RESOLVED:
        return f"rate:{report.pk}:{report.resolution_round}"
    return f"reporter:{event.pk}"


def reporter_received_key(report_id: int) -> str:
    """The outbox key of a report's 'received, your code is …' message (sent once)."""
    return f"reporter:received:{report_id}"


def report_notify_reporter(*, report: Report, event: Event) -> Notification | None:
    """Queue the message that tells the reporter about `event`, in their language, on their
    channel; None when the event is not theirs, they cannot be reached or switched it off.
    """
    kind = reporter_event(event)
    if kind is None:
        return None
    if kind == ReporterEvent.RECEIVED and report.channel in _CONFIRMED_IN_CHAT:
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


def reporter_notify(*, event_id: int) -> Notification | None:
    """The task's service: re-read the event and tell its reporter (twice-safe)."""
    event = (
        Event.objects.select_related("agency", "report", "report__reporter", "report__duplicate_of")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return None
    return report_notify_reporter(report=event.report, event=event)
