"""Tests for phananh.reports.media_processing and phananh.demo.photos.

Every fixture is built in memory (Pillow or hand-assembled bytes); nothing here needs the database.
"""

from __future__ import annotations

import io
import struct
import time
import warnings
import zlib
from datetime import datetime

import pytest
from django.utils import translation
from PIL import Image

from phananh.demo.photos import demo_photo
from phananh.reports.media_processing import (
    MediaInfo,
    MediaRejected,
    _ebml_void,
    exif_summary,
    inspect_media,
    make_public_photo,
    make_public_video,
    make_thumbnail,
)

MB = 1024 * 1024
LIMITS = {"max_photo_bytes": 10 * MB, "max_video_bytes": 50 * MB, "max_pixels": 40_000_000}


def inspect(data: bytes, **overrides: int) -> MediaInfo:
    return inspect_media(data, **{**LIMITS, **overrides})


def rejection(data: bytes, **overrides: int) -> MediaRejected:
    with pytest.raises(MediaRejected) as caught:
        inspect(data, **overrides)
    return caught.value


# --------------------------------------------------------------------------------------------
# Photo fixtures


def gradient_image(size: tuple[int, int]) -> Image.Image:
    image = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", (image, image.transpose(Image.Transpose.FLIP_LEFT_RIGHT), image))


def exif_with(
    *,
    orientation: int | None = None,
    taken: str | None = "2024:05:06 07:08:09",
    lat: tuple[float, float, float] | None = (16.0, 27.0, 49.32),
    lon: tuple[float, float, float] | None = (107.0, 35.0, 27.24),
    lat_ref: str = "N",
    lon_ref: str = "E",
) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"
    if orientation is not None:
        exif[0x0112] = orientation
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken
    if lat is not None and lon is not None:
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2], gps[3], gps[4] = lat_ref, lat, lon_ref, lon
    return exif


def jpeg_bytes(size: tuple[int, int] = (60, 40), **save: object) -> bytes:
    buffer = io.BytesIO()
    gradient_image(size).save(buffer, "JPEG", quality=90, **save)
    return buffer.getvalue()


def camera_jpeg() -> bytes:
    return jpeg_bytes(
        (60, 40),
        exif=exif_with(orientation=6),
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">exif:GPSLatitude 16,27.8N</x:xmpmeta>',
        comment=b"secret comment",
    )


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload)
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def png_declaring(width: int, height: int) -> bytes:
    """A few dozen bytes whose header claims a huge RGB image (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
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


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [
        ("PNG", "image/png", "png"),
        ("WEBP", "image/webp", "webp"),
        ("GIF", "image/gif", "gif"),
    ],
)
def test_inspect_other_photo_types(fmt: str, content_type: str, extension: str) -> None:
    buffer = io.BytesIO()
    gradient_image((30, 20)).save(buffer, fmt)
    info = inspect(buffer.getvalue())
    assert (info.kind, info.content_type, info.extension) == ("photo", content_type, extension)
    assert (info.width, info.height) == (30, 20)
    assert info.gps is None and info.taken_at is None


def test_inspect_ignores_pretended_type_and_sniffs_bytes() -> None:
    # A PNG is a PNG whatever it was called; there is no name to pass in the first place.
    info = inspect(png_bytes(gradient_image((8, 8))))
    assert info.content_type == "image/png"


def test_empty_upload_is_rejected() -> None:
    assert rejection(b"").code == "empty"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n",
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>',
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,
        b"PK\x03\x04" + b"\x00" * 100,
        b"just some text that happens to be named photo.jpg",
    ],
    ids=["pdf", "html", "svg-xml", "svg", "exe", "zip", "text"],
)
def test_non_media_is_unsupported(data: bytes) -> None:
    assert rejection(data).code == "unsupported_type"


@pytest.mark.parametrize("fmt", ["BMP", "TIFF"])
def test_images_outside_the_allowed_list_are_unsupported(fmt: str) -> None:
    buffer = io.BytesIO()
    gradient_image((8, 8)).save(buffer, fmt)
    assert rejection(buffer.getvalue()).code == "unsupported_type"


def test_oversize_photo_is_too_large_with_the_limit_in_the_message() -> None:
    data = jpeg_bytes((200, 200))
    error = rejection(data, max_photo_bytes=len(data) - 1)
    assert error.code == "too_large"
    error = rejection(jpeg_bytes((10, 10)) + b"\x00" * (3 * MB), max_photo_bytes=3 * MB)
    assert error.code == "too_large"
    with translation.override("en"):
        assert str(error.message) == "The photo is larger than 3 MB."
    # The exception itself stays printable without the translation machinery.
    assert str(error) == "too_large"


def test_photo_at_exactly_the_limit_is_accepted() -> None:
    data = jpeg_bytes((20, 20))
    assert inspect(data, max_photo_bytes=len(data)).kind == "photo"


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


def test_rejection_codes_are_checked() -> None:
    with pytest.raises(ValueError):
        MediaRejected("nope", "whatever")


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
# Video fixtures: ISO BMFF (MP4 / MOV)

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"udta", b"meta"}
LOCATION = b"+16.4637+107.5909/"
XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
MDAT_PAYLOAD = bytes(range(256)) * 8


def box(kind: bytes, *children: bytes) -> bytes:
    payload = b"".join(children)
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def large_box(kind: bytes, *children: bytes) -> bytes:
    payload = b"".join(children)
    return struct.pack(">I", 1) + kind + struct.pack(">Q", 16 + len(payload)) + payload


def full_header_v0() -> bytes:
    # version/flags, creation time, modification time, then filler for the rest.
    return b"\x00\x00\x00\x00" + struct.pack(">II", 0xDEADBEEF, 0xCAFEBABE) + b"\x01" * 20


def ftyp(brand: bytes = b"isom") -> bytes:
    return box(b"ftyp", brand, b"\x00\x00\x02\x00", b"isomiso2avc1mp41")


def mp4_bytes(brand: bytes = b"isom", *, large_udta: bool = False) -> bytes:
    location = box(b"\xa9xyz", b"\x00\x12\x15\xc7", LOCATION)
    udta = (large_box if large_udta else box)(b"udta", location, box(b"\xa9mak", b"Phone"))
    stco = box(b"stco", b"\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x30")
    trak = box(
        b"trak",
        box(b"tkhd", full_header_v0()),
        box(b"udta", box(b"\xa9day", b"2024-05-06")),
        box(b"mdia", box(b"mdhd", full_header_v0()), box(b"minf", box(b"stbl", stco))),
    )
    moov = box(b"moov", box(b"mvhd", full_header_v0()), udta, trak)
    return ftyp(brand) + moov + box(b"mdat", MDAT_PAYLOAD)


def parse_boxes(data: bytes, start: int = 0, end: int | None = None, depth: int = 0) -> list:
    """Independent test-side parser: [(depth, type, start, end), ...] in file order."""
    end = len(data) if end is None else end
    found = []
    position = start
    while position < end:
        size, kind = struct.unpack(">I4s", data[position : position + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[position + 8 : position + 16])[0]
            header = 16
        elif size == 0:
            size = end - position
        assert 8 <= size <= end - position
        found.append((depth, kind, position, position + size))
        if kind in CONTAINERS:
            found += parse_boxes(data, position + header, position + size, depth + 1)
        position += size
    return found


def mdat_payload(data: bytes) -> bytes:
    (start, end) = next((s, e) for d, k, s, e in parse_boxes(data) if k == b"mdat")
    return data[start:end]


def test_inspect_mp4_and_mov() -> None:
    info = inspect(mp4_bytes())
    assert (info.kind, info.content_type, info.extension) == ("video", "video/mp4", "mp4")
    assert info.width is None and info.height is None and info.gps is None
    info = inspect(mp4_bytes(b"qt  "))
    assert (info.content_type, info.extension) == ("video/quicktime", "mov")


def test_oversize_video_is_too_large() -> None:
    data = mp4_bytes()
    error = rejection(data, max_video_bytes=len(data) - 1)
    assert error.code == "too_large"
    with translation.override("en"):
        assert "MB" in str(error.message)
    # The photo limit does not apply to videos.
    assert inspect(data, max_photo_bytes=10).kind == "video"


def test_audio_only_mp4_is_unsupported() -> None:
    data = box(b"ftyp", b"M4A ", b"\x00\x00\x00\x00", b"M4A isommp42") + box(b"moov")
    assert rejection(data).code == "unsupported_type"


def test_public_mp4_blanks_metadata_in_place() -> None:
    data = mp4_bytes()
    assert LOCATION in data
    out = make_public_video(data, "video/mp4")
    assert len(out) == len(data)
    assert LOCATION not in out and b"Phone" not in out and b"2024-05-06" not in out

    boxes = parse_boxes(data)
    udtas = [(start, end) for _depth, kind, start, end in boxes if kind == b"udta"]
    assert len(udtas) == 2
    # Same boxes at the same offsets; each udta is now a free box (so its children are gone).
    expected = [
        (depth, b"free" if kind == b"udta" else kind, start, end)
        for depth, kind, start, end in boxes
        if not any(u_start < start < u_end for u_start, u_end in udtas)
    ]
    assert parse_boxes(out) == expected
    for start, end in udtas:
        assert not any(out[start + 8 : end])
    assert mdat_payload(out) == mdat_payload(data)
    stco = data.index(b"stco")
    assert out[stco - 4 : stco + 16] == data[stco - 4 : stco + 16]
    # Shooting times in the movie, track and media headers are zeroed too.
    assert b"\xde\xad\xbe\xef" not in out and b"\xca\xfe\xba\xbe" not in out
    # The public copy is still a valid upload.
    assert inspect(out).content_type == "video/mp4"


def test_public_mov_blanks_top_level_meta_and_xmp_uuid() -> None:
    xmp = box(b"uuid", XMP_UUID, b"<x:xmpmeta>" + LOCATION + b"</x:xmpmeta>")
    other_uuid = box(b"uuid", b"\x11" * 16, b"keep me")
    meta = box(b"meta", b"\x00\x00\x00\x00", box(b"keys", LOCATION))
    data = mp4_bytes(b"qt  ") + xmp + other_uuid + meta
    out = make_public_video(data, "video/quicktime")
    assert len(out) == len(data)
    assert LOCATION not in out and b"xmpmeta" not in out
    assert b"keep me" in out
    assert [k for d, k, *_ in parse_boxes(out) if d == 0] == [
        b"ftyp",
        b"moov",
        b"mdat",
        b"free",
        b"uuid",
        b"free",
    ]


def test_largesize_boxes_are_handled() -> None:
    data = mp4_bytes(large_udta=True)[: -len(box(b"mdat", MDAT_PAYLOAD))]
    data += large_box(b"mdat", MDAT_PAYLOAD)
    out = make_public_video(data, "video/mp4")
    assert len(out) == len(data)
    assert LOCATION not in out
    udta = data.index(b"udta") - 4
    # The 64-bit header is kept as it was, only the type changes.
    assert out[udta : udta + 16] == data[udta : udta + 4] + b"free" + data[udta + 8 : udta + 16]
    assert mdat_payload(out) == mdat_payload(data)


def test_size_zero_last_box_runs_to_end_of_file() -> None:
    data = mp4_bytes()[: -len(box(b"mdat", MDAT_PAYLOAD))] + b"\x00\x00\x00\x00mdat" + MDAT_PAYLOAD
    out = make_public_video(data, "video/mp4")
    assert len(out) == len(data) and LOCATION not in out
    assert out.endswith(MDAT_PAYLOAD)


MVHD = box(b"mvhd", full_header_v0())


@pytest.mark.parametrize(
    "data",
    [
        mp4_bytes()[:-10],  # mdat claims more bytes than the file has
        ftyp() + box(b"moov", b"\x00\x00\x00\x04mvhd" + MVHD[8:]),  # size below header
        ftyp() + box(b"moov", b"\x00\x00\xff\xffmvhd" + MVHD[8:]),  # past its parent
        ftyp() + box(b"moov", b"\x00\x00\x00\x00udta" + LOCATION),  # size 0 inside a box
        ftyp() + box(b"moov", b"\x00\x00\x00\x01mvhd" + struct.pack(">Q", 4)),  # bad largesize
        ftyp() + box(b"moov", MVHD, b"\x00\x00\x01"),  # trailing non-zero scrap
        ftyp() + box(b"mdat", MDAT_PAYLOAD),  # no movie header at all
    ],
    ids=[
        "truncated",
        "below-header",
        "past-parent",
        "zero-inside",
        "bad-large",
        "scrap",
        "no-moov",
    ],
)
def test_malformed_boxes_are_corrupt(data: bytes) -> None:
    with pytest.raises(MediaRejected) as caught:
        make_public_video(data, "video/mp4")
    assert caught.value.code == "corrupt"
    assert rejection(data).code == "corrupt"


def test_deeply_nested_boxes_are_corrupt_not_a_crash() -> None:
    nested = box(b"mdat")
    for _ in range(50):
        nested = box(b"moov", nested)
    with pytest.raises(MediaRejected) as caught:
        make_public_video(ftyp() + nested, "video/mp4")
    assert caught.value.code == "corrupt"


# --------------------------------------------------------------------------------------------
# Video fixtures: WebM (EBML)


def vint(value: int) -> bytes:
    if value < 0x7F:
        return bytes([0x80 | value])
    return (value | (1 << 56)).to_bytes(8, "big")


def element(element_id: int, *children: bytes) -> bytes:
    payload = b"".join(children)
    return (
        element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")
        + vint(len(payload))
        + payload
    )


UNKNOWN_SIZE = b"\x01\xff\xff\xff\xff\xff\xff\xff"
SIMPLE_BLOCK = element(0xA3, b"\x81\x00\x00\x80" + bytes(range(200)))
TAGS_ID = b"\x12\x54\xc3\x67"


def ebml_header(doctype: bytes = b"webm") -> bytes:
    return element(
        0x1A45DFA3, element(0x4286, b"\x01"), element(0x4282, doctype), element(0x4287, b"\x04")
    )


def tags(padding: int = 0) -> bytes:
    simple = element(
        0x67C8, element(0x45A3, b"LOCATION"), element(0x4487, LOCATION + b" " * padding)
    )
    return element(0x1254C367, element(0x7373, simple))


def webm_bytes(*, unknown_sizes: bool = True, padding: int = 0, doctype: bytes = b"webm") -> bytes:
    seek_head = element(
        0x114D9B74,
        element(0x4DBB, element(0x53AB, TAGS_ID), element(0x53AC, b"\x10\x00")),
        element(0x4DBB, element(0x53AB, b"\x15\x49\xa9\x66"), element(0x53AC, b"\x00\x40")),
    )
    info = element(
        0x1549A966,
        element(0xBF, b"\xc0\xff\xee\x99"),  # CRC-32, no longer valid once Info changes
        element(0x2AD7B1, b"\x0f\x42\x40"),
        element(0x4D80, b"muxer"),
        element(0x5741, b"writer"),
        element(0x4461, b"\x07\x5b\xcd\x15\x00\x00\x00\x00"),
        element(0x7BA9, b"My street at home"),
    )
    tracks = element(0x1654AE6B, element(0xAE, element(0xD7, b"\x01"), element(0x86, b"V_VP8")))
    cluster_body = element(0xE7, b"\x00") + SIMPLE_BLOCK
    if unknown_sizes:
        clusters = (b"\x1f\x43\xb6\x75" + UNKNOWN_SIZE + cluster_body) * 2
        body = seek_head + info + tracks + clusters + tags(padding)
        segment = b"\x18\x53\x80\x67" + UNKNOWN_SIZE + body
    else:
        body = seek_head + info + tracks + element(0x1F43B675, cluster_body) + tags(padding)
        segment = element(0x18538067, body)
    return ebml_header(doctype) + segment


def ebml_walk(data: bytes, start: int, end: int) -> dict[int, tuple[int, int]]:
    """Test-side walk: {start: (id, end)}, entering Segments and unknown-size elements."""
    found = {}
    position = start
    while position < end:
        id_length = 9 - data[position].bit_length()
        element_id = int.from_bytes(data[position : position + id_length], "big")
        size_at = position + id_length
        size_length = 9 - data[size_at].bit_length()
        mask = (1 << (7 * size_length)) - 1
        size = int.from_bytes(data[size_at : size_at + size_length], "big") & mask
        payload = size_at + size_length
        if size == mask or element_id == 0x18538067:
            found[position] = (element_id, -1)
            position = payload
            continue
        found[position] = (element_id, payload + size)
        position = payload + size
    assert position == end
    return found


@pytest.mark.parametrize("unknown_sizes", [True, False])
@pytest.mark.parametrize("padding", [0, 80, 200, 20_000])
def test_public_webm_blanks_tags_into_void_of_same_length(
    unknown_sizes: bool, padding: int
) -> None:
    data = webm_bytes(unknown_sizes=unknown_sizes, padding=padding)
    info = inspect(data)
    assert (info.kind, info.content_type, info.extension) == ("video", "video/webm", "webm")

    out = make_public_video(data, "video/webm")
    assert len(out) == len(data)
    assert LOCATION not in out and b"LOCATION" not in out
    assert b"My street at home" not in out and b"\x07\x5b\xcd\x15" not in out
    assert TAGS_ID not in out  # neither the element nor the SeekHead entry pointing at it
    assert b"\xc0\xff\xee\x99" not in out  # Info's stale CRC-32 went with its children
    assert b"muxer" in out and b"writer" in out
    assert out.count(SIMPLE_BLOCK) == data.count(SIMPLE_BLOCK) >= 1

    before, after = ebml_walk(data, 0, len(data)), ebml_walk(out, 0, len(out))
    tags_start = data.rindex(TAGS_ID)
    tags_id, tags_end = before[tags_start]
    assert tags_id == 0x1254C367
    assert after[tags_start] == (0xEC, tags_end)
    void = out[tags_start:tags_end]
    assert not any(void[1 + 9 - void[1].bit_length() :])
    # Every other top-level element is where it was, with its ID unchanged.
    changed = {start for start in before if before[start] != after.get(start)}
    assert tags_start in changed
    assert all(after[start][0] == 0xEC for start in changed)
    # The public copy still passes inspection.
    assert inspect(out).content_type == "video/webm"


def test_void_elements_match_every_length() -> None:
    for length in [*range(2, 400), 16_383, 16_384, 16_385, 2_097_152, 10**7]:
        void = _ebml_void(length)
        assert len(void) == length
        assert ebml_walk(void, 0, length) == {0: (0xEC, length)}
        assert not any(void[1 + 9 - void[1].bit_length() :])


def test_matroska_that_is_not_webm_is_unsupported() -> None:
    assert rejection(webm_bytes(doctype=b"matroska")).code == "unsupported_type"


def unknown_size_tags() -> bytes:
    data = webm_bytes(unknown_sizes=False)
    at = data.rindex(TAGS_ID) + 4
    return data[:at] + UNKNOWN_SIZE + data[at + 1 :]


@pytest.mark.parametrize(
    "data",
    [
        webm_bytes(unknown_sizes=False)[:-5],  # Tags runs past the end of the file
        webm_bytes(unknown_sizes=False) + b"\x00",  # a zero byte is never a valid element ID
        unknown_size_tags(),
        ebml_header(),  # no Segment
    ],
    ids=["truncated", "bad-id", "unknown-size-tags", "no-segment"],
)
def test_malformed_webm_is_corrupt(data: bytes) -> None:
    with pytest.raises(MediaRejected) as caught:
        make_public_video(data, "video/webm")
    assert caught.value.code == "corrupt"


def test_make_public_video_refuses_other_types() -> None:
    with pytest.raises(MediaRejected) as caught:
        make_public_video(mp4_bytes(), "video/x-msvideo")
    assert caught.value.code == "unsupported_type"


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
