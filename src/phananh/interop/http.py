"""Outgoing HTTP for forwarding: form or multipart POSTs and GETs, bounded in time and size."""

from __future__ import annotations

import secrets
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence

from django.conf import settings

from phananh.notifications.adapters import DeliveryRefused

MAX_ANSWER_BYTES = 2 * 1024 * 1024
# A file part: (field name, file name, content type, bytes).
FilePart = tuple[str, str, str, bytes]
Fields = Sequence[tuple[str, str]]


def _multipart(fields: Fields, files: Sequence[FilePart]) -> tuple[bytes, str]:
    boundary = "phananh" + secrets.token_hex(12)
    lines: list[bytes] = []
    for name, value in fields:
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"'.encode(),
            b"",
            value.encode(),
        ]
    for name, filename, content_type, data in files:
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'.encode(),
            f"Content-Type: {content_type}".encode(),
            b"",
            data,
        ]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"


def _checked(url: str) -> str:
    if not url.startswith(("https://", "http://")):
        raise DeliveryRefused(f"not an http(s) URL: {url[:100]}")
    return url


def _open(request: urllib.request.Request) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=settings.OUTGOING_TIMEOUT) as response:  # noqa: S310
            return response.status, response.read(MAX_ANSWER_BYTES)
    except urllib.error.HTTPError as error:
        return error.code, error.read(MAX_ANSWER_BYTES)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise RuntimeError(f"unreachable: {error}") from error


def post(
    url: str,
    fields: Fields,
    *,
    files: Sequence[FilePart] = (),
    headers: Mapping[str, str] | None = None,
) -> tuple[int, bytes]:
    """POST form fields (multipart when there are files); (status, body)."""
    if files:
        data, content_type = _multipart(fields, files)
    else:
        data = urllib.parse.urlencode(list(fields)).encode()
        content_type = "application/x-www-form-urlencoded"
    request = urllib.request.Request(  # noqa: S310
        _checked(url),
        data=data,
        headers={"Content-Type": content_type, "User-Agent": "phananh", **(headers or {})},
        method="POST",
    )
    return _open(request)


def get(url: str, params: Fields) -> tuple[int, bytes]:
    query = urllib.parse.urlencode(list(params))
    request = urllib.request.Request(  # noqa: S310
        _checked(f"{url}?{query}" if query else url), headers={"User-Agent": "phananh"}
    )
    return _open(request)


def get_bytes(url: str, limit: int) -> bytes:
    """A file the agency's system points to (its result photo), at most `limit` bytes."""
    request = urllib.request.Request(_checked(url), headers={"User-Agent": "phananh"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.OUTGOING_TIMEOUT) as response:  # noqa: S310
            data = response.read(limit + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise RuntimeError(f"unreachable: {error}") from error
    if len(data) > limit:
        raise RuntimeError("the file is larger than allowed")
    return data
