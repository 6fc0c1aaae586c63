"""A phone's video through the one intake: its GPS proposes the place, the worker serves an
H.264 MP4 without metadata and a poster as the thumbnail; the original stays private."""

from __future__ import annotations

import hashlib
import io

import pytest

from phananh.reports.choices import MediaState
from phananh.reports.models import Media
from phananh.reports.tests.media_processing.samples import (
    PHONE_METADATA,
    PHONE_TRACES,
    container_metadata,
    video_bytes,
)

pytestmark = pytest.mark.django_db


def _upload(data: bytes, name: str) -> io.BytesIO:
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def test_a_video_places_the_report_and_is_served_clean(submit, django_capture_on_commit_callbacks):
    original = video_bytes("mov", metadata=PHONE_METADATA)
    with django_capture_on_commit_callbacks(execute=True):
        report = submit(lat=None, lon=None, uploads=[_upload(original, "IMG_0001.MOV")])
    assert report.lat == pytest.approx(16.4705) and report.lon == pytest.approx(107.5760)
    assert report.events.get(action="submit").payload["located_from"] == "photo"
    media = Media.objects.get(report=report)
    assert media.state == MediaState.READY
    assert media.sha256 == hashlib.sha256(original).hexdigest()
    assert media.original.read() == original  # the private original, untouched
    served = media.public_file.read()
    assert media.public_file.name.endswith(".mp4") and media.thumbnail.name.endswith(".jpg")
    metadata, _streams = container_metadata(served)
    assert "location" not in metadata and "model" not in metadata
    assert all(trace not in served for trace in PHONE_TRACES)


def test_an_undecodable_video_is_refused_at_the_form(client, submit):
    data = video_bytes("mp4", seconds=2)
    from phananh.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        submit(uploads=[_upload(data[: len(data) // 2], "cut.mp4")])
    assert caught.value.code == "media_corrupt"
    assert "cut.mp4" in str(caught.value)
