"""Tests for phananh.reports.media_processing.images and phananh.demo.photos: pixel limits,
damaged files, EXIF, and public copies and thumbnails without metadata."""

from __future__ import annotations

import io
import time
import warnings
from datetime import datetime

import pytest
from django.utils import translation
from PIL import Image

from phananh.demo.photos import demo_photo
from phananh.reports.media_processing import (
    MediaRejected,
    exif_summary,
    make_public_photo,
    make_thumbnail,
)
from phananh.reports.tests.media_processing.samples import (
    camera_jpeg,
    exif_with,
    gradient_image,
    inspect,
    jpeg_bytes,
    png_bytes,
    png_declaring,
    rejection,
)


def has_no_metadata(data: bytes) -> None:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert not image.getexif().get_ifd(0x8825)
    assert b"Exif" not in data
    assert b"xmpmeta" not in data
    assert b"secret" not in data
    assert b"SecretPhoneMaker" not in data
    assert "icc_profile" not in image.info
    assert exif_summary(data) == {"taken_at": None, "gps": None}


# --------------------------------------------------------------------------------------------
# inspect_media: photos


def test_inspect_jpeg_reads_exif_time_and_gps_and_displayed_size() -> None:
    data = camera_jpeg()
    info = inspect(data)
    assert info.kind == "photo"
    assert info.content_type == "image/jpeg"
    assert info.extension == "jpg"
    assert info.size == len(data)
    assert len(info.sha256) == 64
    assert info.taken_at == datetime(2024, 5, 6, 7, 8, 9)
    assert info.gps is not None
    assert info.gps[0] == pytest.approx(16.4637, abs=1e-4)
    assert info.gps[1] == pytest.approx(107.5909, abs=1e-4)
    # Orientation 6 means the camera stored it sideways: reported as displayed.
    assert (info.width, info.height) == (40, 60)


def test_too_many_pixels_from_header_is_refused_quickly() -> None:
    data = png_declaring(40_000, 40_000)
    assert len(data) < 100
    max_before = Image.MAX_IMAGE_PIXELS
    started = time.perf_counter()
    error = rejection(data, max_pixels=50_000_000)
    assert time.perf_counter() - started < 0.5
    assert error.code == "too_many_pixels"
    with translation.override("en"):
        assert "50" in str(error.message)
    assert max_before == Image.MAX_IMAGE_PIXELS


def test_our_own_pixel_limit_applies_below_pillows() -> None:
    # 3000 x 3000 is fine for Pillow but over this deployment's limit.
    assert rejection(png_declaring(3000, 3000), max_pixels=1_000_000).code == "too_many_pixels"


def test_pillow_bomb_error_and_warning_become_too_many_pixels() -> None:
    filters_before = list(warnings.filters)
    # Past twice Pillow's limit Image.open raises DecompressionBombError...
    assert rejection(png_declaring(40_000, 40_000), max_pixels=10**12).code == "too_many_pixels"
    # ...between once and twice it only warns, which must still be a refusal.
    side = int((Image.MAX_IMAGE_PIXELS * 1.5) ** 0.5)
    assert rejection(png_declaring(side, side), max_pixels=10**12).code == "too_many_pixels"
    assert warnings.filters == filters_before


def test_truncated_jpeg_is_corrupt() -> None:
    noisy = Image.effect_noise((256, 256), 80).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=95)
    data = buffer.getvalue()
    assert rejection(data[: len(data) // 2]).code == "corrupt"


def test_garbage_behind_an_image_signature_is_corrupt() -> None:
    assert rejection(b"\xff\xd8\xff\xe0" + b"\x13\x37" * 300).code == "corrupt"
    assert rejection(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + b"\xff" * 50).code in {
        "corrupt",
        "too_many_pixels",
    }


def test_png_with_broken_crc_is_corrupt() -> None:
    data = bytearray(png_bytes(gradient_image((16, 16))))
    data[-20] ^= 0xFF  # inside the IDAT chunk
    assert rejection(bytes(data)).code == "corrupt"


# --------------------------------------------------------------------------------------------
# exif_summary


def test_exif_summary_signs_follow_the_references() -> None:
    data = jpeg_bytes(exif=exif_with(lat_ref="S", lon_ref="W"))
    lat, lon = exif_summary(data)["gps"]
    assert lat == pytest.approx(-16.4637, abs=1e-4)
    assert lon == pytest.approx(-107.5909, abs=1e-4)


@pytest.mark.parametrize(
    "exif",
    [
        exif_with(lat=(0.0, 0.0, 0.0), lon=(0.0, 0.0, 0.0)),
        exif_with(lat=(16.0, 75.0, 0.0)),
        exif_with(lat=(95.0, 0.0, 0.0)),
        exif_with(lat_ref="Q"),
        exif_with(lat=None),
    ],
    ids=["null-island", "minutes-over-60", "latitude-over-90", "bad-ref", "absent"],
)
def test_exif_summary_ignores_invalid_gps(exif: Image.Exif) -> None:
    assert exif_summary(jpeg_bytes(exif=exif))["gps"] is None


@pytest.mark.parametrize("taken", ["0000:00:00 00:00:00", "yesterday", "    "])
def test_exif_summary_ignores_invalid_dates(taken: str) -> None:
    assert exif_summary(jpeg_bytes(exif=exif_with(taken=taken)))["taken_at"] is None


def test_exif_summary_never_raises() -> None:
    empty = {"taken_at": None, "gps": None}
    assert exif_summary(b"") == empty
    assert exif_summary(b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00garbage!") == empty
    assert exif_summary(b"%PDF-1.4") == empty
    assert exif_summary(png_declaring(40_000, 40_000)) == empty
    assert exif_summary(png_bytes(gradient_image((4, 4)))) == empty


# --------------------------------------------------------------------------------------------
# make_public_photo / make_thumbnail


def test_public_photo_strips_metadata_and_applies_orientation() -> None:
    data = camera_jpeg()
    assert b"Exif" in data and b"xmpmeta" in data  # the fixture really carries metadata
    out = make_public_photo(data)
    has_no_metadata(out)
    assert Image.open(io.BytesIO(out)).size == (40, 60)


def test_public_photo_is_limited_to_max_side() -> None:
    out = make_public_photo(jpeg_bytes((300, 120)), max_side=100)
    assert Image.open(io.BytesIO(out)).size == (100, 40)


def test_public_photo_flattens_transparency_onto_white() -> None:
    image = gradient_image((32, 32)).convert("RGBA")
    image.paste((0, 0, 0, 0), (0, 0, 16, 16))
    image.paste((200, 0, 0, 255), (16, 16, 32, 32))
    out = Image.open(io.BytesIO(make_public_photo(png_bytes(image))))
    assert out.format == "JPEG" and out.mode == "RGB"
    assert min(out.getpixel((6, 6))) > 230
    red, green, blue = out.getpixel((26, 26))
    assert red > 150 and green < 60 and blue < 60


def test_public_photo_handles_palette_transparency_and_16_bit_grey() -> None:
    palette = gradient_image((16, 16)).convert("P")
    palette.info["transparency"] = 0
    assert Image.open(io.BytesIO(make_public_photo(png_bytes(palette)))).mode == "RGB"
    grey16 = Image.new("I;16", (8, 8), 32768)
    out = Image.open(io.BytesIO(make_public_photo(png_bytes(grey16))))
    assert 110 < out.getpixel((4, 4))[0] < 145  # half grey, not clipped to white


def test_public_photo_of_cmyk_jpeg_and_animated_gif() -> None:
    buffer = io.BytesIO()
    Image.new("CMYK", (16, 16), (0, 255, 255, 0)).save(buffer, "JPEG")
    out = Image.open(io.BytesIO(make_public_photo(buffer.getvalue())))
    assert out.mode == "RGB"
    assert out.getpixel((8, 8))[0] > 200

    frames = [Image.new("RGB", (12, 12), color) for color in ("blue", "yellow")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    out = Image.open(io.BytesIO(make_public_photo(buffer.getvalue())))
    assert out.format == "JPEG"
    assert out.getpixel((6, 6))[2] > 200  # the first (blue) frame


def test_public_photo_refuses_what_inspect_refuses() -> None:
    for data, code in [
        (b"", "empty"),
        (b"%PDF-1.7", "unsupported_type"),
        (png_declaring(40_000, 40_000), "too_many_pixels"),
        (b"\xff\xd8\xff\xe0" + b"\x13\x37" * 300, "corrupt"),
    ]:
        with pytest.raises(MediaRejected) as caught:
            make_public_photo(data)
        assert caught.value.code == code


def test_thumbnail_is_a_clean_square() -> None:
    out = make_thumbnail(camera_jpeg(), side=32)
    has_no_metadata(out)
    assert Image.open(io.BytesIO(out)).size == (32, 32)
    assert Image.open(io.BytesIO(make_thumbnail(jpeg_bytes((300, 200))))).size == (400, 400)


# --------------------------------------------------------------------------------------------
# demo photos


def test_demo_photo_is_a_jpeg_with_gps_exif_near_hue() -> None:
    data = demo_photo("sanitation", 7)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (1024, 768)
    summary = exif_summary(data)
    lat, lon = summary["gps"]
    assert abs(lat - 16.46) < 0.05 and abs(lon - 107.59) < 0.05
    assert isinstance(summary["taken_at"], datetime)
    # Which is exactly what the public copy must not keep.
    has_no_metadata(make_public_photo(data))


def test_demo_photo_is_deterministic_and_varies() -> None:
    assert demo_photo("road", 3) == demo_photo("road", 3)
    assert demo_photo("road", 3) != demo_photo("road", 4)
    assert demo_photo("road", 3) != demo_photo("trees", 3)


@pytest.mark.parametrize(
    "category",
    [
        "sanitation",
        "lighting",
        "drainage",
        "road",
        "trees",
        "noise",
        "sidewalk",
        "traffic",
        "water",
        "something-else",
    ],
)
def test_demo_photo_every_category_is_fast_and_valid(category: str) -> None:
    started = time.perf_counter()
    data = demo_photo(category, 11, width=640, height=480)
    assert time.perf_counter() - started < 0.5
    info = inspect(data)
    assert (info.content_type, info.width, info.height) == ("image/jpeg", 640, 480)
    assert info.gps is not None
