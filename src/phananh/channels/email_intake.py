"""Reports by email: one service, `email_receive(raw)`, behind both the SMTP receiver
(`phananh smtpd`) and the IMAP poller (`phananh imap-poll`).

A new message becomes a report through `report_intake` (subject and body the description, photos
and videos the media, the place from a photo's GPS or a ward named in the text); the sender gets
the tracking code by reply. A message whose subject carries a tracking code is about that report:
the reporter's answer to a question, a registered person's comment, or else it is passed to the
operations centre. Messages written by machines (auto-replies, bounces, lists) are recorded and
otherwise ignored, so no loop can start; our own replies say `Auto-Submitted: auto-replied`.

Without any place, the report is filed anyway (status `new`, no point) and the reply asks where it
is; the reporter's answer reaches the operators, who place it (they can always handle it).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from phananh.accounts.actors import Actor
from phananh.accounts.selectors import actor_for_user, user_by_email
from phananh.channels.email_parse import ParsedEmail, clean_subject, read, without_quotes
from phananh.channels.models import EmailOutcome, InboundEmail
from phananh.channels.places import area_named_in
from phananh.channels.reading import guess_language
from phananh.core import clock
from phananh.core.errors import DomainError, InvalidInput
from phananh.interop.agency_steps import agency_actor, agency_step
from phananh.interop.selectors import forwarded_to_address
from phananh.notifications.services import IOC_DESK, notification_queue, staff_alert
from phananh.notifications.templates import ReporterEvent, StaffAlert, reporter_message
from phananh.reports.actions._base import TEXT_MAX
from phananh.reports.actions.intake import report_intake
from phananh.reports.actions.participation import comment_add
from phananh.reports.actions.triage import report_answer_info
from phananh.reports.choices import Channel, Status
from phananh.reports.drafts import Contact, ReportDraft
from phananh.reports.media import media_inspect
from phananh.reports.models import Report

logger = logging.getLogger(__name__)

# The outbox kind of every answer to an incoming email (sent with Auto-Submitted: auto-replied).
REPLY_KIND = "email_reply"
FORWARD_KIND = "email_forward"
MAX_MEDIA = 10
COMMENT_MAX = 2000
DUPLICATE = "duplicate"


@dataclass(frozen=True)
class EmailResult:
    """What `email_receive` did: an EmailOutcome value (or "duplicate"), the report, why."""

    outcome: str
    report_code: str = ""
    note: str = ""


def code_in(subject: str) -> str:
    """The tracking code a subject carries ("Re: [PA-7K2M9QX] …"), upper-cased, or ""."""
    prefix = re.escape(settings.REPORT_CODE_PREFIX)
    match = re.search(rf"(?<![0-9A-Z]){prefix}-[0-9A-Z]{{6,8}}(?![0-9A-Z])", subject or "", re.I)
    return match.group(0).upper() if match else ""


def _reply_subject(code: str, subject: str) -> str:
    rest = clean_subject(subject).replace(f"[{code}]", "").strip()
    return f"Re: [{code}] {rest}".strip()[:200]


def _reply(mail: ParsedEmail, *, code: str, body: str, key: str, report_id: int | None) -> None:
    notification_queue(
        to=mail.reply_to,
        subject=_reply_subject(code, mail.subject) if code else f"Re: {mail.subject}"[:200],
        body=body,
        kind=REPLY_KIND,
        dedupe_key=key,
        report_id=report_id,
    )


def _uploads(mail: ParsedEmail) -> tuple[list[io.BytesIO], list[str], bool]:
    """The attachments the media service accepts, notes on those skipped, whether one has GPS."""
    uploads: list[io.BytesIO] = []
    notes: list[str] = []
    located = False
    for index, attachment in enumerate(mail.attachments):
        name = attachment.name or _("attachment %(number)d") % {"number": index + 1}
        if len(uploads) >= MAX_MEDIA:
            notes.append(
                _("%(name)s was not added: at most %(max)d photos or videos per email.")
                % {"name": name, "max": MAX_MEDIA}
            )
            continue
        upload = io.BytesIO(attachment.data)
        upload.name = name
        try:
            _data, info = media_inspect(upload)
        except InvalidInput as error:
            notes.append(_("%(name)s was not added: %(reason)s") % {"name": name, "reason": error})
            continue
        upload.seek(0)
        uploads.append(upload)
        located = located or bool(info.gps)
    for name in mail.other_files:
        notes.append(_("%(name)s was not added: only photos and videos are kept.") % {"name": name})
    return uploads, notes, located


def _signature_cut(text: str) -> str:
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.rstrip() in ("--", "-- "):
            lines = lines[:index]
            break
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in lines)).strip()


def _new_report(mail: ParsedEmail) -> EmailResult:
    subject = clean_subject(mail.subject)
    body = _signature_cut(mail.text)
    language = guess_language(f"{subject}\n{body}") or "vi"
    with translation.override(language):
        uploads, notes, photo_located = _uploads(mail)
        text = "\n\n".join(part for part in (subject, body) if part)
        if not text and not uploads:
            _reply(
                mail,
                code="",
                body=_(
                    "Your email reached the city's reporting service, but it was empty. Please "
                    "write what is wrong and where, and attach a photo if you can."
                ),
                key=f"email-empty:{mail.message_id}",
                report_id=None,
            )
            return EmailResult(EmailOutcome.REFUSED, note="empty")
        text = text or _("(No description: see the photos.)")
        if len(text) > TEXT_MAX:
            notes.append(
                _("The description was shortened to %(max)d characters.") % {"max": TEXT_MAX}
            )
            text = text[: TEXT_MAX - 1].rstrip() + "…"
        lat = lon = None
        address = ""
        area = None if photo_located else area_named_in(f"{subject}\n{body}")
        if area is not None:
            # A named ward is placed at the ward's own point: operators move the pin if needed.
            lat, lon, address = area.lat, area.lon, area.name_vi
        report = report_intake(
            actor=Actor(label=str(Channel.EMAIL.label)),
            draft=ReportDraft(
                text=text,
                channel=Channel.EMAIL,
                point=(lat, lon) if lat is not None and lon is not None else None,
                address=address,
                contact=Contact(name=mail.sender_name, email=mail.sender),
                language=language,
                uploads=uploads,
            ),
        )
        received = reporter_message(
            ReporterEvent.RECEIVED,
            language=language,
            channel="email",
            values={
                "code": report.code,
                "url": settings.SITE_URL + report.get_absolute_url(),
            },
        )
        parts = [received.body]
        if report.media_count:
            parts.append(_("Photos and videos added: %(count)d.") % {"count": report.media_count})
        parts.extend(notes)
        if report.lat is None:
            parts.append(
                _(
                    "We could not tell where the problem is. Please reply to this email with the "
                    "ward and street (or a photo taken on the spot with location turned on), "
                    "keeping %(code)s in the subject."
                )
                % {"code": report.code}
            )
        # The lifecycle's own "received" message leaves email reports to this richer answer.
        _reply(
            mail,
            code=report.code,
            body="\n\n".join(parts),
            key=f"email-received:{report.pk}",
            report_id=report.pk,
        )
    note = "\n".join(notes + ([] if report.lat is not None else ["no place"]))
    return EmailResult(EmailOutcome.REPORT, report.code, note)


def _forward(mail: ParsedEmail, report: Report, text: str, record: InboundEmail, why: str) -> None:
    """Pass a message the intake cannot attach to the operations centre's staff."""
    staff_alert(
        StaffAlert.EMAIL_FORWARDED,
        to=[(None, IOC_DESK)],
        values={
            "code": report.code,
            "why": why,
            "sender": mail.sender,
            "subject": mail.subject,
            "media": len(mail.attachments),
            "text": text,
        },
        dedupe_key=f"{FORWARD_KIND}:{record.pk}",
        report_id=report.pk,
    )


def _about_report(mail: ParsedEmail, report: Report, record: InboundEmail) -> EmailResult:
    """A message about an existing report: an answer, a comment, or one for the operators."""
    text = without_quotes(mail.text)
    reporter_email = report.reporter_email or (
        report.reporter.email if report.reporter is not None else ""
    )
    from_reporter = bool(reporter_email) and mail.sender == reporter_email.lower()
    language = report.language if from_reporter else (guess_language(text) or "vi")
    key = f"email-reply:{record.pk}"
    agency = forwarded_to_address(report, mail.sender)
    with translation.override(language):
        uploads, notes, _located = _uploads(mail)
        if agency is not None and text:
            # The agency the report was emailed to answers by reply: its progress, in public.
            try:
                agency_step(
                    report=report,
                    actor=agency_actor(agency, _("email reply")),
                    step="progress",
                    text=text[:TEXT_MAX],
                    uploads=uploads,
                )
            except DomainError:
                pass  # a step the report's status refuses: the operators read it instead
            else:
                return EmailResult(EmailOutcome.ANSWER, report.code, "agency reply")
        if report.status == Status.INFO_REQUESTED and from_reporter:
            answer = text or (_("(No text: see the photos.)") if uploads else "")
            if answer:
                report_answer_info(
                    report=report,
                    actor=Actor.reporter_link(report.pk),
                    answer=answer[:TEXT_MAX],
                    uploads=uploads,
                )
                body = "\n\n".join(
                    [
                        _(
                            "Thank you: your answer has been added to report %(code)s, which goes "
                            "back to the operations centre."
                        )
                        % {"code": report.code},
                        *notes,
                    ]
                )
                _reply(mail, code=report.code, body=body, key=key, report_id=report.pk)
                return EmailResult(EmailOutcome.ANSWER, report.code, "\n".join(notes))
        user = user_by_email(mail.sender)
        may_comment = (
            user is not None
            and user.is_active
            and user.email_verified_at is not None
            and report.is_published
        )
        if may_comment and text:
            comment_add(report=report, actor=actor_for_user(user), text=text[:COMMENT_MAX])
            body = _("Thank you: your comment has been published on report %(code)s:\n%(url)s") % {
                "code": report.code,
                "url": settings.SITE_URL + report.get_absolute_url(),
            }
            if mail.attachments:
                body += "\n\n" + _("Photos cannot be added to comments; they were not kept.")
            _reply(mail, code=report.code, body=body, key=key, report_id=report.pk)
            return EmailResult(EmailOutcome.COMMENT, report.code)
        why = (
            _("the reporter wrote while no question was waiting")
            if from_reporter
            else _("the sender is not the reporter and has no verified account")
        )
        _forward(mail, report, text or mail.text, record, why)
        body = _(
            "Thank you: your message about report %(code)s has been passed to the operations "
            "centre."
        ) % {"code": report.code}
        _reply(mail, code=report.code, body=body, key=key, report_id=report.pk)
    return EmailResult(EmailOutcome.FORWARDED, report.code, why)


def _handle(mail: ParsedEmail, record: InboundEmail) -> EmailResult:
    if mail.automatic:
        return EmailResult(EmailOutcome.IGNORED, note=mail.automatic)
    code = code_in(mail.subject)
    report = Report.objects.select_related("reporter").filter(code=code).first() if code else None
    if report is not None:
        return _about_report(mail, report, record)
    return _new_report(mail)


def email_receive(raw: bytes) -> EmailResult:
    """Take in one email (its raw bytes, as received); safe to call twice with the same message.

    Never raises for what the message contains (malformed MIME, bad attachments, text the
    lifecycle refuses): it is recorded with its outcome. A database failure does raise, so the
    SMTP receiver answers "try again later" and the poller leaves the message unread.
    """
    if len(raw) > settings.INTAKE_EMAIL_MAX_BYTES:
        return EmailResult(EmailOutcome.REFUSED, note="too large")
    try:
        mail = read(raw)
    except Exception:  # the parser itself gave up: nothing to take in
        logger.exception("unreadable email of %d bytes", len(raw))
        return EmailResult(EmailOutcome.REFUSED, note="unreadable")
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = InboundEmail.objects.create(
                    message_id=mail.message_id,
                    sender=mail.sender[:254],
                    subject=mail.subject[:255],
                    received_at=clock.now(),
                    outcome=EmailOutcome.REFUSED,
                )
        except IntegrityError:
            return EmailResult(DUPLICATE)
        try:
            with transaction.atomic():
                result = _handle(mail, record)
        except DomainError as error:
            # The lifecycle refused it (a rule, not a fault): the sender is told why.
            logger.info("email %s refused: %s", mail.message_id, error)
            result = EmailResult(EmailOutcome.REFUSED, note=str(error))
            with translation.override(guess_language(mail.text) or "vi"):
                _reply(
                    mail,
                    code="",
                    body=_("Sorry, your email could not be taken in: %(reason)s")
                    % {"reason": error},
                    key=f"email-refused:{record.pk}",
                    report_id=None,
                )
        record.outcome = result.outcome
        record.note = result.note
        record.report = (
            Report.objects.filter(code=result.report_code).first() if result.report_code else None
        )
        record.save(update_fields=["outcome", "note", "report"])
    logger.info(
        "email %s from %s: %s %s", mail.message_id, mail.sender, result.outcome, result.report_code
    )
    return result
