"""What an upload is, decided from its bytes, and the ways an upload is refused.

A file name or a browser-supplied content type is whatever the uploader says it is, so neither
is ever consulted: the magic bytes are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import filetype
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image

__all__ = [
    "PHOTO_TYPES",
    "VIDEO_TYPES",
    "MediaInfo",
    "MediaRejected",
    "guess_mime",
    "sniff",
]


# --------------------------------------------------------------------------------------------
# Rejections


def _format_lazy(template: Any, **params: Any) -> str:
    # `gettext_lazy(...) % params` would translate right away, in whatever language is active
    # where the upload is checked (perhaps a background task); this defers it to rendering time.
    return lazy(lambda: str(template) % params, str)()


def _megabytes(limit: int) -> str:
    value = limit / (1024 * 1024)
    return f"{value:.1f}".removesuffix(".0")


class MediaRejected(Exception):
    """An upload we refuse, with a stable code and a translatable message for the uploader."""

    CODES = frozenset(
        {"empty", "too_large", "unsupported_type", "too_many_pixels", "corrupt", "too_long"}
    )

    def __init__(self, code: str, message: Any) -> None:
        if code not in self.CODES:
            raise ValueError(f"unknown MediaRejected code {code!r}")
        # Only the code goes to Exception.args: str(exc) and logging then never need the
        # translation machinery (and so never need configured settings).
        super().__init__(code)
        self.code = code
        self.message = message

    @classmethod
    def empty(cls) -> MediaRejected:
        return cls("empty", _("The file is empty."))

    @classmethod
    def unsupported(cls) -> MediaRejected:
        return cls(
            "unsupported_type",
            _(
                "This type of file is not accepted. Please send a photo (JPEG, PNG, WebP, GIF) "
                "or a video (MP4, MOV, WebM)."
            ),
        )

    @classmethod
    def too_large(cls, kind: str, limit: int) -> MediaRejected:
        if kind == "video":
            template = _("The video is larger than %(limit)s MB.")
        else:
            template = _("The photo is larger than %(limit)s MB.")
        return cls("too_large", _format_lazy(template, limit=_megabytes(limit)))

    @classmethod
    def too_many_pixels(cls, limit: int) -> MediaRejected:
        megapixels = f"{limit / 1_000_000:.1f}".removesuffix(".0")
        return cls(
            "too_many_pixels",
            _format_lazy(
                _("The image is too large: at most %(limit)s megapixels are accepted."),
                limit=megapixels,
            ),
        )

    @classmethod
    def too_long(cls, seconds: float) -> MediaRejected:
        return cls(
            "too_long",
            _format_lazy(
                _("The video is too long: at most %(limit)s seconds are accepted."),
                limit=f"{seconds:g}",
            ),
        )

    @classmethod
    def too_slow(cls) -> MediaRejected:
        return cls(
            "corrupt", _("The video could not be processed in time. Please send a shorter one.")
        )

    @classmethod
    def corrupt(cls) -> MediaRejected:
        return cls("corrupt", _("The file is damaged or incomplete and cannot be read."))


# --------------------------------------------------------------------------------------------
# Description of an accepted upload


@dataclass(frozen=True)
class MediaInfo:
    """What inspect_media learned about an accepted upload."""

    kind: str
    content_type: str
    extension: str
    size: int
    sha256: str
    width: int | None
    height: int | None
    taken_at: datetime | None
    gps: tuple[float, float] | None


# --------------------------------------------------------------------------------------------
# Sniffing

# content type -> (extension, Pillow format name)
PHOTO_TYPES: dict[str, tuple[str, str]] = {
    "image/jpeg": ("jpg", "JPEG"),
    "image/png": ("png", "PNG"),
    "image/webp": ("webp", "WEBP"),
    "image/gif": ("gif", "GIF"),
    "image/heic": ("heic", "HEIF"),
}
VIDEO_TYPES: dict[str, str] = {
    "video/mp4": "mp4",
    "video/quicktime": "mov",
    "video/webm": "webm",
}
# filetype names some accepted formats by a more specific type than we want to publish.
_MIME_ALIASES = {"image/apng": "image/png", "video/x-m4v": "video/mp4"}
# filetype calls anything whose ftyp lists "isom" an MP4; these major brands are audio-only.
_AUDIO_BRANDS = frozenset({b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "})


def _pillow_can_open(pillow_format: str) -> bool:
    Image.init()
    return pillow_format in Image.OPEN


def guess_mime(data: bytes) -> str | None:
    """The content type the magic bytes suggest (with our aliases applied), or None."""
    guess = filetype.guess(data) if data else None
    return _MIME_ALIASES.get(guess.mime, guess.mime) if guess else None


def sniff(data: bytes) -> tuple[str, str, str]:
    """Return (kind, content_type, extension) from magic bytes, or raise unsupported_type."""
    mime = guess_mime(data)
    if mime in PHOTO_TYPES:
        extension, pillow_format = PHOTO_TYPES[mime]
        # HEIC needs a plugin (pillow-heif) that may not be installed; without it we could
        # neither check nor re-encode the photo, so it is as good as unsupported.
        if not _pillow_can_open(pillow_format):
            raise MediaRejected.unsupported()
        return "photo", mime, extension
    if mime in VIDEO_TYPES:
        if data[4:8] == b"ftyp":
            if data[8:12] in _AUDIO_BRANDS:
                raise MediaRejected.unsupported()
            # filetype says MP4 whenever "isom" is among the compatible brands, but a major
            # brand of "qt  " makes it QuickTime, which matters to browsers playing it back.
            if data[8:12] == b"qt  ":
                mime = "video/quicktime"
        return "video", mime, VIDEO_TYPES[mime]
    raise MediaRejected.unsupported()
