"""Tests for phananh.reports.media_processing.types, through inspect_media: type from the bytes,
size limits, and the rejections' codes and messages."""

from __future__ import annotations

import io

import pytest
from django.utils import translation

from phananh.reports.media_processing import MediaRejected
from phananh.reports.media_processing.types import guess_mime, sniff
from phananh.reports.tests.media_processing.samples import (
    MB,
    box,
    gradient_image,
    inspect,
    jpeg_bytes,
    mp4_bytes,
    png_bytes,
    rejection,
    video_bytes,
)


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


def test_rejection_codes_are_checked() -> None:
    with pytest.raises(ValueError):
        MediaRejected("nope", "whatever")


def test_inspect_mp4_and_mov() -> None:
    info = inspect(video_bytes("mp4"))
    assert (info.kind, info.content_type, info.extension) == ("video", "video/mp4", "mp4")
    assert (info.width, info.height, info.gps) == (320, 240, None)
    info = inspect(video_bytes("mov"))
    assert (info.content_type, info.extension) == ("video/quicktime", "mov")


def test_a_container_without_real_streams_is_refused() -> None:
    assert rejection(mp4_bytes()).code in {"corrupt", "unsupported_type"}


def test_oversize_video_is_too_large() -> None:
    data = video_bytes("mp4")
    error = rejection(data, max_video_bytes=len(data) - 1)
    assert error.code == "too_large"
    with translation.override("en"):
        assert "MB" in str(error.message)
    # The photo limit does not apply to videos.
    assert inspect(data, max_photo_bytes=10).kind == "video"


def test_audio_only_mp4_is_unsupported() -> None:
    data = box(b"ftyp", b"M4A ", b"\x00\x00\x00\x00", b"M4A isommp42") + box(b"moov")
    assert rejection(data).code == "unsupported_type"


def test_sniff_names_kind_type_and_extension_from_the_bytes_alone() -> None:
    assert sniff(jpeg_bytes()) == ("photo", "image/jpeg", "jpg")
    assert sniff(mp4_bytes()) == ("video", "video/mp4", "mp4")
    assert sniff(mp4_bytes(b"qt  ")) == ("video", "video/quicktime", "mov")
    assert guess_mime(b"") is None
    assert guess_mime(b"%PDF-1.7") == "application/pdf"
    with pytest.raises(MediaRejected) as caught:
        sniff(b"%PDF-1.7")
    assert caught.value.code == "unsupported_type"
