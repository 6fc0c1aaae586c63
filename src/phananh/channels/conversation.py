"""The chat that turns Messenger and Zalo messages into a report, and the services that feed it.

A person writes; the webhook stores each message once (`inbound_accept`); the worker feeds the
messages, in the order sent, to the person's `Conversation` (`inbound_process`), which asks in
turn for the description, photos and the place, shows a summary, and on "yes" files the report
through `report_intake`. Every answer goes out through the outbox, never from the webhook.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import re
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
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
    InboundState,
    Platform,
)
from phananh.channels.places import area_example, area_named_in
from phananh.channels.services import report_intake
from phananh.channels.social import REPLAY_WINDOW, Incoming
from phananh.channels.webclient import WebClient, WebError, default_client
from phananh.core import clock
from phananh.core.errors import DomainError
from phananh.core.text import fold, normalize
from phananh.geo.models import Area
from phananh.geo.selectors import area_for_point
from phananh.notifications.services import notification_queue
from phananh.reports.choices import PUBLIC_STATUS, Status
from phananh.reports.media import media_inspect
from phananh.reports.models import Report
from phananh.reports.services import TEXT_MAX, report_answer_info

logger = logging.getLogger(__name__)

# An unfinished report is dropped after this long without a message.
EXPIRY = timedelta(hours=24)
MAX_PHOTOS = 5
MAX_ATTACHMENTS = 10
# The outbox kind of every answer in the chat (the send adapters answer it as a reply).
REPLY_KIND = "chat_reply"
DRAFT_FOLDER = "chat-drafts"

State = ConversationState

CANCEL, YES, NO, DONE, GREETING, THANKS = "cancel", "yes", "no", "done", "greeting", "thanks"
# What people type, written as `core.text.normalize` spells it (no diacritics, chat words out).
_COMMANDS: dict[str, set[str]] = {
    CANCEL: {"huy", "huy bo", "cancel", "restart", "bat dau lai", "lam lai", "stop", "dung lai"},
    YES: {
        "yes", "y", "ok", "okay", "oke", "co", "dong y", "dung", "dung roi", "gui", "gui di",
        "send", "vang", "da", "u", "chinh xac", "correct", "yes please", "co gui", "ok gui",
    },
    NO: {"no", "n", "khong", "khong gui", "sai", "chua dung", "khong dung", "nope", "khong phai"},
    DONE: {
        "xong", "done", "skip", "bo qua", "khong co", "khong co anh", "next", "tiep", "tiep tuc",
        "het", "finish", "finished", "no photo", "no photos", "continue", "xong roi",
    },
    GREETING: {
        "hi", "hello", "hey", "chao", "xin chao", "chao ban", "alo", "start", "bat dau",
        "get started", "help", "giup", "tro giup", "menu", "hello there",
    },
    THANKS: {
        "thanks", "thank you", "cam on", "cam on ban", "thank", "tks", "thx", "thank you so much",
    },
}  # fmt: skip
_EN_WORDS = {
    "the", "is", "are", "there", "a", "an", "please", "street", "road", "light", "lights",
    "broken", "trash", "garbage", "rubbish", "noise", "noisy", "hello", "hi", "help", "near",
    "my", "this", "it", "of", "in", "on", "and", "not", "working", "flood", "flooded", "water",
    "hole", "dirty", "car", "cars", "parked", "sidewalk", "tree", "fallen", "smell", "loud",
    "music", "night", "taxi", "hotel", "since", "days", "has", "been", "at", "for", "with",
}  # fmt: skip
_VI_WORDS = {
    "khong", "co", "duong", "bi", "o", "nha", "rac", "den", "nuoc", "ngap", "hong", "toi",
    "minh", "ban", "chao", "xin", "gan", "phuong", "xa", "cua", "va", "la", "qua", "roi",
    "nhieu", "dang", "kiet", "hem", "ho", "cay", "on", "dem", "ngay", "nay", "ma", "thi",
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Reading what people type


def command_of(text: str) -> str:
    """Which command a short message is ("" for free text)."""
    words = normalize(text)
    for command, phrases in _COMMANDS.items():
        if words in phrases:
            return command
    return ""


def code_at_start(text: str) -> tuple[str, str] | None:
    """(tracking code, the rest) when a message starts with a tracking code, else None."""
    prefix = re.escape(settings.REPORT_CODE_PREFIX)
    match = re.match(rf"\s*({prefix}-[0-9A-Z]{{7}})(?![0-9A-Z])(.*)", text, re.I | re.S)
    if match is None:
        return None
    return match.group(1).upper(), match.group(2).strip(" \t\r\n:;,.-–")


def guess_language(text: str) -> str | None:
    """ "vi" or "en" when the text says so clearly (Vietnamese letters, common words), else None."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    if "đ" in text.lower() or any(unicodedata.category(ch) == "Mn" for ch in decomposed):
        return "vi"
    words = re.findall(r"[a-z]+", fold(text))
    english = sum(word in _EN_WORDS for word in words)
    vietnamese = sum(word in _VI_WORDS for word in words)
    if english > vietnamese:
        return "en"
    if vietnamese > english:
        return "vi"
    return None


# ---------------------------------------------------------------------------------------------
# Services


def _stored_id(message_id: str) -> str:
    return message_id if len(message_id) <= 200 else hashlib.sha256(message_id.encode()).hexdigest()


def inbound_accept(*, platform: str, incoming: Incoming) -> InboundMessage | None:
    """Store a received message once (a redelivery returns None); the worker takes it later."""
    try:
        with transaction.atomic():
            message = InboundMessage.objects.create(
                platform=platform,
                message_id=_stored_id(incoming.message_id),
                sender_id=incoming.sender_id[:128],
                kind=incoming.kind,
                text=incoming.text[:TEXT_MAX],
                attachments=incoming.attachments[:MAX_ATTACHMENTS],
                lat=incoming.lat,
                lon=incoming.lon,
                sent_at=incoming.sent_at,
                received_at=clock.now(),
            )
    except IntegrityError:
        return None
    from phananh.channels.tasks import process_inbound

    transaction.on_commit(lambda: process_inbound.enqueue(message.pk))
    return message


def inbound_process(*, inbound_id: int, client: WebClient | None = None) -> None:
    """Feed a received message, and any earlier one still waiting from that person, to the chat.

    Twice-safe: each message is claimed once, under the conversation's row lock.
    """
    first = InboundMessage.objects.filter(pk=inbound_id).first()
    if first is None or first.state != InboundState.PENDING:
        return
    client = client or default_client()
    waiting = InboundMessage.objects.filter(
        platform=first.platform, sender_id=first.sender_id, state=InboundState.PENDING
    ).order_by("sent_at", "pk")
    for message in list(waiting[:50]):
        _process_one(message, client)
    inbound_prune()


def inbound_prune() -> None:
    """Forget handled messages past the replay window and drafts nobody finished in time."""
    now = clock.now()
    old = list(
        InboundMessage.objects.filter(
            state=InboundState.DONE, sent_at__lt=now - 2 * REPLAY_WINDOW
        ).values_list("pk", flat=True)[:500]
    )
    if old:
        InboundMessage.objects.filter(pk__in=old).delete()
    stale = Conversation.objects.filter(expires_at__lt=now).exclude(state=State.IDLE)
    for pk in list(stale.values_list("pk", flat=True)[:50]):
        with transaction.atomic():
            conversation = Conversation.objects.select_for_update().get(pk=pk)
            if conversation.expires_at and conversation.expires_at < now:
                _clear(conversation)
                conversation.state = State.IDLE
                conversation.expires_at = None
                conversation.updated_at = now
                conversation.save()


def _process_one(message: InboundMessage, client: WebClient) -> None:
    photos: list[str] = []
    failed = 0
    if message.kind == InboundKind.MEDIA:
        photos, failed = _download(message, client)
    try:
        with transaction.atomic():
            conversation = _conversation_locked(message.platform, message.sender_id)
            claimed = InboundMessage.objects.filter(
                pk=message.pk, state=InboundState.PENDING
            ).update(state=InboundState.DONE, processed_at=clock.now())
            if not claimed:
                transaction.on_commit(lambda: _delete_files(photos))
                return
            reply, report_id = _step(conversation, message, photos, failed)
            if reply:
                _reply(conversation, message, reply, report_id)
    except Exception as error:  # a bug must not lose the message: keep it, visibly failed
        logger.exception("chat message %s could not be handled", message.pk)
        _delete_files(photos)
        InboundMessage.objects.filter(pk=message.pk, state=InboundState.PENDING).update(
            state=InboundState.FAILED, error=repr(error)[:2000], processed_at=clock.now()
        )
        language = (
            Conversation.objects.filter(platform=message.platform, sender_id=message.sender_id)
            .values_list("language", flat=True)
            .first()
        )
        with transaction.atomic(), translation.override(language or settings.LANGUAGE_CODE):
            _reply_to(
                message,
                _(
                    "Sorry, something went wrong on our side. Please send your message again "
                    "in a few minutes."
                ),
            )


def _conversation_locked(platform: str, sender_id: str) -> Conversation:
    Conversation.objects.get_or_create(
        platform=platform, sender_id=sender_id, defaults={"updated_at": clock.now()}
    )
    return Conversation.objects.select_for_update().get(platform=platform, sender_id=sender_id)


def _download(message: InboundMessage, client: WebClient) -> tuple[list[str], int]:
    """Fetch the attachments (checked by their bytes) into the private storage; count failures."""
    have = (
        Conversation.objects.filter(platform=message.platform, sender_id=message.sender_id)
        .values_list("photos", flat=True)
        .first()
    )
    room = max(MAX_PHOTOS - len(have or []), 0)
    storage = storages["private"]
    stored: list[str] = []
    failed = 0
    for attachment in message.attachments[:room]:
        video = attachment.get("type") == "video"
        limit = settings.MEDIA_MAX_VIDEO_BYTES if video else settings.MEDIA_MAX_BYTES
        try:
            response = client.download(str(attachment.get("url", "")), max_bytes=limit)
            upload = io.BytesIO(response.body)
            data, info = media_inspect(upload)
        except (WebError, DomainError) as error:
            logger.info("chat attachment of message %s refused: %s", message.pk, error)
            failed += 1
            continue
        name = f"{DRAFT_FOLDER}/{message.platform}/{info.sha256[:32]}.{info.extension}"
        stored.append(storage.save(name, ContentFile(data)))
    return stored, failed


def _delete_files(names: list[str]) -> None:
    storage = storages["private"]
    for name in names:
        with contextlib.suppress(OSError):
            storage.delete(name)


def _reply_to(message: InboundMessage, text: str, report_id: int | None = None) -> None:
    notification_queue(
        to=message.sender_id,
        subject=_("Reply"),
        body=text,
        kind=REPLY_KIND,
        dedupe_key=f"chat:{message.platform}:{message.pk}",
        report_id=report_id,
        channel=message.platform,
    )


def _reply(
    conversation: Conversation, message: InboundMessage, text: str, report_id: int | None
) -> None:
    with translation.override(conversation.language):
        _reply_to(message, text, report_id)


# ---------------------------------------------------------------------------------------------
# The conversation


def _clear(conversation: Conversation) -> None:
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
        transaction.on_commit(lambda: _delete_files(names))


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
    ) % {"service": settings.SERVICE_NAME, "city": settings.CITY_NAME}


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
        _clear(conversation)
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
        transaction.on_commit(lambda: _delete_files(extra))
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
        ) % {"city": settings.CITY_NAME}
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
            report = report_intake(
                actor=Actor(label=Platform(conversation.platform).label),
                text=conversation.text,
                channel=conversation.platform,
                lat=conversation.lat,
                lon=conversation.lon,
                address=conversation.address,
                reporter_channel_id=conversation.sender_id,
                language=conversation.language,
                uploads=uploads,
                confirmed=True,
            )
        except DomainError as error:
            return (
                _("Sorry, the report could not be sent: %(reason)s") % {"reason": error.message}
                + "\n"
                + _('Type "cancel" to start again.')
            ), None
    _clear(conversation)
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


def _step(
    conversation: Conversation, message: InboundMessage, photos: list[str], failed: int
) -> tuple[str, int | None]:
    """Apply one message to the conversation; returns the answer and the report it filed."""
    now = clock.now()
    if (
        conversation.state != State.IDLE
        and conversation.expires_at is not None
        and conversation.expires_at <= now
    ):
        _clear(conversation)
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
            _clear(conversation)
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
