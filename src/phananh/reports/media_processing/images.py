"""Photos: pixel limits checked before decoding, EXIF read, public copies without any metadata.

The public copy is upright and in sRGB, so that location, device and time metadata written by
the camera never leave the server: a JPEG that already is keeps only its compressed picture
(`jpeg_segments.picture_only`), any other photo becomes a brand-new JPEG.
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PIL import Image, ImageOps

from phananh.reports.media_processing.jpeg_segments import picture_only
from phananh.reports.media_processing.types import PHOTO_TYPES, MediaRejected, guess_mime, sniff

__all__ = ["PhotoFacts", "exif_summary", "inspect_photo", "make_public_photo", "make_thumbnail"]


THUMBNAIL_SIDE = 400
_SIDEWAYS_ORIENTATIONS = frozenset({5, 6, 7, 8})
_EXIF_ORIENTATION = 0x0112
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME_ORIGINAL = 0x9003


@dataclass(frozen=True)
class PhotoFacts:
    """What decoding a photo told us: its size as displayed, and when and where it was taken."""

    width: int
    height: int
    taken_at: datetime | None
    gps: tuple[float, float] | None


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
            raise MediaRejected.too_many_pixels(max_pixels) from exc
        except Exception as exc:
            # Decoders of untrusted input fail in many ways (OSError, SyntaxError, ValueError,
            # struct.error, ...); for the uploader each of them means the same thing.
            raise MediaRejected.corrupt() from exc


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


# --------------------------------------------------------------------------------------------
# EXIF: when and where


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
    mime = guess_mime(data)
    if mime is None or mime not in PHOTO_TYPES:
        return empty
    pillow_format = PHOTO_TYPES[mime][1]
    try:
        with warnings.catch_warnings():
            # Only the header and metadata are read here, so a huge image is harmless.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with _open_image(data, pillow_format) as image:
                return _summarise_exif(image)
    except Exception:
        return empty


# --------------------------------------------------------------------------------------------
# Checking an upload


def inspect_photo(
    data: bytes, content_type: str, *, max_pixels: int, sha256: str | None = None
) -> PhotoFacts:
    """Decode a sniffed photo fully (pixel limit first) and read its EXIF; raises MediaRejected.
    `sha256`: the hex digest of `data` when the caller has it (not computed twice)."""
    pillow_format = PHOTO_TYPES[content_type][1]
    with _pillow_guard(max_pixels):
        image = _open_image(data, pillow_format)
        width, height = image.size
        # Image.open has only parsed the header; refuse before anything allocates the pixels.
        if width * height > max_pixels:
            raise MediaRejected.too_many_pixels(max_pixels)
        image.verify()
        # verify() leaves the image unusable, and it does not decode pixel data for most
        # formats, so a truncated JPEG only shows up on a real decode.
        image = _open_image(data, pillow_format)
        if pillow_format == "JPEG":
            # At the thumbnail's scale: libjpeg still reads every coded block (a truncated or
            # broken scan is found the same, and that reading is most of a decode's time), and
            # the picture is kept for the thumbnail made next in this process.
            image.draft(image.mode, (THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        image.load()
        summary = _summarise_exif(image)
        if pillow_format == "JPEG":
            _remember_checked(sha256 or hashlib.sha256(data).hexdigest(), image)
    if _orientation(image) in _SIDEWAYS_ORIENTATIONS:
        # Report the size as displayed, which is also the size of the public copy's shape.
        width, height = height, width
    return PhotoFacts(width=width, height=height, taken_at=summary["taken_at"], gps=summary["gps"])


# --------------------------------------------------------------------------------------------
# Public copies


def _photo_format(data: bytes) -> str:
    if not data:
        raise MediaRejected.empty()
    kind, content_type, _extension = sniff(data)
    if kind != "photo":
        raise MediaRejected.unsupported()
    return PHOTO_TYPES[content_type][1]


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


# The last JPEGs checked in this process, decoded at the thumbnail's scale, by the SHA-256 of
# their bytes (not the bytes: an upload may be 25 MB). An Open311 POST checks a photo and then
# makes its public copies in the same request (api/open311/media.py): the thumbnail is drawn
# from that decode, not from a second one. A web upload's copies are made by a worker, so its
# entry just ages out: at most _CHECKED_KEPT pictures of about a megapixel.
_CHECKED_KEPT = 4
_checked: OrderedDict[str, Image.Image] = OrderedDict()
_checked_lock = threading.Lock()


def _remember_checked(sha256: str, image: Image.Image) -> None:
    with _checked_lock:
        _checked[sha256] = image
        while len(_checked) > _CHECKED_KEPT:
            _checked.popitem(last=False)


def _recall_checked(data: bytes) -> Image.Image | None:
    digest = hashlib.sha256(data).hexdigest()
    with _checked_lock:
        return _checked.pop(digest, None)


def _fresh_rgb(image: Image.Image) -> Image.Image:
    """The pixels of an RGB or greyscale image in a brand-new RGB image: its .info is empty, so
    no EXIF, XMP, ICC profile or JPEG comment of the original can be written back out by the
    encoder, whatever Pillow's defaults become."""
    clean = Image.new("RGB", image.size)
    clean.paste(image if image.mode == "RGB" else image.convert("RGB"))
    return clean


def _clean_rgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """A decoded photo upright, in sRGB and RGB, in a brand-new image."""
    image = ImageOps.exif_transpose(image)
    image = _convert_to_srgb(image, icc_profile)
    return _fresh_rgb(_flatten_to_rgb(image))


def _load_clean_rgb(data: bytes, draft_side: int) -> Image.Image:
    pillow_format = _photo_format(data)
    with _pillow_guard(Image.MAX_IMAGE_PIXELS or 0):
        image = _open_image(data, pillow_format)
        icc_profile = image.info.get("icc_profile")
        if pillow_format == "JPEG":
            # Let libjpeg decode at a reduced scale (never below the requested size): a large
            # phone photo then costs a fraction of the time and memory.
            image.draft(image.mode, (draft_side, draft_side))
        image.load()
        return _clean_rgb(image, icc_profile)


def _encode_jpeg(image: Image.Image, quality: int) -> bytes:
    # Optimised Huffman tables, baseline: for photographs smaller than progressive and encoded
    # in less than half its time (a public copy is made within an Open311 POST).
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def _thumb(image: Image.Image, side: int) -> bytes:
    """The centred square of an upright RGB or greyscale image, resampled to side × side as
    ImageOps.fit does (its bicubic filter; a cheap box reduction first when the image is much
    larger), in a brand-new image (`_fresh_rgb`)."""
    width, height = image.size
    edge = min(width, height)
    left, top = (width - edge) // 2, (height - edge) // 2
    square = image.resize(
        (side, side),
        Image.Resampling.BICUBIC,
        box=(left, top, left + edge, top + edge),
        reducing_gap=2.0,
    )
    return _encode_jpeg(_fresh_rgb(square), 80)


def make_public_photo(data: bytes, *, max_side: int = 2048, quality: int = 85) -> bytes:
    """Re-encode a photo for the public: upright, at most max_side px, no EXIF/XMP/ICC/GPS."""
    image = _load_clean_rgb(data, max_side)
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return _encode_jpeg(image, quality)


def make_thumbnail(data: bytes, *, side: int = THUMBNAIL_SIDE) -> bytes:
    """A small square-cropped JPEG preview for lists (ImageOps.fit after exif_transpose)."""
    return _thumb(_load_clean_rgb(data, side), side)


def _picture_as_is(data: bytes, max_side: int) -> bytes | None:
    """The photo's own compressed picture with every metadata segment dropped, when it can be
    published as it is: a JPEG already upright, in at most max_side px, with no colour profile
    to convert. None otherwise (it is then re-encoded)."""
    if data[:3] != b"\xff\xd8\xff":
        return None
    with _pillow_guard(Image.MAX_IMAGE_PIXELS or 0), _open_image(data, "JPEG") as image:
        if (
            max(image.size) > max_side
            or image.mode not in ("RGB", "L")
            or image.info.get("icc_profile")
            or "adobe" in image.info
            or _orientation(image) not in (None, 1)
        ):
            return None
    return picture_only(data)


def make_public_photo_and_thumbnail(
    data: bytes, *, max_side: int = 2048, side: int = THUMBNAIL_SIDE
) -> tuple[bytes, bytes]:
    """Both public files of a photo: `make_public_photo`, and the thumbnail.

    A JPEG that needs neither turning, shrinking nor a colour conversion keeps its compressed
    picture, without any metadata segment (jpeg_segments.py): no loss, and no encode inside an
    Open311 POST. Its thumbnail is drawn from the decode `inspect_photo` made of the same bytes
    in this process, or else from the copy: the copy holds the upload's tables and scans byte
    for byte, and only segments a decoder skips were left out, so a whole decode of either
    proves the copy whole. Any other photo is decoded once and both files are encoded from it.
    """
    as_is = _picture_as_is(data, max_side)
    if as_is is not None:
        checked = _recall_checked(data) if side == THUMBNAIL_SIDE else None
        # That decode is already upright, in RGB or greyscale, with no profile (checked just
        # above): only its square is resampled, and the small result is what gets cleaned.
        source = checked if checked is not None else _load_clean_rgb(as_is, side)
        return as_is, _thumb(source, side)
    image = _load_clean_rgb(data, max_side)
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return _encode_jpeg(image, 85), _thumb(image, side)
