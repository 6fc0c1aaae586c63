"""A JPEG's picture without its metadata, losslessly: the compressed scans copied as they are.

A JPEG is a chain of marker segments. The picture lives in the quantisation and Huffman tables
(DQT, DHT), the frame header (SOF), the restart interval (DRI) and the scans (SOS and the
entropy-coded data after each); everything a camera or an app adds about the photo lives in
application segments (APP0–APP15: EXIF with GPS and the device, XMP, ICC profiles, IPTC, JFIF
and EXIF thumbnails, MPF) and comments (COM), or after the end-of-image marker (a phone's
"motion photo" video, a gain map, an appended file). `picture_only` keeps the first kind, writes
a plain JFIF header and ends at the first end-of-image: nothing of the second kind is copied,
whatever it holds.

It answers None for anything it does not fully understand — arithmetic coding, lossless or
hierarchical frames, an Adobe colour-transform segment, four-component (CMYK) frames, a marker
out of place, a file that ends early, components named R, G and B (read as RGB only without the
JFIF header the copy adds) — and the caller re-encodes the photo instead. (piexif's
`remove` drops only the EXIF segment; no library on PyPI drops all of them without decoding.)
"""

from __future__ import annotations

import re

__all__ = ["picture_only"]

_SOI, _EOI, _SOS, _APP14 = 0xD8, 0xD9, 0xDA, 0xEE
# Huffman-coded frames: baseline, extended sequential, progressive.
_FRAMES = frozenset({0xC0, 0xC1, 0xC2})
# Tables and the restart interval: the picture needs them.
_TABLES = frozenset({0xC4, 0xDB, 0xDD})
_APPLICATION = frozenset(range(0xE0, 0xF0))
_COMMENT = 0xFE
_RESTARTS = frozenset(range(0xD0, 0xD8))

# JFIF 1.01, no units, 1:1 pixel aspect, no thumbnail.
_PLAIN_JFIF = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


# Inside entropy-coded data 0xFF is followed by 0x00 (a stuffed byte), a restart marker
# (D0–D7) or another 0xFF (fill); anything else is the next marker.
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _scan_end(data: bytes, start: int) -> int:
    """Where the entropy-coded data starting at `start` ends (the next marker), or -1."""
    found = _NEXT_MARKER.search(data, start)
    return found.start() if found else -1


def picture_only(data: bytes) -> bytes | None:
    """The JPEG `data` with only what draws its picture, or None to re-encode it instead."""
    if data[:2] != b"\xff\xd8":
        return None
    kept = [b"\xff\xd8", _PLAIN_JFIF]
    position, frame, scans = 2, False, 0
    while position + 2 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill bytes before a marker
            position += 1
            continue
        if marker == _EOI:
            if not (frame and scans):
                return None
            kept.append(b"\xff\xd9")
            return b"".join(kept)
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        end = position + 2 + length
        if length < 2 or end > len(data) or position + 4 > len(data):
            return None
        segment = data[position:end]
        if marker in _FRAMES:
            # Precision, height, width, then the component count: 1 (grey) or 3 (YCbCr).
            if frame or length < 8 or segment[9] not in (1, 3):
                return None
            if segment[9] == 3 and segment[10:17:3] == b"RGB":
                # Components named R, G, B are read as RGB only without a JFIF header, and the
                # copy carries one: its colours would change.
                return None
            frame = True
            kept.append(segment)
        elif marker in _TABLES:
            kept.append(segment)
        elif marker == _SOS:
            if not frame:
                return None
            scan_end = _scan_end(data, end)
            if scan_end < 0:
                return None
            kept.append(data[position:scan_end])
            scans += 1
            end = scan_end
        elif marker == _APP14:
            # Adobe's segment says how to read the colour channels (RGB, YCbCr, YCCK);
            # dropping it could change the colours.
            return None
        elif marker in _APPLICATION or marker == _COMMENT:
            pass
        else:
            return None
        position = end
    return None
