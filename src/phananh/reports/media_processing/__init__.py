"""Checks and cleans citizens' photo and video uploads.

Everything here works on bytes and takes its limits as arguments, so it can be used from a view,
a background task or a management command alike, and tested without a database or settings.

The type of an upload is decided from its bytes only (`types`). The original stays private; the
public gets a photo without its metadata segments or re-encoded (`images`, `jpeg_segments`)
or a video re-encoded with PyAV in a child process
under hard limits (`video`, `video_worker`), so that location, device and time metadata written
by the camera never leave the server.
"""

from __future__ import annotations

import hashlib

from phananh.reports.media_processing.images import (
    exif_summary,
    inspect_photo,
    make_public_photo,
    make_public_photo_and_thumbnail,
    make_thumbnail,
)
from phananh.reports.media_processing.types import MediaInfo, MediaRejected, sniff
from phananh.reports.media_processing.video import (
    PublicVideo,
    VideoLimits,
    inspect_video,
    make_public_video,
)

__all__ = [
    "MediaInfo",
    "MediaRejected",
    "PublicVideo",
    "VideoLimits",
    "exif_summary",
    "inspect_media",
    "make_public_photo",
    "make_public_photo_and_thumbnail",
    "make_public_video",
    "make_thumbnail",
]


def inspect_media(
    data: bytes,
    *,
    max_photo_bytes: int,
    max_video_bytes: int,
    max_pixels: int,
    video_limits: VideoLimits | None = None,
) -> MediaInfo:
    """Validate an upload from its bytes and describe it; raises MediaRejected."""
    if not data:
        raise MediaRejected.empty()
    kind, content_type, extension = sniff(data)
    limit = max_video_bytes if kind == "video" else max_photo_bytes
    if len(data) > limit:
        raise MediaRejected.too_large(kind, limit)
    digest = hashlib.sha256(data).hexdigest()

    if kind == "video":
        # The real container and codecs, its length and size, and its first picture decoded.
        video = inspect_video(data, content_type, video_limits or VideoLimits())
        return MediaInfo(
            kind=kind,
            content_type=content_type,
            extension=extension,
            size=len(data),
            sha256=digest,
            width=video.width,
            height=video.height,
            taken_at=video.taken_at,
            gps=video.gps,
        )

    photo = inspect_photo(data, content_type, max_pixels=max_pixels, sha256=digest)
    return MediaInfo(
        kind=kind,
        content_type=content_type,
        extension=extension,
        size=len(data),
        sha256=digest,
        width=photo.width,
        height=photo.height,
        taken_at=photo.taken_at,
        gps=photo.gps,
    )
