"""Videos, with PyAV: the real container and codecs checked, a poster image, and a public copy
re-encoded to H.264/AAC MP4 at a bounded size with no metadata at all.

Every look at an uploaded video runs in a child process (`video_worker.py`) with a wall-clock
timeout, a CPU-time limit, an address-space limit and a file-size limit (`resource.setrlimit`),
so a truncated file, a file that lies about its codec or its size, or one whose dimensions
would exhaust memory is refused — never a crash or a stuck worker.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from phananh.reports.media_processing.types import VIDEO_TYPES, MediaRejected

__all__ = ["PublicVideo", "VideoFacts", "VideoLimits", "inspect_video", "make_public_video"]

_WORKER = "phananh.reports.media_processing.video_worker"


@dataclass(frozen=True)
class VideoLimits:
    """What an accepted video may be, and what processing one may cost."""

    max_seconds: float = 180
    max_pixels: int = 40_000_000
    max_side: int = 1280
    timeout: float = 300
    memory_mb: int = 1536


@dataclass(frozen=True)
class VideoFacts:
    """What opening a video told us."""

    width: int
    height: int
    seconds: float | None
    codec: str
    gps: tuple[float, float] | None
    taken_at: datetime | None


@dataclass(frozen=True)
class PublicVideo:
    """The public copy (H.264/AAC MP4, no metadata) and its poster (a JPEG)."""

    video: bytes
    poster: bytes
    width: int
    height: int


def _limiter(limits: VideoLimits, output_cap: int) -> Callable[[], None]:
    def apply() -> None:
        memory = limits.memory_mb * 1024 * 1024
        cpu = max(1, int(limits.timeout))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        resource.setrlimit(resource.RLIMIT_FSIZE, (output_cap, output_cap))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _run(
    mode: str, data: bytes, content_type: str, limits: VideoLimits
) -> tuple[dict[str, Any], bytes]:
    if not data:
        raise MediaRejected.empty()
    if content_type not in VIDEO_TYPES:
        raise MediaRejected.unsupported()
    arguments = {
        "content_type": content_type,
        "max_seconds": limits.max_seconds,
        "max_pixels": limits.max_pixels,
        "max_side": limits.max_side,
    }
    timeout = limits.timeout if mode == "publish" else min(limits.timeout, 60)
    try:
        finished = subprocess.run(
            [sys.executable, "-m", _WORKER, mode, json.dumps(arguments)],
            input=data,
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limiter(limits, output_cap=max(len(data) * 4, 256 * 1024 * 1024)),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise MediaRejected.too_slow() from exc
    header, _newline, rest = finished.stdout.partition(b"\n")
    try:
        answer: dict[str, Any] = json.loads(header)
    except ValueError:
        # Killed by a limit (memory, CPU), or crashed inside a decoder: the file is refused.
        raise MediaRejected.corrupt() from None
    error = answer.get("error")
    if error == "too_long":
        raise MediaRejected.too_long(limits.max_seconds)
    if error == "too_many_pixels":
        raise MediaRejected.too_many_pixels(limits.max_pixels)
    if error == "unsupported_type":
        raise MediaRejected.unsupported()
    if error:
        raise MediaRejected.corrupt()
    return answer, rest


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _facts(answer: dict[str, Any]) -> VideoFacts:
    gps = answer.get("gps")
    return VideoFacts(
        width=int(answer["width"]),
        height=int(answer["height"]),
        seconds=answer.get("seconds"),
        codec=str(answer.get("codec", "")),
        gps=(float(gps[0]), float(gps[1])) if gps else None,
        taken_at=_when(answer.get("taken_at")),
    )


def inspect_video(data: bytes, content_type: str, limits: VideoLimits) -> VideoFacts:
    """Open the container and decode its first picture; raises MediaRejected."""
    answer, _rest = _run("probe", data, content_type, limits)
    return _facts(answer)


def make_public_video(
    data: bytes, content_type: str, limits: VideoLimits | None = None
) -> PublicVideo:
    """The public copy: H.264/AAC MP4, at most `max_side` px, no metadata; and its poster."""
    answer, rest = _run("publish", data, content_type, limits or VideoLimits())
    size = int(answer["video_bytes"])
    video, poster = rest[:size], rest[size : size + int(answer["poster_bytes"])]
    if not video or not poster:
        raise MediaRejected.corrupt()
    return PublicVideo(
        video=video,
        poster=poster,
        width=int(answer["public_width"]),
        height=int(answer["public_height"]),
    )
