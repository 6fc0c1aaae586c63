"""Videos: MP4/MOV and WebM metadata (GPS, device, dates) blanked in place.

Nothing is decoded or re-encoded. Metadata boxes and elements are overwritten with filler of the
same length, so every absolute offset in the file stays true and the copy plays as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from phananh.reports.media_processing.types import MediaRejected

__all__ = ["check_video", "ebml_void", "make_public_video"]


def make_public_video(data: bytes, content_type: str) -> bytes:
    """A copy of a video with its metadata (GPS, device, dates) blanked, playable as before."""
    if not data:
        raise MediaRejected.empty()
    buffer = bytearray(data)
    _scrub_video(buffer, content_type, out=buffer)
    return bytes(buffer)


def check_video(data: bytes, content_type: str) -> None:
    """Walk the container as make_public_video will, changing nothing; raises MediaRejected."""
    _scrub_video(data, content_type, out=None)


def _scrub_video(data: bytes | bytearray, content_type: str, *, out: bytearray | None) -> None:
    # Metadata is blanked in `out` (the same buffer as `data`); without it the same walk only
    # validates, so inspect_media and make_public_video can never disagree about what is
    # malformed.
    if content_type in ("video/mp4", "video/quicktime"):
        if not _scrub_bmff(data, 0, len(data), depth=0, out=out):
            raise MediaRejected.corrupt()  # no movie header: nothing could play this
    elif content_type == "video/webm":
        _scrub_webm(data, out=out)
    else:
        raise MediaRejected.unsupported()


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
                raise MediaRejected.corrupt()
            return
        size = int.from_bytes(data[position : position + 4], "big")
        box_type = bytes(data[position + 4 : position + 8])
        header = 8
        if size == 1:
            if remaining < 16:
                raise MediaRejected.corrupt()
            size = int.from_bytes(data[position + 8 : position + 16], "big")
            header = 16
        elif size == 0:
            # "Extends to the end": only the last box of the file may say so.
            if start != 0 or end != len(data):
                raise MediaRejected.corrupt()
            size = remaining
        if size < header or size > remaining:
            raise MediaRejected.corrupt()
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


def _scrub_bmff(
    data: bytes | bytearray, start: int, end: int, *, depth: int, out: bytearray | None
) -> bool:
    """Blank metadata boxes in data[start:end]; return whether a moov box was seen."""
    if depth > _BMFF_MAX_DEPTH:
        raise MediaRejected.corrupt()
    seen_moov = False
    for box_type, box_start, header, box_end in _bmff_boxes(data, start, end):
        payload = box_start + header
        is_xmp = box_type == b"uuid" and data[payload : payload + 16] == _XMP_UUID
        if box_type in _BMFF_METADATA or is_xmp:
            if out is not None:
                _blank_bmff_box(out, box_start, header, box_end)
        elif box_type in _BMFF_TIMED_HEADERS:
            if out is not None:
                _zero_bmff_times(out, payload, box_end)
        elif box_type in _BMFF_CONTAINERS:
            _scrub_bmff(data, payload, box_end, depth=depth + 1, out=out)
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
# (id, element start, payload start, payload end) of an element of known size.
_Element = tuple[int, int, int, int]


def _ebml_id(data: bytes | bytearray, position: int, end: int) -> tuple[int, int]:
    if position >= end:
        raise MediaRejected.corrupt()
    length = 9 - data[position].bit_length()
    if data[position] == 0 or length > 4 or position + length > end:
        raise MediaRejected.corrupt()
    return int.from_bytes(data[position : position + length], "big"), length


def _ebml_size(data: bytes | bytearray, position: int, end: int) -> tuple[int | None, int]:
    """Return (size or None when "unknown", length of the size field)."""
    if position >= end:
        raise MediaRejected.corrupt()
    length = 9 - data[position].bit_length()
    if data[position] == 0 or position + length > end:
        raise MediaRejected.corrupt()
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
            raise MediaRejected.corrupt()
        yield element_id, position, payload, payload + size
        position = payload + size


def ebml_void(length: int) -> bytes:
    """A Void element of exactly `length` bytes (2 or more): what a blanked element becomes."""
    # Its size field may be longer than needed (EBML allows that), which is how any length
    # from 2 bytes up can be matched exactly.
    for size_length in range(1, 9):
        payload = length - 1 - size_length
        if payload < 0:
            break
        if payload < (1 << (7 * size_length)) - 1:
            size_field = (payload | (1 << (7 * size_length))).to_bytes(size_length, "big")
            return bytes([_VOID]) + size_field + bytes(payload)
    raise MediaRejected.corrupt()


def _blank_ebml(data: bytearray, start: int, end: int) -> None:
    data[start:end] = ebml_void(end - start)


def _webm_doctype(data: bytes | bytearray, start: int, end: int) -> bytes | None:
    for element_id, _start, payload, payload_end in _ebml_elements(data, start, end):
        if payload_end is None:
            raise MediaRejected.corrupt()
        if element_id == _EBML_DOCTYPE:
            return bytes(data[payload:payload_end]).rstrip(b"\x00")
    return None


def _scrub_known_master(
    data: bytes | bytearray,
    start: int,
    end: int,
    *,
    out: bytearray | None,
    should_blank: Callable[[_Element], bool],
) -> None:
    # Blank the children should_blank picks; if any is blanked, also blank the master's CRC-32
    # (which would no longer match) rather than leave a checksum error for strict readers.
    children = []
    for element_id, child_start, payload, payload_end in _ebml_elements(data, start, end):
        if payload_end is None:
            raise MediaRejected.corrupt()
        children.append((element_id, child_start, payload, payload_end))
    doomed = [child for child in children if should_blank(child)]
    if doomed:
        doomed += [child for child in children if child[0] == _CRC32]
    if out is not None:
        for _id, child_start, _payload, payload_end in doomed:
            _blank_ebml(out, child_start, payload_end)


def _seek_points_to_tags(data: bytes | bytearray, child: _Element) -> bool:
    element_id, _start, payload, payload_end = child
    if element_id != _SEEK:
        return False
    for inner_id, _inner_start, inner_payload, inner_end in _ebml_elements(
        data, payload, payload_end
    ):
        if inner_id == _SEEK_ID and inner_end is not None:
            return bytes(data[inner_payload:inner_end]) == _TAGS_ID_BYTES
    return False


def _scrub_segment(data: bytes | bytearray, start: int, end: int, *, out: bytearray | None) -> None:
    position = start
    while position < end:
        element_id, id_length = _ebml_id(data, position, end)
        size, size_length = _ebml_size(data, position + id_length, end)
        payload = position + id_length + size_length
        if size is None:
            if element_id != _CLUSTER:
                raise MediaRejected.corrupt()
            # Live recorders (MediaRecorder) write clusters of unknown size; a cluster then
            # ends where the next top-level element begins. Cluster children and Segment
            # children have distinct IDs, so walking on through its children is equivalent.
            position = payload
            continue
        element_end = payload + size
        if element_end > end:
            raise MediaRejected.corrupt()
        if element_id == _TAGS:
            if out is not None:
                _blank_ebml(out, position, element_end)
        elif element_id == _INFO:
            _scrub_known_master(
                data,
                payload,
                element_end,
                out=out,
                should_blank=lambda child: child[0] in _INFO_PRIVATE,
            )
        elif element_id == _SEEK_HEAD:
            _scrub_known_master(
                data,
                payload,
                element_end,
                out=out,
                should_blank=lambda child: _seek_points_to_tags(data, child),
            )
        position = element_end


def _scrub_webm(data: bytes | bytearray, *, out: bytearray | None) -> None:
    elements = _ebml_elements(data, 0, len(data))
    first = next(elements, None)
    if first is None or first[0] != _EBML_HEADER or first[3] is None:
        raise MediaRejected.corrupt()
    if _webm_doctype(data, first[2], first[3]) != b"webm":
        raise MediaRejected.unsupported()
    seen_segment = False
    position = first[3]
    end = len(data)
    while position < end:
        element_id, id_length = _ebml_id(data, position, end)
        size, size_length = _ebml_size(data, position + id_length, end)
        payload = position + id_length + size_length
        element_end = end if size is None else payload + size
        if element_end > end:
            raise MediaRejected.corrupt()
        if element_id == _SEGMENT:
            seen_segment = True
            _scrub_segment(data, payload, element_end, out=out)
        elif size is None:
            raise MediaRejected.corrupt()
        position = element_end
    if not seen_segment:
        raise MediaRejected.corrupt()
