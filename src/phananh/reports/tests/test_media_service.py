"""Media through the intake: private original with hash, public copy without EXIF after commit."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.db import transaction
from PIL import Image

from phananh.conftest import jpeg_bytes
from phananh.core.errors import InvalidInput
from phananh.demo.photos import demo_photo
from phananh.reports.choices import MediaState
from phananh.reports.media import media_process
from phananh.reports.models import Media, Report

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def test_photo_is_kept_private_and_published_without_exif(
    submit, settings, django_capture_on_commit_callbacks
):
    original = demo_photo("lighting", 7)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # has GPS
    with django_capture_on_commit_callbacks(execute=True):
        report = submit(uploads=[upload(original, "IMG_0001.JPG")])
    media = report.media.get()
    assert media.sha256 == hashlib.sha256(original).hexdigest()
    assert media.content_type == "image/jpeg"
    assert media.gps_lat is not None and 15 < media.gps_lat < 17
    assert media.original.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not media.original.path.startswith(str(settings.MEDIA_ROOT))
    assert media.state == MediaState.READY  # processed by the task after commit
    public = media.public_file.read()
    assert b"Exif" not in public
    assert not Image.open(io.BytesIO(public)).getexif()
    assert Image.open(media.thumbnail.path).size == (400, 400)
    assert report.media_count == 1


def test_processing_twice_does_nothing_more(submit):
    report = submit(uploads=[jpeg_bytes()])
    media = report.media.get()
    assert media.state == MediaState.PENDING  # no commit yet inside the test transaction
    media_process(media_id=media.pk)
    first = Media.objects.get(pk=media.pk).public_file.name
    media_process(media_id=media.pk)
    assert Media.objects.get(pk=media.pk).public_file.name == first


def test_a_run_killed_before_its_commit_leaves_no_second_copy(submit):
    """A worker writes the copies, then dies before committing: the re-run writes over them."""
    report = submit(uploads=[jpeg_bytes()])
    media = report.media.get()

    def stored() -> set[str]:
        found = set()
        for field in ("public_file", "thumbnail"):
            file = getattr(Media.objects.get(pk=media.pk), field)
            folder = media.created_at.strftime(file.field.upload_to)
            if file.storage.exists(folder):
                found |= {folder + name for name in file.storage.listdir(folder)[1]}
        return found

    before = stored()

    class Killed(Exception):
        pass

    with pytest.raises(Killed), transaction.atomic():
        media_process(media_id=media.pk)
        raise Killed
    assert Media.objects.get(pk=media.pk).state == MediaState.PENDING
    media_process(media_id=media.pk)
    media = Media.objects.get(pk=media.pk)
    assert media.state == MediaState.READY
    copies = {media.public_file.name, media.thumbnail.name}
    assert copies <= stored()
    assert stored() - before <= copies  # nothing beside the two copies the row names


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"%PDF-1.7 not a photo", "photo.jpg", "media_unsupported_type"),
        (b"<html><script>alert(1)</script></html>", "x.png", "media_unsupported_type"),
        (b"", "empty.jpg", "media_empty"),
        (jpeg_bytes().getvalue()[:200], "cut.jpg", "media_corrupt"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_kept(submit, data, name, code):
    with pytest.raises(InvalidInput) as error:
        submit(uploads=[upload(data, name)])
    assert error.value.code == code
    assert name in str(error.value.message)
    assert not Report.objects.exists()
    assert not Media.objects.exists()


def test_decompression_bomb_is_refused(submit, settings):
    settings.MEDIA_MAX_PIXELS = 1_000_000
    big = io.BytesIO()
    Image.new("1", (2000, 2000)).save(big, "PNG")  # tiny file, 4 million pixels
    with pytest.raises(InvalidInput) as error:
        submit(uploads=[upload(big.getvalue(), "bomb.png")])
    assert error.value.code == "media_too_many_pixels"


def test_oversized_upload_is_refused(submit, settings):
    settings.MEDIA_MAX_BYTES = 1000
    with pytest.raises(InvalidInput) as error:
        submit(uploads=[upload(demo_photo("road", 1), "big.jpg")])
    assert error.value.code == "media_too_large"


def test_a_file_checked_once_is_not_decoded_again_unless_its_bytes_changed(monkeypatch):
    from phananh.reports import media as media_module

    calls = []
    real = media_module.inspect_media
    monkeypatch.setattr(
        media_module, "inspect_media", lambda data, **kw: calls.append(1) or real(data, **kw)
    )
    photo = upload(jpeg_bytes().getvalue(), "a.jpg")
    first = media_module.media_inspect(photo)
    assert media_module.media_inspect(photo) == first  # the Open311 view, then the intake
    assert len(calls) == 1
    photo.seek(0)
    photo.write(b"\xff\xd8 not a photo any more")
    photo.truncate()
    with pytest.raises(InvalidInput):
        media_module.media_inspect(photo)
    assert len(calls) == 2
