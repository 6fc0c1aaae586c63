"""Uploads built in memory for the media tests: photos with Pillow, videos box by box.

Nothing here needs the database; the builders are shared by the tests of each media module.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from phananh.reports.media_processing import MediaInfo, MediaRejected, inspect_media

MB = 1024 * 1024
LIMITS = {"max_photo_bytes": 10 * MB, "max_video_bytes": 50 * MB, "max_pixels": 40_000_000}


def inspect(data: bytes, **overrides: int) -> MediaInfo:
    return inspect_media(data, **{**LIMITS, **overrides})


def rejection(data: bytes, **overrides: int) -> MediaRejected:
    with pytest.raises(MediaRejected) as caught:
        inspect(data, **overrides)
    return caught.value


# --------------------------------------------------------------------------------------------
# Photo samples


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


# --------------------------------------------------------------------------------------------
# Video samples: ISO BMFF (MP4 / MOV)

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


# --------------------------------------------------------------------------------------------
# Video samples: WebM (EBML)


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


# --------------------------------------------------------------------------------------------
# Real videos, made at run time with PyAV (as phones send them)

# What a phone writes: where (ISO 6709, QuickTime ©xyz and Apple's key), the device, when.
PHONE_METADATA = {
    "location": "+16.4705+107.5760/",
    "com.apple.quicktime.location.ISO6709": "+16.4705+107.5760+012.000/",
    "com.apple.quicktime.make": "Apple",
    "com.apple.quicktime.model": "iPhone 15 Pro",
    "make": "Apple",
    "model": "iPhone 15 Pro",
    "creation_time": "2026-11-30T07:15:00.000000Z",
    "title": "Kiệt 5 Lê Lợi",
}
PHONE_TRACES = (b"16.4705", b"107.5760", b"iPhone", b"Apple", b"2026-11-30", "Lê Lợi".encode())


def video_bytes(
    container: str = "mp4",
    codec: str = "libx264",
    audio: str | None = "aac",
    *,
    metadata: dict[str, str] | None = None,
    seconds: float = 1.0,
    size: tuple[int, int] = (320, 240),
    rate: int = 15,
) -> bytes:
    """A real video: a moving gradient (and a tone), with the given container metadata."""
    import math

    import av
    import numpy

    buffer = io.BytesIO()
    options = {"movflags": "use_metadata_tags"} if container in ("mp4", "mov") else {}
    out = av.open(buffer, mode="w", format=container, options=options)
    out.metadata.update(metadata or {})
    video = out.add_stream(codec, rate=rate)
    video.width, video.height, video.pix_fmt = size[0], size[1], "yuv420p"
    if codec == "libx265":
        video.options = {"x265-params": "log-level=none"}
    sound = out.add_stream(audio, rate=48000) if audio else None
    width, height = size
    for index in range(max(1, int(seconds * rate))):
        x = numpy.linspace(0, 255, width, dtype=numpy.float32)
        row = (x + index * 8) % 256
        picture = numpy.repeat(numpy.repeat(row[None, :, None], height, 0), 3, 2).astype("uint8")
        frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
        for packet in video.encode(frame):
            out.mux(packet)
    for packet in video.encode():
        out.mux(packet)
    if sound is not None:
        samples = int(48000 * seconds)
        tone = numpy.array(
            [[0.2 * math.sin(2 * math.pi * 440 * n / 48000) for n in range(samples)]] * 2,
            dtype=numpy.float32,
        )
        frame = av.AudioFrame.from_ndarray(tone.reshape(1, -1), format="flt", layout="stereo")
        frame.sample_rate = 48000
        for packet in sound.encode(frame):
            out.mux(packet)
        for packet in sound.encode():
            out.mux(packet)
    out.close()
    return buffer.getvalue()


def container_metadata(data: bytes) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The metadata PyAV reads from a file: the container's and each stream's."""
    import av

    with av.open(io.BytesIO(data)) as container:
        return dict(container.metadata), [dict(s.metadata) for s in container.streams]
