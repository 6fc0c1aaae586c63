"""Checks and cleans citizens' photo and video uploads.

Everything here works on bytes and takes its limits as arguments, so it can be used from a view,
a background task or a management command alike, and tested without a database or settings.

The type of an upload is decided from its bytes only: a file name or a browser-supplied
content type is whatever the uploader says it is. The original stays private; the public gets a
re-encoded photo (or a video with its metadata boxes blanked) so that location, device and time
metadata written by the camera never leave the server.
"""

from __future__ import annotations

import hashlib
import io
import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import filetype
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

__all__ = [
    "MediaInfo",
    "MediaRejected",
    "exif_summary",
    "inspect_media",
    "make_public_photo",
    "make_public_video",
    "make_thumbnail",
]


# --------------------------------------------------------------------------------------------
# Rejections


class MediaRejected(Exception):
    """An upload we refuse, with a stable code and a translatable message for the uploader."""

    CODES = frozenset({"empty", "too_large", "unsupported_type", "too_many_pixels", "corrupt"})

    def __init__(self, code: str, message: Any) -> None:
        if code not in self.CODES:
            raise ValueError(f"unknown MediaRejected code {code!r}")
        # Only the code goes to Exception.args: str(exc) and logging then never need the
        # translation machinery (and so never need configured settings).
        super().__init__(code)
        self.code = code
        self.message = message


def _format_lazy(template: Any, **params: Any) -> str:
    # `gettext_lazy(...) % params` would translate right away, in whatever language is active
    # where the upload is checked (perhaps a background task); this defers it to rendering time.
    return lazy(lambda: str(template) % params, str)()


def _megabytes(limit: int) -> str:
    value = limit / (1024 * 1024)
    return f"{value:.1f}".removesuffix(".0")


def _empty() -> MediaRejected:
    return MediaRejected("empty", _("The file is empty."))


def _unsupported() -> MediaRejected:
    return MediaRejected(
        "unsupported_type",
        _(
            "This type of file is not accepted. Please send a photo (JPEG, PNG, WebP, GIF) "
            "or a video (MP4, MOV, WebM)."
        ),
    )


def _too_large(kind: str, limit: int) -> MediaRejected:
    if kind == "video":
        template = _("The video is larger than %(limit)s MB.")
    else:
        template = _("The photo is larger than %(limit)s MB.")
    return MediaRejected("too_large", _format_lazy(template, limit=_megabytes(limit)))


def _too_many_pixels(limit: int) -> MediaRejected:
    megapixels = f"{limit / 1_000_000:.1f}".removesuffix(".0")
    return MediaRejected(
        "too_many_pixels",
        _format_lazy(
            _("The image is too large: at most %(limit)s megapixels are accepted."),
            limit=megapixels,
        ),
    )


def _corrupt() -> MediaRejected:
    return MediaRejected("corrupt", _("The file is damaged or incomplete and cannot be read."))


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


# content type -> (extension, Pillow format name)
_PHOTO_TYPES: dict[str, tuple[str, str]] = {
    "image/jpeg": ("jpg", "JPEG"),
    "image/png": ("png", "PNG"),
    "image/webp": ("webp", "WEBP"),
    "image/gif": ("gif", "GIF"),
    "image/heic": ("heic", "HEIF"),
}
_VIDEO_TYPES: dict[str, str] = {
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


def _sniff(data: bytes) -> tuple[str, str, str]:
    """Return (kind, content_type, extension) from magic bytes, or raise unsupported_type."""
    guess = filetype.guess(data)
    mime = _MIME_ALIASES.get(guess.mime, guess.mime) if guess else None
    if mime in _PHOTO_TYPES:
        extension, pillow_format = _PHOTO_TYPES[mime]
        # HEIC needs a plugin (pillow-heif) that may not be installed; without it we could
        # neither check nor re-encode the photo, so it is as good as unsupported.
        if not _pillow_can_open(pillow_format):
            raise _unsupported()
        return "photo", mime, extension
    if mime in _VIDEO_TYPES:
        if data[4:8] == b"ftyp":
            if data[8:12] in _AUDIO_BRANDS:
                raise _unsupported()
            # filetype says MP4 whenever "isom" is among the compatible brands, but a major
            # brand of "qt  " makes it QuickTime, which matters to browsers playing it back.
            if data[8:12] == b"qt  ":
                mime = "video/quicktime"
        return "video", mime, _VIDEO_TYPES[mime]
    raise _unsupported()


def inspect_media(
    data: bytes, *, max_photo_bytes: int, max_video_bytes: int, max_pixels: int
) -> MediaInfo:
    """Validate an upload from its bytes and describe it; raises MediaRejected."""
    if not data:
        raise _empty()
    kind, content_type, extension = _sniff(data)
    limit = max_video_bytes if kind == "video" else max_photo_bytes
    if len(data) > limit:
        raise _too_large(kind, limit)
    digest = hashlib.sha256(data).hexdigest()

    if kind == "video":
        # Not decoded, but the container is walked the same way make_public_video will walk
        # it, so a file accepted here cannot fail later when its public copy is made.
        _scrub_video(data, content_type, mutate=False)
        return MediaInfo(
            kind=kind,
            content_type=content_type,
            extension=extension,
            size=len(data),
            sha256=digest,
            width=None,
            height=None,
            taken_at=None,
            gps=None,
        )

    pillow_format = _PHOTO_TYPES[content_type][1]
    with _pillow_guard(max_pixels):
        image = _open_image(data, pillow_format)
        width, height = image.size
        # Image.open has only parsed the header; refuse before anything allocates the pixels.
        if width * height > max_pixels:
            raise _too_many_pixels(max_pixels)
        image.verify()
        # verify() leaves the image unusable, and it does not decode pixel data for most
        # formats, so a truncated JPEG only shows up on a real decode.
        image = _open_image(data, pillow_format)
        image.load()
        summary = _summarise_exif(image)
    if _orientation(image) in _SIDEWAYS_ORIENTATIONS:
        # Report the size as displayed, which is also the size of the public copy's shape.
        width, height = height, width
    return MediaInfo(
        kind=kind,
        content_type=content_type,
        extension=extension,
        size=len(data),
        sha256=digest,
        width=width,
        height=height,
        taken_at=summary["taken_at"],
        gps=summary["gps"],
    )


# --------------------------------------------------------------------------------------------
# Photos


_SIDEWAYS_ORIENTATIONS = frozenset({5, 6, 7, 8})
_EXIF_ORIENTATION = 0x0112
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME_ORIGINAL = 0x9003


@contextmanager
def _pillow_guard(max_pixels: int) -> Iterator[None]:
    # Pillow's own bomb check warns (or raises past twice its limit) inside Image.open; making
    # the warning an error locally refuses those images without touching Image.MAX_IMAGE_PIXELS,
    # which belongs to the whole process. catch_warnings is process-wide state too, but it only
    # tightens a filter for the duration, and every caller here wants the same tightening.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except MediaRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels(max_pixels) from exc
        except Exception as exc:
            # Decoders of untrusted input fail in many ways (OSError, SyntaxError, ValueError,
            # struct.error, ...); for the uploader each of them means the same thing.
            raise _corrupt() from exc


def _open_image(data: bytes, pillow_format: str) -> Image.Image:
    # Restricting Pillow to the sniffed format keeps other, less hardened plugins (EPS, ...)
    # from ever being tried on an upload.
    return Image.open(io.BytesIO(data), formats=[pillow_format])


def _orientation(image: Image.Image) -> int | None:
    try:
        value = image.getexif().get(_EXIF_ORIENTATION)
    except Exception:
        return None
    return value if isinstance(value, int) else None


def _parse_exif_datetime(value: Any) -> datetime | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    text = value.strip("\x00 \t")[:19]
    # The standard says "YYYY:MM:DD HH:MM:SS"; some writers use dashes in the date.
    text = text[:10].replace("-", ":") + text[10:]
    try:
        return datetime.strptime(text, "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _gps_ref(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return value.strip("\x00 ").upper() if isinstance(value, str) else ""


def _gps_degrees(value: Any, limit: float) -> float | None:
    if not isinstance(value, tuple | list) or not 1 <= len(value) <= 3:
        return None
    try:
        parts = [float(part) for part in value]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not all(math.isfinite(part) and part >= 0 for part in parts):
        return None
    if any(part >= 60 for part in parts[1:]):
        return None
    degrees = sum(part / 60**index for index, part in enumerate(parts))
    return degrees if degrees <= limit else None


def _gps_from_ifd(gps: Any) -> tuple[float, float] | None:
    lat = _gps_degrees(gps.get(2), 90.0)
    lon = _gps_degrees(gps.get(4), 180.0)
    lat_ref, lon_ref = _gps_ref(gps.get(1)), _gps_ref(gps.get(3))
    if lat is None or lon is None or lat_ref not in ("N", "S") or lon_ref not in ("E", "W"):
        return None
    # Cameras without a fix often write zeros; a report from "Null Island" is never real.
    if lat == 0 and lon == 0:
        return None
    return (-lat if lat_ref == "S" else lat, -lon if lon_ref == "W" else lon)


def _summarise_exif(image: Image.Image) -> dict[str, Any]:
    summary: dict[str, Any] = {"taken_at": None, "gps": None}
    # A PNG keeps EXIF in an optional chunk that getexif() would fully decode the image to
    # look for past the pixel data; if the header pass did not see one there is none to use.
    if image.format == "PNG" and "exif" not in image.info:
        return summary
    try:
        exif = image.getexif()
    except Exception:
        return summary
    try:
        summary["taken_at"] = _parse_exif_datetime(exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL))
    except Exception:
        summary["taken_at"] = None
    try:
        summary["gps"] = _gps_from_ifd(exif.get_ifd(_GPS_IFD))
    except Exception:
        summary["gps"] = None
    return summary


def exif_summary(data: bytes) -> dict[str, Any]:
    """When and where a photo was taken according to its EXIF; Nones when unknown or invalid."""
    empty: dict[str, Any] = {"taken_at": None, "gps": None}
    guess = filetype.guess(data) if data else None
    mime = _MIME_ALIASES.get(guess.mime, guess.mime) if guess else None
    if mime not in _PHOTO_TYPES:
        return empty
    pillow_format = _PHOTO_TYPES[mime][1]
    try:
        with warnings.catch_warnings():
            # Only the header and metadata are read here, so a huge image is harmless.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with _open_image(data, pillow_format) as image:
                return _summarise_exif(image)
    except Exception:
        return empty


def _photo_format(data: bytes) -> str:
    if not data:
        raise _empty()
    kind, content_type, _extension = _sniff(data)
    if kind != "photo":
        raise _unsupported()
    return _PHOTO_TYPES[content_type][1]


def _convert_to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    # Phones often tag photos with a wide-gamut profile; the public copy carries no profile (it
    # is metadata, and may name the device), so convert the colours rather than drop the tag.
    if not icc_profile or image.mode not in ("RGB", "CMYK", "L"):
        return image
    try:
        from PIL import ImageCms

        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        target = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(image, source, target, outputMode="RGB")
    except Exception:
        # A broken or mismatched profile is not worth refusing a photo over.
        return image
    return converted if converted is not None else image


def _flatten_to_rgb(image: Image.Image) -> Image.Image:
    if image.mode.startswith("I;16") or image.mode == "I":
        # 16-bit greyscale would clip to white when converted directly.
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image if image.mode == "RGB" else image.convert("RGB")


def _load_clean_rgb(data: bytes, draft_side: int) -> Image.Image:
    pillow_format = _photo_format(data)
    with _pillow_guard(Image.MAX_IMAGE_PIXELS):
        image = _open_image(data, pillow_format)
        icc_profile = image.info.get("icc_profile")
        if pillow_format == "JPEG":
            # Let libjpeg decode at a reduced scale (never below the requested size): a large
            # phone photo then costs a fraction of the time and memory.
            image.draft(image.mode, (draft_side, draft_side))
        image.load()
        image = ImageOps.exif_transpose(image)
        image = _convert_to_srgb(image, icc_profile)
        image = _flatten_to_rgb(image)
    # A brand-new image has an empty .info, so no EXIF, XMP, ICC profile or JPEG comment of the
    # original can be written back out by the encoder, whatever Pillow's defaults become.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    return clean


def _encode_jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def make_public_photo(data: bytes, *, max_side: int = 2048, quality: int = 85) -> bytes:
    """Re-encode a photo for the public: upright, at most max_side px, no EXIF/XMP/ICC/GPS."""
    image = _load_clean_rgb(data, max_side)
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return _encode_jpeg(image, quality)


def make_thumbnail(data: bytes, *, side: int = 400) -> bytes:
    """A small square-cropped JPEG preview for lists (ImageOps.fit after exif_transpose)."""
    image = _load_clean_rgb(data, side)
    image = ImageOps.fit(image, (side, side), Image.Resampling.LANCZOS)
    return _encode_jpeg(image, 80)


# --------------------------------------------------------------------------------------------
# Videos


def make_public_video(data: bytes, content_type: str) -> bytes:
    """A copy of a video with its metadata (GPS, device, dates) blanked, playable as before."""
    if not data:
        raise _empty()
    buffer = bytearray(data)
    _scrub_video(buffer, content_type, mutate=True)
    return bytes(buffer)


def _scrub_video(data: bytes | bytearray, content_type: str, *, mutate: bool) -> None:
    # With mutate=False the same walk only validates, so inspect_media and make_public_video
    # can never disagree about what is malformed.
    if content_type in ("video/mp4", "video/quicktime"):
        if not _scrub_bmff(data, 0, len(data), depth=0, mutate=mutate):
            raise _corrupt()  # no movie header: nothing could play this
    elif content_type == "video/webm":
        _scrub_webm(data, mutate=mutate)
    else:
        raise _unsupported()


# ISO base media file format (MP4) and QuickTime (MOV) --------------------------------------

# Boxes that hold only other boxes, and on the way to where metadata lives. sample tables and
# descriptions are not entered: their layouts are not plain box lists.
_BMFF_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"moof", b"traf"})
_BMFF_METADATA = frozenset({b"udta", b"meta"})
# Headers whose creation/modification times record when the video was shot.
_BMFF_TIMED_HEADERS = frozenset({b"mvhd", b"tkhd", b"mdhd"})
_XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
_BMFF_MAX_DEPTH = 8


def _bmff_boxes(
    data: bytes | bytearray, start: int, end: int
) -> Iterator[tuple[bytes, int, int, int]]:
    """Yield (type, start, header length, end) for each box in data[start:end]."""
    position = start
    while position < end:
        remaining = end - position
        if remaining < 8:
            # QuickTime may end an atom list with a 32-bit zero; anything else is damage.
            if any(data[position:end]):
                raise _corrupt()
            return
        size = int.from_bytes(data[position : position + 4], "big")
        box_type = bytes(data[position + 4 : position + 8])
        header = 8
        if size == 1:
            if remaining < 16:
                raise _corrupt()
            size = int.from_bytes(data[position + 8 : position + 16], "big")
            header = 16
        elif size == 0:
            # "Extends to the end": only the last box of the file may say so.
            if start != 0 or end != len(data):
                raise _corrupt()
            size = remaining
        if size < header or size > remaining:
            raise _corrupt()
        yield box_type, position, header, position + size
        position += size


def _blank_bmff_box(data: bytearray, start: int, header: int, end: int) -> None:
    # Same size, so every absolute offset in the file (stco/co64 chunk offsets) stays true;
    # "free" is the standard's own filler that every reader skips.
    data[start + 4 : start + 8] = b"free"
    data[start + header : end] = bytes(end - start - header)


def _zero_bmff_times(data: bytearray, start: int, end: int) -> None:
    if end - start < 4:
        return
    version = data[start]
    width = 8 if version == 1 else 4
    # version/flags, then creation time and modification time.
    if end - start >= 4 + 2 * width:
        data[start + 4 : start + 4 + 2 * width] = bytes(2 * width)


def _scrub_bmff(data: bytes | bytearray, start: int, end: int, *, depth: int, mutate: bool) -> bool:
    """Blank metadata boxes in data[start:end]; return whether a moov box was seen."""
    if depth > _BMFF_MAX_DEPTH:
        raise _corrupt()
    seen_moov = False
    for box_type, box_start, header, box_end in _bmff_boxes(data, start, end):
        payload = box_start + header
        is_xmp = box_type == b"uuid" and data[payload : payload + 16] == _XMP_UUID
        if box_type in _BMFF_METADATA or is_xmp:
            if mutate:
                _blank_bmff_box(data, box_start, header, box_end)
        elif box_type in _BMFF_TIMED_HEADERS:
            if mutate:
                _zero_bmff_times(data, payload, box_end)
        elif box_type in _BMFF_CONTAINERS:
            _scrub_bmff(data, payload, box_end, depth=depth + 1, mutate=mutate)
        seen_moov = seen_moov or box_type == b"moov"
    return seen_moov


# WebM (EBML / Matroska) --------------------------------------------------------------------

_EBML_HEADER = 0x1A45DFA3
_EBML_DOCTYPE = 0x4282
_SEGMENT = 0x18538067
_CLUSTER = 0x1F43B675
_TAGS = 0x1254C367
_INFO = 0x1549A966
_SEEK_HEAD = 0x114D9B74
_SEEK = 0x4DBB
_SEEK_ID = 0x53AB
_CRC32 = 0xBF
_VOID = 0xEC
_INFO_PRIVATE = frozenset({0x4461, 0x7BA9})  # DateUTC, Title
_TAGS_ID_BYTES = _TAGS.to_bytes(4, "big")


def _ebml_id(data: bytes | bytearray, position: int, end: int) -> tuple[int, int]:
    if position >= end:
        raise _corrupt()
    length = 9 - data[position].bit_length()
    if data[position] == 0 or length > 4 or position + length > end:
        raise _corrupt()
    return int.from_bytes(data[position : position + length], "big"), length


def _ebml_size(data: bytes | bytearray, position: int, end: int) -> tuple[int | None, int]:
    """Return (size or None when "unknown", length of the size field)."""
    if position >= end:
        raise _corrupt()
    length = 9 - data[position].bit_length()
    if data[position] == 0 or position + length > end:
        raise _corrupt()
    mask = (1 << (7 * length)) - 1
    value = int.from_bytes(data[position : position + length], "big") & mask
    return (None if value == mask else value), length


def _ebml_elements(
    data: bytes | bytearray, start: int, end: int
) -> Iterator[tuple[int, int, int, int | None]]:
    """Yield (id, element start, payload start, payload end or None) for a run of elements."""
    position = start
    while position < end:
        element_id, id_length = _ebml_id(data, position, end)
        size, size_length = _ebml_size(data, position + id_length, end)
        payload = position + id_length + size_length
        if size is None:
            yield element_id, position, payload, None
            # The caller decides what an element of unknown size spans.
            return
        if payload + size > end:
            raise _corrupt()
        yield element_id, position, payload, payload + size
        position = payload + size


def _ebml_void(length: int) -> bytes:
    # A Void element of exactly `length` bytes: its size field may be longer than needed
    # (EBML allows that), which is how any length from 2 bytes up can be matched exactly.
    for size_length in range(1, 9):
        payload = length - 1 - size_length
        if payload < 0:
            break
        if payload < (1 << (7 * size_length)) - 1:
            size_field = (payload | (1 << (7 * size_length))).to_bytes(size_length, "big")
            return bytes([_VOID]) + size_field + bytes(payload)
    raise _corrupt()


def _blank_ebml(data: bytearray, start: int, end: int) -> None:
    data[start:end] = _ebml_void(end - start)


def _webm_doctype(data: bytes | bytearray, start: int, end: int) -> bytes | None:
    for element_id, _start, payload, payload_end in _ebml_elements(data, start, end):
        if payload_end is None:
            raise _corrupt()
        if element_id == _EBML_DOCTYPE:
            return bytes(data[payload:payload_end]).rstrip(b"\x00")
    return None


def _scrub_known_master(
    data: bytes | bytearray,
    start: int,
    end: int,
    *,
    mutate: bool,
    should_blank: Any,
) -> None:
    # Blank the children should_blank picks; if any is blanked, also blank the master's CRC-32
    # (which would no longer match) rather than leave a checksum error for strict readers.
    children = []
    for element_id, child_start, payload, payload_end in _ebml_elements(data, start, end):
        if payload_end is None:
            raise _corrupt()
        children.append((element_id, child_start, payload, payload_end))
    doomed = [child for child in children if should_blank(child)]
    if doomed:
        doomed += [child for child in children if child[0] == _CRC32]
    if mutate:
        for _id, child_start, _payload, payload_end in doomed:
            _blank_ebml(data, child_start, payload_end)


def _seek_points_to_tags(data: bytes | bytearray, child: tuple[int, int, int, int]) -> bool:
    element_id, _start, payload, payload_end = child
    if element_id != _SEEK:
        return False
    for inner_id, _inner_start, inner_payload, inner_end in _ebml_elements(
        data, payload, payload_end
    ):
        if inner_id == _SEEK_ID and inner_end is not None:
            return bytes(data[inner_payload:inner_end]) == _TAGS_ID_BYTES
    return False


def _scrub_segment(data: bytes | bytearray, start: int, end: int, *, mutate: bool) -> None:
    position = start
    while position < end:
        element_id, id_length = _ebml_id(data, position, end)
        size, size_length = _ebml_size(data, position + id_length, end)
        payload = position + id_length + size_length
        if size is None:
            if element_id != _CLUSTER:
                raise _corrupt()
            # Live recorders (MediaRecorder) write clusters of unknown size; a cluster then
            # ends where the next top-level element begins. Cluster children and Segment
            # children have distinct IDs, so walking on through its children is equivalent.
            position = payload
            continue
        element_end = payload + size
        if element_end > end:
            raise _corrupt()
        if element_id == _TAGS:
            if mutate:
                _blank_ebml(data, position, element_end)
        elif element_id == _INFO:
            _scrub_known_master(
                data,
                payload,
                element_end,
                mutate=mutate,
                should_blank=lambda child: child[0] in _INFO_PRIVATE,
            )
        elif element_id == _SEEK_HEAD:
            _scrub_known_master(
                data,
                payload,
                element_end,
                mutate=mutate,
                should_blank=lambda child: _seek_points_to_tags(data, child),
            )
        position = element_end


def _scrub_webm(data: bytes | bytearray, *, mutate: bool) -> None:
    elements = _ebml_elements(data, 0, len(data))
    first = next(elements, None)
    if first is None or first[0] != _EBML_HEADER or first[3] is None:
        raise _corrupt()
    if _webm_doctype(data, first[2], first[3]) != b"webm":
        raise _unsupported()
    seen_segment = False
    position = first[3]
    end = len(data)
    while position < end:
        element_id, id_length = _ebml_id(data, position, end)
        size, size_length = _ebml_size(data, position + id_length, end)
        payload = position + id_length + size_length
        element_end = end if size is None else payload + size
        if element_end > end:
            raise _corrupt()
        if element_id == _SEGMENT:
            seen_segment = True
            _scrub_segment(data, payload, element_end, mutate=mutate)
        elif size is None:
            raise _corrupt()
        position = element_end
    if not seen_segment:
        raise _corrupt()
