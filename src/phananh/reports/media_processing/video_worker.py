"""The process that opens an uploaded video with PyAV, run by `video.py` under hard limits.

Untrusted bytes reach FFmpeg's demuxers and decoders only here, in a child process whose CPU
time, memory and file sizes are capped and which is killed past its wall-clock timeout: a
hostile file can fail this process, never the web server or the worker that started it.

`python -m phananh.reports.media_processing.video_worker probe|publish LIMITS_JSON` reads the
video on stdin and writes one JSON line on stdout — `{"error": code}` or the facts — followed,
for `publish`, by the public MP4 and the poster JPEG (their lengths are in the JSON line).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tempfile
from fractions import Fraction
from typing import Any

# Families of FFmpeg demuxers each sniffed type must really be.
CONTAINERS = {
    "video/mp4": "mov,mp4,m4a,3gp,3g2,mj2",
    "video/quicktime": "mov,mp4,m4a,3gp,3g2,mj2",
    "video/webm": "matroska,webm",
}
VIDEO_CODECS = frozenset({"h264", "hevc", "vp8", "vp9", "av1", "mpeg4"})
AUDIO_CODECS = frozenset({"aac", "opus", "vorbis", "mp3", "ac3", "pcm_s16le", "pcm_s16be"})
MAX_SIDE = 8192
# ISO 6709, as phones write it (QuickTime ©xyz, com.apple.quicktime.location.ISO6709).
_ISO6709 = re.compile(r"^\s*([+-]\d{1,2}(?:\.\d+)?)([+-]\d{1,3}(?:\.\d+)?)")
_LOCATION_KEYS = ("location", "com.apple.quicktime.location.ISO6709", "location-eng")


class Refused(Exception):
    """The video is refused, with one of MediaRejected's codes."""

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


def _gps(metadata: dict[str, str]) -> list[float] | None:
    for key in _LOCATION_KEYS:
        match = _ISO6709.match(metadata.get(key, ""))
        if match:
            lat, lon = float(match.group(1)), float(match.group(2))
            if -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0, 0):
                return [lat, lon]
    return None


def _open(data: bytes, content_type: str, limits: dict[str, Any]) -> Any:
    import av

    try:
        container = av.open(io.BytesIO(data), mode="r", metadata_errors="ignore")
    except Exception as exc:
        raise Refused("corrupt") from exc
    if container.format.name != CONTAINERS.get(content_type):
        raise Refused("unsupported_type")  # the bytes say one container, FFmpeg finds another
    if not container.streams.video:
        raise Refused("unsupported_type")
    stream = container.streams.video[0]
    context = stream.codec_context
    if context.name not in VIDEO_CODECS:
        raise Refused("unsupported_type")
    width, height = context.width or 0, context.height or 0
    if not width or not height:
        raise Refused("corrupt")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > limits["max_pixels"]:
        raise Refused("too_many_pixels")
    duration = container.duration / 1_000_000 if container.duration else None
    if duration is not None and duration > limits["max_seconds"]:
        raise Refused("too_long", seconds=duration)
    return container


def _facts(container: Any) -> dict[str, Any]:
    stream = container.streams.video[0]
    metadata = {str(k): str(v) for k, v in container.metadata.items()}
    for other in container.streams:
        metadata.update({str(k): str(v) for k, v in other.metadata.items() if k not in metadata})
    return {
        "width": stream.codec_context.width,
        "height": stream.codec_context.height,
        "seconds": container.duration / 1_000_000 if container.duration else None,
        "codec": stream.codec_context.name,
        "gps": _gps(metadata),
        "taken_at": metadata.get("creation_time") or None,
    }


def _first_frame(container: Any, limits: dict[str, Any]) -> Any:
    """Decode up to the first picture: a file whose codec is not what it claims fails here."""
    stream = container.streams.video[0]
    try:
        for frame in container.decode(stream):
            if frame.width * frame.height > limits["max_pixels"]:
                raise Refused("too_many_pixels")
            return frame
    except Refused:
        raise
    except Exception as exc:
        raise Refused("corrupt") from exc
    raise Refused("corrupt")


def _even(value: float) -> int:
    return max(2, int(value) // 2 * 2)


def _scaled(width: int, height: int, max_side: int) -> tuple[int, int]:
    scale = min(1.0, max_side / max(width, height))
    return _even(width * scale), _even(height * scale)


def _upright(frame: Any) -> Any:
    """The picture as the phone meant it to be seen (its display rotation applied)."""
    import av
    import numpy

    turns = round(-(getattr(frame, "rotation", 0) or 0) / 90) % 4
    if not turns:
        return frame
    rotated = numpy.rot90(frame.to_ndarray(format="rgb24"), k=-turns)
    upright = av.VideoFrame.from_ndarray(numpy.ascontiguousarray(rotated), format="rgb24")
    upright.pts, upright.time_base = frame.pts, frame.time_base
    return upright


def _poster(frame: Any, max_side: int) -> bytes:
    image = _upright(frame).to_image()
    image.thumbnail((max_side, max_side))
    # A new image: nothing of the source's metadata can be carried over.
    from PIL import Image

    clean = Image.new("RGB", image.size)
    clean.paste(image.convert("RGB"))
    buffer = io.BytesIO()
    clean.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _publish(
    data: bytes, content_type: str, limits: dict[str, Any]
) -> tuple[dict[str, Any], bytes, bytes]:
    """Re-encode to H.264/AAC MP4 with no metadata; the poster from the first picture."""
    import av

    container = _open(data, content_type, limits)
    facts = _facts(container)
    source = container.streams.video[0]
    audio = container.streams.audio[0] if container.streams.audio else None
    if audio is not None and audio.codec_context.name not in AUDIO_CODECS:
        audio = None  # a sound track we do not know is dropped rather than trusted
    first = _upright(_first_frame(container, limits))
    width, height = _scaled(first.width, first.height, limits["max_side"])
    poster = _poster(first, limits["max_side"])
    container.seek(0)
    rate = source.average_rate or Fraction(30)
    if rate > 60 or rate <= 0:
        rate = Fraction(30)
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "public.mp4")
        # bitexact: no "encoder" tag; no metadata is copied over, so none is written.
        out = av.open(path, mode="w", format="mp4", options={"fflags": "+bitexact"})
        video_out = out.add_stream("libx264", rate=rate)
        video_out.width, video_out.height, video_out.pix_fmt = width, height, "yuv420p"
        video_out.options = {"crf": "26", "preset": "veryfast", "threads": "2"}
        audio_out = None
        if audio is not None:
            audio_out = out.add_stream("aac", rate=48000)
            audio_out.layout = "stereo"
            resampler = av.AudioResampler(format="fltp", layout="stereo", rate=48000)
        # x264 writes its version and settings into the stream (an SEI unit): removed too,
        # by a filter made once the encoder is open (it copies the stream's parameters).
        strips: list[Any] = []

        def strip(packet: Any) -> list[Any]:
            if not strips:
                strips.append(av.BitStreamFilterContext("filter_units=remove_types=6", video_out))
            filtered = list(strips[0].filter(packet))
            for item in filtered:
                item.stream = video_out
            return filtered

        streams = [source] + ([audio] if audio is not None else [])
        last_pts = -1
        try:
            for packet in container.demux(*streams):
                for frame in packet.decode():
                    if isinstance(frame, av.VideoFrame):
                        if frame.time is not None and frame.time > limits["max_seconds"]:
                            raise Refused("too_long", seconds=frame.time)
                        picture = _upright(frame).reformat(
                            width=width, height=height, format="yuv420p"
                        )
                        pts = round(frame.time * rate) if frame.time is not None else last_pts + 1
                        pts = max(pts, last_pts + 1)
                        last_pts = picture.pts = pts
                        picture.time_base = Fraction(1) / rate
                        for encoded in video_out.encode(picture):
                            for clean in strip(encoded):
                                out.mux(clean)
                    elif audio_out is not None:
                        frame.pts = None
                        for resampled in resampler.resample(frame):
                            for encoded in audio_out.encode(resampled):
                                out.mux(encoded)
        except Refused:
            raise
        except Exception as exc:
            raise Refused("corrupt") from exc
        for encoded in video_out.encode():
            for clean in strip(encoded):
                out.mux(clean)
        for clean in strip(None) if strips else ():
            out.mux(clean)
        if audio_out is not None:
            for encoded in audio_out.encode():
                out.mux(encoded)
        out.close()
        if last_pts < 0:
            raise Refused("corrupt")
        with open(path, "rb") as handle:
            video = handle.read()
    return {**facts, "public_width": width, "public_height": height}, video, poster


def main(argv: list[str]) -> int:
    mode, limits = argv[0], json.loads(argv[1])
    data = sys.stdin.buffer.read()
    payloads: list[bytes] = []
    try:
        import av

        av.logging.set_level(av.logging.PANIC)
        if mode == "probe":
            container = _open(data, limits["content_type"], limits)
            header = _facts(container)
            _first_frame(container, limits)
        else:
            header, video, poster = _publish(data, limits["content_type"], limits)
            header.update(video_bytes=len(video), poster_bytes=len(poster))
            payloads = [video, poster]
    except Refused as refused:
        header, payloads = {"error": refused.code, **refused.details}, []
    out = sys.stdout.buffer
    out.write(json.dumps(header).encode() + b"\n")
    for payload in payloads:
        out.write(payload)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
