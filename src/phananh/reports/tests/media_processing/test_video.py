"""Tests for phananh.reports.media_processing.video: MP4, MOV and WebM metadata blanked in place,
and malformed containers refused the same way by inspect_media and make_public_video."""

from __future__ import annotations

import struct

import pytest

from phananh.reports.media_processing import MediaRejected, make_public_video
from phananh.reports.media_processing.video import ebml_void
from phananh.reports.tests.media_processing.samples import (
    LOCATION,
    MDAT_PAYLOAD,
    SIMPLE_BLOCK,
    TAGS_ID,
    UNKNOWN_SIZE,
    XMP_UUID,
    box,
    ebml_header,
    ftyp,
    full_header_v0,
    inspect,
    large_box,
    mp4_bytes,
    rejection,
    webm_bytes,
)

# --------------------------------------------------------------------------------------------
# ISO BMFF (MP4 / MOV)

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"udta", b"meta"}


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
# WebM (EBML)


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
        void = ebml_void(length)
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
