"""Videos as phones send them, made at run time with PyAV: checked, refused with a clear code,
or re-encoded so that the served copy carries no metadata at all (read back with PyAV)."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from PIL import Image

from phananh.reports.media_processing import (
    MediaRejected,
    VideoLimits,
    inspect_media,
    make_public_video,
)
from phananh.reports.tests.media_processing.samples import (
    LIMITS,
    PHONE_METADATA,
    PHONE_TRACES,
    container_metadata,
    video_bytes,
)

# The brand fields of the file type box, which PyAV lists as metadata; and what FFmpeg's muxer
# writes in every track's handler box. Nothing else may be read back.
CONTAINER_KEYS = {"major_brand", "minor_version", "compatible_brands"}
STREAM_VALUES = {
    "handler_name": {"VideoHandler", "SoundHandler"},
    "vendor_id": {"[0][0][0][0]", "FFMP"},
    "language": {"und"},
}
PHONE_SET = [
    ("mov", "libx264", "aac", "video/quicktime"),
    ("mp4", "libx264", "aac", "video/mp4"),
    # PyAV's wheel ships libx265: iPhones record HEVC by default.
    ("mov", "libx265", "aac", "video/quicktime"),
    ("mp4", "libx265", None, "video/mp4"),
    ("webm", "libvpx", "libopus", "video/webm"),
    ("webm", "libvpx-vp9", "libopus", "video/webm"),
]


def _refused(data: bytes, **limits: object) -> MediaRejected:
    with pytest.raises(MediaRejected) as caught:
        inspect_media(data, **LIMITS, video_limits=VideoLimits(**limits))
    return caught.value


@pytest.mark.parametrize(("container", "codec", "audio", "content_type"), PHONE_SET)
def test_a_phone_video_is_served_with_no_metadata(container, codec, audio, content_type):
    original = video_bytes(container, codec, audio, metadata=PHONE_METADATA)
    before, _streams = container_metadata(original)
    if container != "webm":  # WebM has no place for a location
        assert before.get("location", "").startswith("+16.4705")
    info = inspect_media(original, **LIMITS)
    assert (info.kind, info.content_type, info.width, info.height) == (
        "video",
        content_type,
        320,
        240,
    )
    if container != "webm":
        assert info.gps == pytest.approx((16.4705, 107.5760))

    public = make_public_video(original, content_type, VideoLimits(max_side=160))
    metadata, streams = container_metadata(public.video)
    assert set(metadata) <= CONTAINER_KEYS, metadata
    for stream in streams:
        for key, value in stream.items():
            assert value in STREAM_VALUES.get(key, set()), (key, value)
    # (FFmpeg still writes an empty udta/meta/ilst: no item in it.)
    for trace in (*PHONE_TRACES, b"Lavf", b"x264", b"x265", b"\xa9xyz", b"mdta", b"keys"):
        assert trace not in public.video, trace
    import av

    with av.open(io.BytesIO(public.video)) as served:
        assert served.format.name.startswith("mov,mp4")
        codecs = sorted(s.codec_context.name for s in served.streams)
        assert codecs == (["aac", "h264"] if audio else ["h264"])
        video = served.streams.video[0]
        assert (video.codec_context.width, video.codec_context.height) == (160, 120)
        assert sum(1 for _ in served.decode(video)) >= 10
    poster = Image.open(io.BytesIO(public.poster))
    assert (poster.format, poster.size) == ("JPEG", (160, 120))
    assert not poster.getexif()


def test_a_video_longer_than_allowed_is_refused_with_its_limit():
    data = video_bytes(seconds=3)
    error = _refused(data, max_seconds=2)
    assert error.code == "too_long"
    with translation.override("en"):
        assert "at most 2 seconds" in str(error.message)
    with pytest.raises(MediaRejected) as caught:
        make_public_video(data, "video/mp4", VideoLimits(max_seconds=2))
    assert caught.value.code == "too_long"


def test_huge_dimensions_are_refused_before_decoding():
    assert _refused(video_bytes(size=(640, 480)), max_pixels=100_000).code == "too_many_pixels"


def test_a_truncated_file_is_refused():
    data = video_bytes(seconds=2)
    assert _refused(data[: len(data) * 2 // 3]).code == "corrupt"


@pytest.mark.parametrize(
    ("container", "codec", "claimed", "lie"),
    [
        ("mp4", "libx264", b"avc1", b"hvc1"),
        ("webm", "libvpx-vp9", b"V_VP9", b"V_VP8"),
    ],
)
def test_a_container_that_lies_about_its_codec_is_refused(container, codec, claimed, lie):
    data = video_bytes(container, codec, None)
    assert claimed in data
    lying = data.replace(claimed, lie)
    content_type = "video/webm" if container == "webm" else "video/mp4"
    with pytest.raises(MediaRejected) as caught:
        make_public_video(lying, content_type)
    assert caught.value.code in {"corrupt", "unsupported_type"}


def test_a_file_that_lies_about_its_size_is_refused_or_served_clean():
    data = bytearray(video_bytes("mov", metadata=PHONE_METADATA))
    moov = data.find(b"moov") - 4
    data[moov : moov + 4] = (2**31).to_bytes(4, "big")  # far beyond the end of the file
    try:
        public = make_public_video(bytes(data), "video/quicktime")
    except MediaRejected as refused:
        assert refused.code in {"corrupt", "unsupported_type"}
    else:
        assert all(trace not in public.video for trace in PHONE_TRACES)


def test_a_webm_inside_a_file_that_says_mp4_is_refused():
    webm = video_bytes("webm", "libvpx", None)
    with pytest.raises(MediaRejected) as caught:
        make_public_video(webm, "video/mp4")
    assert caught.value.code == "unsupported_type"


def test_a_file_that_takes_too_long_is_stopped_and_refused():
    with pytest.raises(MediaRejected) as caught:
        make_public_video(video_bytes(), "video/mp4", VideoLimits(timeout=0.05))
    assert caught.value.code == "corrupt"
    with translation.override("en"):
        assert "in time" in str(caught.value.message)


def test_a_process_out_of_memory_refuses_the_file_and_nothing_else():
    with pytest.raises(MediaRejected) as caught:
        make_public_video(video_bytes(), "video/mp4", VideoLimits(memory_mb=40))
    assert caught.value.code == "corrupt"


def test_make_public_video_refuses_other_types():
    with pytest.raises(MediaRejected) as caught:
        make_public_video(b"\x89PNG....", "image/png")
    assert caught.value.code == "unsupported_type"
