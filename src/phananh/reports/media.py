"""Media services: keep the original private, publish a copy without metadata, make a thumbnail."""

from __future__ import annotations

import contextlib
import logging
import secrets
import weakref
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phananh.core import clock
from phananh.core.errors import InvalidInput
from phananh.core.queue import enqueue, queued_task_args
from phananh.reports.choices import MediaKind, MediaState
from phananh.reports.media_processing import (
    MediaInfo,
    MediaRejected,
    VideoLimits,
    inspect_media,
    make_public_photo,
    make_public_photo_and_thumbnail,
    make_public_video,
    make_thumbnail,
)
from phananh.reports.models import Event, Media, Report

logger = logging.getLogger(__name__)

PROCESS_TASK = "phananh.reports.tasks.process_media"


def _video_limits() -> VideoLimits:
    return VideoLimits(
        max_seconds=settings.MEDIA_MAX_VIDEO_SECONDS,
        max_pixels=settings.MEDIA_MAX_PIXELS,
        max_side=settings.MEDIA_VIDEO_MAX_SIDE,
        timeout=settings.MEDIA_VIDEO_TIMEOUT,
        memory_mb=settings.MEDIA_VIDEO_MEMORY_MB,
    )


def _read_limited(upload: IO[bytes]) -> bytes:
    limit = max(settings.MEDIA_MAX_BYTES, settings.MEDIA_MAX_VIDEO_BYTES)
    if hasattr(upload, "seek"):
        upload.seek(0)
    return upload.read(limit + 1)


# Uploads already checked in this process, with what they held: a file the Open311 view
# checked is not decoded again by the intake (a weak key: gone with the request's file).
_inspected: weakref.WeakKeyDictionary[IO[bytes], tuple[bytes, MediaInfo]] = (
    weakref.WeakKeyDictionary()
)


def media_inspect(upload: IO[bytes]) -> tuple[bytes, MediaInfo]:
    """Validate an upload (type from its bytes, size, pixels) before anything is stored; the
    same file checked again with the same bytes is not decoded twice."""
    data = _read_limited(upload)
    try:
        earlier = _inspected.get(upload)
    except TypeError:  # a file object that takes no weak reference: check it each time
        earlier = None
    if earlier is not None and earlier[0] == data:
        return earlier
    checked = _inspect(upload, data)
    with contextlib.suppress(TypeError):
        _inspected[upload] = checked
    return checked


def _inspect(upload: IO[bytes], data: bytes) -> tuple[bytes, MediaInfo]:
    try:
        return data, inspect_media(
            data,
            max_photo_bytes=settings.MEDIA_MAX_BYTES,
            max_video_bytes=settings.MEDIA_MAX_VIDEO_BYTES,
            max_pixels=settings.MEDIA_MAX_PIXELS,
            video_limits=_video_limits(),
        )
    except MediaRejected as exc:
        name = getattr(upload, "name", "") or ""
        message = f"{name}: {exc.message}" if name else exc.message
        raise InvalidInput(message, code=f"media_{exc.code}", fields={"uploads": exc.code}) from exc


def media_attach_all(
    *,
    report: Report,
    uploads: Sequence[IO[bytes]],
    purpose: str,
    event: Event | None = None,
    uploaded_by: int | None = None,
) -> list[Media]:
    """Store the originals of several uploads privately — every one checked before any is
    stored, so a refused file leaves no other file behind (object storage is not part of the
    database transaction); the worker makes the public copies once the caller commits."""
    checked = [media_inspect(upload) for upload in uploads]
    return [
        _store(report, data, info, purpose=purpose, event=event, uploaded_by=uploaded_by)
        for data, info in checked
    ]


def _store(
    report: Report,
    data: bytes,
    info: MediaInfo,
    *,
    purpose: str,
    event: Event | None,
    uploaded_by: int | None,
) -> Media:
    taken_at = info.taken_at
    if taken_at is not None and timezone.is_naive(taken_at):
        # Cameras write local time without a zone; the city's zone is the best guess.
        taken_at = timezone.make_aware(taken_at)
    media = Media(
        report=report,
        event=event,
        purpose=purpose,
        kind=info.kind,
        state=MediaState.PENDING,
        sha256=info.sha256,
        content_type=info.content_type,
        size=info.size,
        width=info.width,
        height=info.height,
        taken_at=taken_at,
        gps_lat=info.gps[0] if info.gps else None,
        gps_lon=info.gps[1] if info.gps else None,
        uploaded_by_id=uploaded_by,
    )
    media.original.save(f"{info.sha256[:16]}.{info.extension}", ContentFile(data), save=False)
    media.save()
    enqueue(PROCESS_TASK, media.pk)
    return media


def _public_copies(media: Media, data: bytes) -> dict[str, ContentFile]:
    """The public files of one upload, by field name (CPU-heavy: made outside any lock)."""
    stem = media.sha256[:16]
    if media.kind == MediaKind.PHOTO:
        photo, thumbnail = make_public_photo_and_thumbnail(data)
        return {
            "public_file": ContentFile(photo, name=f"{stem}.jpg"),
            "thumbnail": ContentFile(thumbnail, name=f"{stem}.jpg"),
        }
    # Re-encoded to H.264/AAC MP4 whatever it came as; its poster is the thumbnail.
    public = make_public_video(data, media.content_type, _video_limits())
    return {
        "public_file": ContentFile(public.video, name=f"{stem}.mp4"),
        "thumbnail": ContentFile(make_thumbnail(public.poster), name=f"{stem}.jpg"),
    }


def _store_copy(media: Media, field: str, content: ContentFile) -> None:
    """Write one public file under a name fixed by the upload (its month, id and hash), over
    whatever a worker killed before its commit left there: a re-run leaves no second copy."""
    file = getattr(media, field)
    upload_to = file.field.upload_to
    assert isinstance(upload_to, str)  # "public/%Y/%m/", "thumbs/%Y/%m/"
    folder = media.created_at.strftime(upload_to)
    name = f"{folder}{media.pk}-{content.name}"
    file.storage.delete(name)
    file.name = file.storage.save(name, content)


def media_process(*, media_id: int, originals: Mapping[str, bytes] | None = None) -> Media | None:
    """Make the public copy and thumbnail of one upload; does nothing if already done.

    `originals`: uploads the caller checked in this process (`media_inspect`), by the SHA-256
    that check computed of those very bytes; the one this row was stored from is used instead
    of reading the original back from storage.

    Safe to run twice and side by side with a moderator: the copies are made outside any lock,
    then written only if, under the row's lock, the upload still waits for them — a photo a
    moderator hid or covered meanwhile keeps the moderator's decision, and the late copies are
    thrown away.
    """
    media = Media.objects.filter(pk=media_id).first()
    if media is None or media.state != MediaState.PENDING:
        return media
    try:
        original = (originals or {}).get(media.sha256)
        if original is None:
            with media.original.open("rb") as handle:
                original = handle.read()
        copies = _public_copies(media, original)
    except (MediaRejected, OSError, ValueError):
        logger.exception("media %s could not be processed", media.pk)
        copies = None
    with transaction.atomic():
        media = Media.objects.select_for_update().get(pk=media_id)
        if media.state != MediaState.PENDING:
            return media  # another worker, or a moderator, decided first
        if copies is None:
            media.state = MediaState.FAILED
        else:
            for field, content in copies.items():
                _store_copy(media, field, content)
            media.state = MediaState.READY
        media.save(update_fields=["public_file", "thumbnail", "state"])
    return media


def media_requeue_stale(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Queue again the uploads still waiting for their copies whose task is gone (a worker
    killed mid-task, a queue row lost); returns how many. Run periodically by the worker."""
    waiting = Media.objects.filter(
        state=MediaState.PENDING, created_at__lt=clock.now() - older_than
    ).values_list("pk", flat=True)
    candidates = set(waiting[:1000])
    if not candidates:
        return 0
    queued = queued_task_args(PROCESS_TASK)
    queued_ids = {args[0] for args in queued if args}
    stale = sorted(media_id for media_id in candidates if media_id not in queued_ids)
    for media_id in stale:
        enqueue(PROCESS_TASK, media_id)
    return len(stale)


def media_republish(*, media: Media, masks: list[tuple[float, float, float, float]]) -> Media:
    """Publish the photo again from its private original with black boxes over `masks`."""
    import io

    from PIL import Image, ImageDraw

    if media.kind != MediaKind.PHOTO:
        raise InvalidInput(
            _("Only photos can be partly covered; hide the video instead."), code="not_a_photo"
        )
    with media.original.open("rb") as handle:
        data = make_public_photo(handle.read())
    image = Image.open(io.BytesIO(data)).convert("RGB")
    draw = ImageDraw.Draw(image)
    width, height = image.size
    for x, y, w, h in masks:
        draw.rectangle(
            [x * width, y * height, min(1, x + w) * width, min(1, y + h) * height], fill="black"
        )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    masked = buffer.getvalue()
    stem = f"{media.sha256[:16]}-m{secrets.token_hex(3)}"
    media.public_file.save(f"{stem}.jpg", ContentFile(masked), save=False)
    media.thumbnail.save(f"{stem}.jpg", ContentFile(make_thumbnail(masked)), save=False)
    media.state = MediaState.READY
    media.save(update_fields=["public_file", "thumbnail", "state"])
    return media
