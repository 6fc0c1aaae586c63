"""The chat that turns Messenger and Zalo messages into a report.

One `Conversation` per platform and sender asks in turn for the description, photos and the
place, shows a summary, and on "yes" files the report through `report_intake`. The worker calls
`conversation_step` for each message, in the order sent, under the conversation's row lock
(channels/inbound.py); the answer it returns goes out through the outbox.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from phananh.accounts.actors import Actor
from phananh.channels.models import (
    Conversation,
    ConversationState,
    InboundKind,
    InboundMessage,
    Platform,
)
from phananh.channels.places import area_example, area_named_in
from phananh.channels.reading import (
    CANCEL,
    DONE,
    GREETING,
    NO,
    THANKS,
    YES,
    code_at_start,
    command_of,
    guess_language,
)
from phananh.core import clock
from phananh.core.errors import DomainError
from phananh.core.names import city_name, service_name
from phananh.geo.models import Area
from phananh.geo.selectors import area_for_point
from phananh.reports.actions._base import TEXT_MAX
from phananh.reports.actions.intake import report_intake
from phananh.reports.actions.triage import report_answer_info
from phananh.reports.choices import PUBLIC_STATUS, Status
from phananh.reports.drafts import Contact, ReportDraft
from phananh.reports.models import Report

logger = logging.getLogger(__name__)

# An unfinished report is dropped after this long without a message.
EXPIRY = timedelta(hours=24)
MAX_PHOTOS = 5
MAX_ATTACHMENTS = 10
# The outbox kind of every answer in the chat (the send adapters answer it as a reply).
REPLY_KIND = "chat_reply"
DRAFT_FOLDER = "chat-drafts"

State = ConversationState


def delete_files(names: list[str]) -> None:
    """Remove downloaded draft photos from the private storage (missing ones are fine)."""
    storage = storages["private"]
    for name in names:
        with contextlib.suppress(OSError):
            storage.delete(name)


def conversation_clear(conversation: Conversation) -> None:
    """Drop the draft (its downloaded photos go after commit)."""
    names = list(conversation.photos or [])
    conversation.text = ""
    conversation.photos = []
    conversation.lat = conversation.lon = None
    conversation.address = ""
    conversation.area = None
    conversation.place_attempts = 0
    conversation.started_at = None
    if names:
        transaction.on_commit(lambda: delete_files(names))


def _start(conversation: Conversation) -> None:
    if conversation.state == State.IDLE:
        conversation.state = State.DESCRIBE
        conversation.started_at = clock.now()


def _has_place(conversation: Conversation) -> bool:
    return conversation.lat is not None or bool(conversation.address)


def _next_state(conversation: Conversation) -> str:
    if not conversation.text:
        return State.DESCRIBE
    if conversation.state in (State.IDLE, State.DESCRIBE) and not conversation.photos:
        return State.PHOTOS
    if not _has_place(conversation):
        return State.PLACE
    return State.CONFIRM


def _greeting() -> str:
    return _(
        "Hello! This is the automated assistant of %(service)s, %(city)s. What problem do you "
        "want to report? Describe it in one message: what is wrong and since when. Type "
        '"cancel" at any time to start again.'
    ) % {"service": service_name(), "city": city_name()}


def _place_text(conversation: Conversation) -> str:
    area = conversation.area.name if conversation.area else ""
    if conversation.address:
        return f"{conversation.address} ({area})" if area else conversation.address
    if conversation.lat is not None and conversation.lon is not None:
        point = f"{conversation.lat:.5f}, {conversation.lon:.5f}"
        return f"{area} ({point})" if area else point
    return _("not given")


def _summary(conversation: Conversation) -> str:
    return _(
        "Please check your report:\n\nDescription: %(text)s\nPhotos: %(photos)d\nPlace: "
        '%(place)s\n\nSend it? Answer "yes" to send it or "no" to start over.'
    ) % {
        "text": conversation.text,
        "photos": len(conversation.photos or []),
        "place": _place_text(conversation),
    }


def _ask_place() -> str:
    example = area_example()
    if example:
        return _(
            "Where is it? Share your location, or type the address with the ward or commune "
            '(for example: 12 Lê Lợi, %(example)s). Type "skip" if you cannot say.'
        ) % {"example": example}
    return _(
        "Where is it? Share your location, or type the address with the ward or commune. "
        'Type "skip" if you cannot say.'
    )


def _prompt(conversation: Conversation) -> str:
    """What to ask in the conversation's current state."""
    state = conversation.state
    if state in (State.IDLE, State.DESCRIBE):
        return _greeting() if not conversation.text else _("Please describe the problem.")
    if state == State.PHOTOS:
        return _(
            'Please send one or more photos of the problem, then type "done". No photo? Type '
            '"skip".'
        )
    if state == State.PLACE:
        return _ask_place()
    return _summary(conversation)


def _add_text(conversation: Conversation, text: str) -> None:
    joined = f"{conversation.text}\n{text}" if conversation.text else text
    conversation.text = joined.strip()[:TEXT_MAX]


def _on_text(conversation: Conversation, text: str, command: str) -> tuple[str, int | None]:
    state = conversation.state
    if state in (State.IDLE, State.DESCRIBE):
        if command in (YES, NO, DONE) or len(text) < 2:
            _start(conversation)
            return _prompt(conversation), None
        _start(conversation)
        _add_text(conversation, text)
        conversation.state = _next_state(conversation)
        return _("Thank you.") + " " + _prompt(conversation), None
    if state == State.PHOTOS:
        if command in (DONE, YES, NO):
            conversation.state = _next_state(conversation)
            return _prompt(conversation), None
        _add_text(conversation, text)
        return _("Added to the description.") + " " + _prompt(conversation), None
    if state == State.PLACE:
        return _on_address(conversation, text, command), None
    # CONFIRM
    if command == YES:
        return _file(conversation)
    if command == NO:
        conversation_clear(conversation)
        conversation.state = State.DESCRIBE
        conversation.started_at = clock.now()
        return _(
            "All right, nothing was sent. Tell me what problem you want to report to start again."
        ), None
    return _('Please answer "yes" to send the report or "no" to start over.'), None


def _on_address(conversation: Conversation, text: str, command: str) -> str:
    if command in (DONE, NO):
        conversation.state = State.CONFIRM
        return _summary(conversation)
    area = area_named_in(text)
    conversation.address = text[:255]
    if area is not None:
        conversation.area = area
        # A typed ward is placed at the ward's own point: operators move the pin when they can.
        conversation.lat, conversation.lon = area.lat, area.lon
        conversation.state = State.CONFIRM
        return _summary(conversation)
    conversation.place_attempts += 1
    if conversation.place_attempts >= 2:
        conversation.state = State.CONFIRM
        return (
            _("I could not find the ward, so the operators will place it from the address.")
            + "\n\n"
            + _summary(conversation)
        )
    return _(
        'I could not find a ward or commune in "%(text)s". Please type its name (for example '
        '"%(example)s"), or share your location.'
    ) % {"text": text[:100], "example": area_example()}


def _on_media(
    conversation: Conversation, message: InboundMessage, photos: list[str], failed: int
) -> str:
    _start(conversation)
    room = MAX_PHOTOS - len(conversation.photos)
    kept, extra = photos[:room], photos[room:]
    if extra:
        transaction.on_commit(lambda: delete_files(extra))
    conversation.photos = [*conversation.photos, *kept]
    if message.text and not conversation.text:
        _add_text(conversation, message.text)
    lines = []
    if failed:
        lines.append(
            _("Sorry, a file could not be used: it must be a photo or video of at most %(mb)d MB.")
            % {"mb": settings.MEDIA_MAX_BYTES // (1024 * 1024)}
        )
    skipped = len(message.attachments) - len(photos) - failed + len(extra)
    if skipped > 0 or (not kept and not failed):
        lines.append(_("That is enough photos (%(max)d at most).") % {"max": MAX_PHOTOS})
    state = conversation.state
    if state == State.DESCRIBE:
        if conversation.text:
            conversation.state = State.PHOTOS
        else:
            if kept:
                lines.append(_("Photo received."))
            lines.append(_("Now please describe the problem in a message."))
            return "\n".join(lines)
    if conversation.state == State.PHOTOS:
        if kept:
            lines.append(
                ngettext(
                    '%(count)d photo received. Send more, or type "done" to continue.',
                    '%(count)d photos received. Send more, or type "done" to continue.',
                    len(conversation.photos),
                )
                % {"count": len(conversation.photos)}
            )
        else:
            lines.append(_prompt(conversation))
        return "\n".join(lines)
    if kept:
        lines.append(_("Photo received."))
    lines.append(_prompt(conversation))
    return "\n".join(lines)


def _on_location(conversation: Conversation, message: InboundMessage) -> str:
    lat, lon = message.lat, message.lon
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return _prompt(conversation)
    area, _how = area_for_point(lat, lon)
    if area is None and Area.objects.exists():
        return _(
            "This place is outside the area this service covers. Please share a place in "
            "%(city)s, or type the ward or commune."
        ) % {"city": city_name()}
    _start(conversation)
    conversation.lat, conversation.lon, conversation.area = lat, lon, area
    conversation.address = ""
    conversation.place_attempts = 0
    if conversation.state == State.DESCRIBE:
        return _("Place received.") + " " + _("Now please describe the problem in a message.")
    if conversation.state in (State.PHOTOS, State.PLACE):
        conversation.state = State.CONFIRM
    return _summary(conversation)


def _file(conversation: Conversation) -> tuple[str, int | None]:
    """File the draft through the one intake; the chat goes back to idle."""
    storage = storages["private"]
    with contextlib.ExitStack() as stack:
        uploads = []
        for name in conversation.photos:
            try:
                uploads.append(stack.enter_context(storage.open(name, "rb")))
            except OSError:
                logger.warning("draft photo %s is gone", name)
        try:
            lat, lon = conversation.lat, conversation.lon
            report = report_intake(
                actor=Actor(label=str(Platform(conversation.platform).label)),
                draft=ReportDraft(
                    text=conversation.text,
                    channel=conversation.platform,
                    point=(lat, lon) if lat is not None and lon is not None else None,
                    address=conversation.address,
                    contact=Contact(channel_id=conversation.sender_id),
                    language=conversation.language,
                    uploads=uploads,
                ),
            )
        except DomainError as error:
            return (
                _("Sorry, the report could not be sent: %(reason)s") % {"reason": error.message}
                + "\n"
                + _('Type "cancel" to start again.')
            ), None
    conversation_clear(conversation)
    conversation.state = State.IDLE
    conversation.last_report = report
    link = settings.SITE_URL + reverse("publication:report-detail", args=[report.code])
    return _(
        "Thank you! Your report has been received.\nTracking code: %(code)s\nFollow it here: "
        "%(link)s\nWe will send you news about it in this chat."
    ) % {"code": report.code, "link": link}, report.pk


def _on_code(conversation: Conversation, code: str, rest: str) -> tuple[str, int | None]:
    """A message that starts with a tracking code: the answer to a question, or a status check.

    Only reports sent from this very conversation (platform and sender) are found; the draft,
    if any, is left as it was.
    """
    report = Report.objects.filter(
        code=code, channel=conversation.platform, reporter_channel_id=conversation.sender_id
    ).first()
    if report is None:
        return _("No report %(code)s was sent from this conversation.") % {"code": code}, None
    if report.status == Status.INFO_REQUESTED:
        if not rest:
            return _("Please write your answer after the code %(code)s, in the same message.") % {
                "code": code
            }, None
        try:
            report_answer_info(report=report, actor=Actor.reporter_link(report.pk), answer=rest)
        except DomainError as error:
            return _("Sorry, the answer could not be added: %(reason)s") % {
                "reason": error.message
            }, None
        return _(
            "Thank you: your answer has been added to report %(code)s, which goes back to the "
            "operations centre."
        ) % {"code": code}, report.pk
    link = settings.SITE_URL + reverse("publication:report-detail", args=[report.code])
    return _("Report %(code)s: %(status)s. Follow it here: %(link)s") % {
        "code": code,
        "status": PUBLIC_STATUS[report.status].label,
        "link": link,
    }, report.pk


def conversation_step(
    conversation: Conversation, message: InboundMessage, photos: list[str], failed: int
) -> tuple[str, int | None]:
    """Apply one message to the conversation; returns the answer and the report it filed."""
    now = clock.now()
    if (
        conversation.state != State.IDLE
        and conversation.expires_at is not None
        and conversation.expires_at <= now
    ):
        conversation_clear(conversation)
        conversation.state = State.IDLE
    text = (message.text or "").strip()
    command = command_of(text) if message.kind == InboundKind.TEXT else ""
    coded = code_at_start(text) if message.kind == InboundKind.TEXT else None
    if (
        message.kind == InboundKind.TEXT
        and command in ("", GREETING, THANKS)
        and conversation.state in (State.IDLE, State.DESCRIBE)
    ):
        conversation.language = guess_language(text) or conversation.language
    report_id = None
    with translation.override(conversation.language):
        if coded is not None:
            reply, report_id = _on_code(conversation, *coded)
        elif command == CANCEL:
            conversation_clear(conversation)
            conversation.state = State.DESCRIBE
            conversation.started_at = now
            reply = _(
                "Cancelled: nothing was sent. Tell me what problem you want to report to start "
                "a new report."
            )
        elif message.kind == InboundKind.START or command == GREETING:
            if conversation.state == State.IDLE:
                _start(conversation)
                reply = _greeting()
            else:
                reply = _prompt(conversation)
        elif command == THANKS and conversation.state == State.IDLE:
            reply = _("You are welcome. To report another problem, just describe it here.")
        elif message.kind == InboundKind.TEXT:
            reply, report_id = _on_text(conversation, text, command)
        elif message.kind == InboundKind.MEDIA:
            reply = _on_media(conversation, message, photos, failed)
        elif message.kind == InboundKind.LOCATION:
            reply = _on_location(conversation, message)
        else:
            reply = _prompt(conversation) if conversation.state != State.IDLE else _greeting()
            _start(conversation)
    conversation.updated_at = now
    conversation.expires_at = now + EXPIRY if conversation.state != State.IDLE else None
    conversation.save()
    return reply, report_id
