"""The services that take chat messages in: store each once, then feed them to the conversation.

A person writes; the webhook stores each message once (`inbound_accept`); the worker feeds the
messages, in the order sent, to the person's `Conversation` (`inbound_process`), downloading
photos first, outside any transaction. Every answer goes out through the outbox, never from the
webhook.
"""

from __future__ import annotations

import hashlib
import io
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from phananh.channels.conversation import (
    DRAFT_FOLDER,
    MAX_ATTACHMENTS,
    MAX_PHOTOS,
    REPLY_KIND,
    State,
    conversation_clear,
    conversation_step,
    delete_files,
)
from phananh.channels.models import Conversation, InboundKind, InboundMessage, InboundState
from phananh.channels.social import REPLAY_WINDOW, Incoming
from phananh.channels.webclient import WebClient, WebError, default_client
from phananh.core import clock
from phananh.core.errors import DomainError
from phananh.core.queue import enqueue
from phananh.notifications.services import notification_queue
from phananh.reports.actions._base import TEXT_MAX
from phananh.reports.media import media_inspect

logger = logging.getLogger(__name__)

PROCESS_TASK = "phananh.channels.tasks.process_inbound"


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
    enqueue(PROCESS_TASK, message.pk)
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
                conversation_clear(conversation)
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
                transaction.on_commit(lambda: delete_files(photos))
                return
            reply, report_id = conversation_step(conversation, message, photos, failed)
            if reply:
                _reply(conversation, message, reply, report_id)
    except Exception as error:  # a bug must not lose the message: keep it, visibly failed
        logger.exception("chat message %s could not be handled", message.pk)
        delete_files(photos)
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
