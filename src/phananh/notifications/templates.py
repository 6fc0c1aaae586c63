"""What the reporter is told at each step of their report, in their language (Vietnamese, English).

One entry per event: a subject and a full text for email, and a short text for SMS and chat
(Messenger, Zalo), where every character counts. The texts are gettext source strings (English;
the Vietnamese is in the catalogue) filled with plain values, so this module knows nothing of the
report model: the reports app gathers the values (reports/notices/reporter.py).

Values a template may use: ``code`` (tracking code), ``url`` (the public page), ``agency``,
``due`` (a formatted local date and time), ``question``, ``how_to_answer``, ``result``,
``rate_url``, ``reason``, ``into`` (the code of the report a duplicate was merged into),
``note``. A template never names the reporter or anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from phananh.notifications.choices import OptionalKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ReporterEvent(models.TextChoices):
    """The steps of a report its reporter hears about (stable values)."""

    RECEIVED = "received", _("Report received")
    ASSIGNED = "assigned", _("Referred to an agency")
    INFO_REQUESTED = "info_requested", _("More information needed")
    RESOLVED = "resolved", _("Handled: please rate")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Not accepted")
    MERGED = "merged", _("Merged as a duplicate")
    DEADLINE_EXTENDED = "deadline_extended", _("Deadline extended")


# The preference (notifications.choices.OptionalKind) that switches each event off.
EVENT_KIND = {
    ReporterEvent.RECEIVED: OptionalKind.RECEIVED,
    ReporterEvent.ASSIGNED: OptionalKind.ASSIGNED,
    ReporterEvent.INFO_REQUESTED: OptionalKind.INFO_REQUESTED,
    ReporterEvent.RESOLVED: OptionalKind.RATE_REQUEST,
    ReporterEvent.REOPENED: OptionalKind.REOPENED,
    ReporterEvent.CLOSED: OptionalKind.CLOSED,
    ReporterEvent.REJECTED: OptionalKind.CLOSED,
    ReporterEvent.MERGED: OptionalKind.CLOSED,
    ReporterEvent.DEADLINE_EXTENDED: OptionalKind.DEADLINE_EXTENDED,
}


@dataclass(frozen=True)
class Template:
    """gettext source strings, translated when rendered (in the recipient's language)."""

    subject: StrOrPromise
    body: StrOrPromise
    short: StrOrPromise


_TEMPLATES = {
    ReporterEvent.RECEIVED: Template(
        _("Report %(code)s received"),
        _(
            "Thank you: your report has been received. Its tracking code is %(code)s.\n\n"
            "The operations centre will check it and refer it to the agency responsible. "
            "You will hear from us at each step. Once accepted, it is public here:\n%(url)s"
        ),
        _("Report received, tracking code %(code)s. Once accepted, it is public here: %(url)s"),
    ),
    ReporterEvent.ASSIGNED: Template(
        _("Report %(code)s referred to %(agency)s"),
        _(
            "Your report %(code)s has been referred to %(agency)s, which must handle it "
            "by %(due)s.\n%(note)s\nFollow it here:\n%(url)s"
        ),
        _("Report %(code)s referred to %(agency)s, to be handled by %(due)s. %(url)s"),
    ),
    ReporterEvent.INFO_REQUESTED: Template(
        _("Report %(code)s: more information needed"),
        _(
            "The operations centre needs more information about your report %(code)s:\n\n"
            "%(question)s\n\n%(how_to_answer)s\n"
            "Your report waits for your answer; its deadline is paused meanwhile."
        ),
        _("Report %(code)s needs more information: %(question)s %(how_to_answer)s"),
    ),
    ReporterEvent.RESOLVED: Template(
        _("Your report %(code)s has been handled"),
        _(
            "The agency has published its result for your report %(code)s:\n\n%(result)s\n\n"
            "Was the problem really fixed? Rate the result here (and show us with a photo "
            "if it was not):\n%(rate_url)s"
        ),
        _("Report %(code)s has been handled. Please rate the result: %(rate_url)s"),
    ),
    ReporterEvent.REOPENED: Template(
        _("Report %(code)s reopened"),
        _(
            "Your report %(code)s has been reopened and sent back to the agency: the result "
            "was not good enough.\n%(note)s\nFollow it here:\n%(url)s"
        ),
        _("Report %(code)s has been reopened and sent back to the agency. %(url)s"),
    ),
    ReporterEvent.CLOSED: Template(
        _("Report %(code)s closed"),
        _("Your report %(code)s is now closed. Thank you for helping the city.\n%(note)s\n%(url)s"),
        _("Report %(code)s is closed. Thank you. %(url)s"),
    ),
    ReporterEvent.REJECTED: Template(
        _("Report %(code)s not accepted"),
        _(
            "The operations centre could not accept your report %(code)s, for this reason:"
            "\n\n%(reason)s\n\nYou are welcome to send a new report if the problem remains."
        ),
        _("Report %(code)s was not accepted: %(reason)s"),
    ),
    ReporterEvent.MERGED: Template(
        _("Report %(code)s joined report %(into)s"),
        _(
            "Someone had already reported the same problem, so your report %(code)s has joined "
            "report %(into)s, which is being handled. Follow it here:\n%(url)s"
        ),
        _("Report %(code)s joined report %(into)s about the same problem. %(url)s"),
    ),
    ReporterEvent.DEADLINE_EXTENDED: Template(
        _("Report %(code)s: new deadline %(due)s"),
        _(
            "The agency handling your report %(code)s has been given more time: the new "
            "deadline is %(due)s.\n%(note)s\nFollow it here:\n%(url)s"
        ),
        _("Report %(code)s: the deadline has been extended to %(due)s. %(url)s"),
    ),
}

# How a reporter answers a question, by the channel we reach them on.
HOW_TO_ANSWER = {
    "email": _(
        "Please answer by replying to this email, keeping %(code)s in the subject; you can "
        "attach photos."
    ),
    "facebook": _("Please answer in this conversation, starting with the code %(code)s."),
    "zalo": _("Please answer in this conversation, starting with the code %(code)s."),
    "sms": _(
        "Please answer by email to %(intake)s with %(code)s in the subject, or call the "
        "operations centre."
    ),
}


NO_INTAKE_ANSWER = _("Please contact the operations centre, giving the code %(code)s.")
# The signed link that answers on the site, text and photos, without an account.
ANSWER_LINK = {
    "email": _("Answer here, with photos if useful (no account needed):\n%(answer_url)s"),
    "sms": _("Answer here: %(answer_url)s"),
}
ANSWER_BY_REPLY = _("You can also reply to this email, keeping %(code)s in the subject.")


def _how_to_answer(channel: str, filled: dict[str, str]) -> str:
    """How the reporter answers on this channel: in the conversation for chats; else the signed
    link (and, for email with an intake address, a reply)."""
    if channel in ("facebook", "zalo"):
        return str(HOW_TO_ANSWER[channel]) % filled
    if filled.get("answer_url"):
        how = str(ANSWER_LINK["email" if channel == "email" else "sms"]) % filled
        if channel == "email" and filled.get("intake"):
            how += "\n\n" + str(ANSWER_BY_REPLY) % filled
        return how
    how = str(HOW_TO_ANSWER.get(channel, HOW_TO_ANSWER["sms"]))
    if not filled.get("intake"):
        how = str(NO_INTAKE_ANSWER)  # no intake address: email cannot carry the answer
    return how % filled


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def reporter_message(
    event: str, *, language: str, channel: str, values: dict[str, str]
) -> Rendered:
    """The subject and text of one event for one reporter, in their language and channel."""
    template = _TEMPLATES[ReporterEvent(event)]
    with translation.override(language if language in {"vi", "en"} else "vi"):
        filled = {key: str(value) for key, value in values.items()}
        filled.setdefault("note", "")
        if event == ReporterEvent.INFO_REQUESTED:
            filled["how_to_answer"] = _how_to_answer(channel, filled)
        subject = str(template.subject) % filled
        if channel == "email":
            body = str(template.body) % filled
        else:
            body = " ".join((str(template.short) % filled).split())
    return Rendered(subject=subject, body=_tidy(body))


def _tidy(text: str) -> str:
    """No runs of blank lines where an optional value (a note) was empty."""
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out).strip()


# ── Messages to the city's staff ──────────────────────────────────────────────────────────────


class StaffAlert(models.TextChoices):
    """What the city's staff are alerted about (the outbox kind of each message)."""

    URGENT_REPORT = "urgent_report", _("An urgent report needs triage")
    DEADLINE_REMINDER = "deadline_reminder", _("A deadline is near")
    DEADLINE_OVERDUE = "deadline_overdue", _("A deadline has passed")
    HOT_ISSUE = "hot_issue", _("Many reports of one kind in one place")
    COMMENT_FLAGGED = "comment_flagged", _("A comment was reported as abusive")
    EMAIL_FORWARDED = "email_forward", _("An email about a report needs reading")
    DELIVERY_FAILED = "delivery_failed", _("A message could not be delivered")


# Subject and text of each alert. Values: ``code``, ``url``, ``when`` (a moment, formatted in
# the recipient's language), ``step``, ``text`` and the alert's own (see each call).
_STAFF_TEMPLATES = {
    StaffAlert.URGENT_REPORT: (
        _("URGENT report %(code)s"),
        _("An urgent report needs triage by %(when)s:\n\n%(text)s\n\n%(url)s"),
    ),
    StaffAlert.DEADLINE_REMINDER: (
        _("Report %(code)s is due %(when)s"),
        _("The %(step)s deadline of report %(code)s is %(when)s.\n%(url)s"),
    ),
    StaffAlert.DEADLINE_OVERDUE: (
        _("Overdue: report %(code)s"),
        _("The %(step)s deadline of report %(code)s passed at %(when)s.\n%(url)s"),
    ),
    StaffAlert.HOT_ISSUE: (
        _("Hot issue: %(count)s %(category)s reports in %(area)s"),
        _(
            "%(count)s reports of “%(category)s” arrived from %(area)s within %(hours)s hours. "
            "They may be one problem: see them together at\n%(url)s"
        ),
    ),
    StaffAlert.COMMENT_FLAGGED: (
        _("A comment on %(code)s was reported as abusive"),
        _("Comment: %(text)s\n\nReview it on the report's page:\n%(url)s"),
    ),
    StaffAlert.EMAIL_FORWARDED: (
        _("[%(code)s] Email about the report from %(sender)s"),
        _(
            "An email about report %(code)s could not be added to it (%(why)s). Please read it "
            "and act on it in the console.\n\nFrom: %(sender)s\nSubject: %(subject)s\n"
            "Photos or videos attached: %(media)d\n\n%(text)s"
        ),
    ),
    StaffAlert.DELIVERY_FAILED: (
        _("Undelivered message #%(id)s (%(channel)s)"),
        _(
            "A message could not be delivered and will not be retried.\n\n"
            "Message: #%(id)s, %(kind)s%(report)s\n"
            "Channel: %(channel)s\nRecipient: %(to)s\nAttempts: %(attempts)s\n"
            "Last error: %(error)s\n\n"
            "Check the channel, then retry it from the outbox: %(link)s"
        ),
    ),
}


def staff_message(alert: str, *, language: str, values: dict[str, object]) -> Rendered:
    """One alert for one member of staff, in their language.

    A value may be a moment (formatted as a local date and time in that language), a lazy
    translation, or a callable giving either (a category's name in the reader's language).
    """
    subject, body = _STAFF_TEMPLATES[StaffAlert(alert)]
    with translation.override(language if language in {"vi", "en"} else "vi"):
        filled = {key: _shown(value) for key, value in values.items()}
        return Rendered(subject=str(subject) % filled, body=str(body) % filled)


def _shown(value: object) -> object:
    from datetime import datetime

    from phananh.core.dates import moment_text

    if callable(value):
        value = value()
    if isinstance(value, datetime):
        return moment_text(value)
    if isinstance(value, int | float):
        return value
    return str(value)
