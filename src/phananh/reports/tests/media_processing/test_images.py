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
    make_public_photo_and_thumbnail,
    make_thumbnail,
)
from phananh.reports.media_processing.jpeg_segments import picture_only
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
    # The check decodes at an eighth of the size, and still reads the scan to its last block.
    assert rejection(data[:-300]).code == "corrupt"


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


def _with_segments(data: bytes, *segments: bytes, after: bytes = b"") -> bytes:
    """`data` with marker segments put right after its SOI, and `after` past its end."""
    return data[:2] + b"".join(segments) + data[2:] + after


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def _pixels(data: bytes) -> bytes:
    return Image.open(io.BytesIO(data)).convert("RGB").tobytes()


MOTION_VIDEO = b"\x00\x00\x00\x18ftypmp42secret motion photo video"


@pytest.mark.parametrize(
    "save",
    [{}, {"progressive": True}, {"restart_marker_rows": 1}, {"subsampling": 0}],
)
def test_a_plain_jpeg_is_published_with_its_own_picture_and_nothing_else(save) -> None:
    original = jpeg_bytes(
        (320, 200),
        exif=exif_with(),
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret</x:xmpmeta>',
        comment=b"secret comment",
        **save,
    )
    iptc = _segment(0xED, b"Photoshop 3.0\x00secret byline")
    data = _with_segments(original, iptc, after=MOTION_VIDEO)
    photo, thumbnail = make_public_photo_and_thumbnail(data)
    has_no_metadata(photo)
    has_no_metadata(thumbnail)
    assert b"ftyp" not in photo and photo.endswith(b"\xff\xd9")
    # Not re-encoded: the same pixels, bit for bit, in fewer bytes than the upload.
    assert _pixels(photo) == _pixels(original)
    assert len(photo) < len(original)
    assert (b"\xff\xdd" in photo) == ("restart_marker_rows" in save)  # its restart interval
    assert Image.open(io.BytesIO(thumbnail)).size == (400, 400)


def test_a_grey_jpeg_is_published_as_it_is() -> None:
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize((90, 70)).save(buffer, "JPEG", exif=exif_with())
    photo, _thumbnail = make_public_photo_and_thumbnail(buffer.getvalue())
    has_no_metadata(photo)
    assert Image.open(io.BytesIO(photo)).mode == "L"
    assert _pixels(photo) == _pixels(buffer.getvalue())


def test_a_jpeg_to_turn_shrink_or_convert_is_re_encoded() -> None:
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for data, size in [
        (camera_jpeg(), (40, 60)),  # EXIF orientation 6: turned upright
        (jpeg_bytes((3000, 100)), (2048, 68)),  # wider than the public copy may be
        (jpeg_bytes((64, 48), icc_profile=srgb), (64, 48)),  # colours converted to sRGB
    ]:
        photo, _thumbnail = make_public_photo_and_thumbnail(data)
        has_no_metadata(photo)
        assert Image.open(io.BytesIO(photo)).size == size
        assert b"secret" not in photo


def test_only_a_jpeg_understood_whole_keeps_its_picture() -> None:
    plain = jpeg_bytes((64, 48))
    assert picture_only(plain) is not None
    cmyk = io.BytesIO()
    Image.new("CMYK", (16, 16), (0, 255, 255, 0)).save(cmyk, "JPEG")
    unknown_marker = plain[:2] + _segment(0xF7, b"\x00\x01") + plain[2:]  # JPEG-LS frame
    for data in [
        plain[: len(plain) - 40],  # ends inside its scan
        plain[:-2],  # no end-of-image
        plain[:2] + b"\x13\x37" + plain[2:],  # not a marker where one must be
        cmyk.getvalue(),  # four components, and Adobe's colour segment
        unknown_marker,
        b"\xff\xd8\xff\xd9",  # no frame, no scan
        b"GIF89a",
    ]:
        assert picture_only(data) is None
    with pytest.raises(MediaRejected) as caught:
        make_public_photo_and_thumbnail(plain[: len(plain) - 40])
    assert caught.value.code == "corrupt"


def test_the_thumbnail_is_drawn_from_the_check_of_the_same_bytes() -> None:
    import hashlib

    from phananh.reports.media_processing import images

    data = jpeg_bytes((1000, 900), exif=exif_with())
    key = hashlib.sha256(data).hexdigest()  # the picture kept, not the upload's bytes
    images._checked.clear()
    photo, drawn_again = make_public_photo_and_thumbnail(data)  # nothing checked: decoded again
    inspect(data)
    assert list(images._checked) == [key]
    kept = images._checked[key]
    assert kept.size == (500, 450)  # libjpeg's half scale, each side still 400 px or more
    # The same bytes read back (from storage, as the copies are made): the check's decode.
    assert make_public_photo_and_thumbnail(bytes(bytearray(data))) == (photo, drawn_again)
    assert key not in images._checked  # used once, then let go
    # The process keeps a few, the newest.
    for side in range(100, 100 + 2 * images._CHECKED_KEPT):
        inspect(jpeg_bytes((side, side)))
    assert len(images._checked) == images._CHECKED_KEPT


def test_a_jpeg_whose_colours_depend_on_its_missing_jfif_header_is_re_encoded() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (48, 32), (200, 30, 20)).save(buffer, "JPEG", keep_rgb=True)
    coded_rgb = buffer.getvalue()
    adobe = coded_rgb.index(b"\xff\xee")
    length = int.from_bytes(coded_rgb[adobe + 2 : adobe + 4], "big")
    # Components named R, G, B and neither JFIF nor Adobe segment: libjpeg reads it as RGB.
    bare = coded_rgb[:adobe] + coded_rgb[adobe + 2 + length :]
    assert Image.open(io.BytesIO(bare)).convert("RGB").getpixel((20, 16))[0] > 150
    assert picture_only(bare) is None
    photo, _thumbnail = make_public_photo_and_thumbnail(bare)
    has_no_metadata(photo)
    red, green, blue = Image.open(io.BytesIO(photo)).convert("RGB").getpixel((20, 16))
    assert red > 150 and green < 80 and blue < 80  # still red, not read as YCbCr


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
